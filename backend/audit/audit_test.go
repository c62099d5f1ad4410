package audit

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func TestLogIsAppendOnlyAndFilters(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if err := Log(ctx, tx, Record{StaffName: "王老板", Action: "修改积分规则", TargetLabel: "积分规则",
			Details: Change{Old: map[string]int{"expiryMonths": 0}, New: map[string]int{"expiryMonths": 12}}}); err != nil {
			return err
		}
		return Log(ctx, tx, Record{StaffName: "小王", Action: "导出客户", Details: map[string]int{"rows": 520}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_entries SET staff_name = '别人'`, `DELETE FROM audit_entries`} {
		if _, err := db.W.Exec(q); err == nil || !strings.Contains(err.Error(), "操作日志只能追加") {
			t.Errorf("%s: %v", q, err)
		}
	}
	p, err := List(ctx, db.R, Filter{Action: "修改积分规则"})
	if err != nil || p.Total != 1 || !strings.Contains(p.Items[0].Details, `"old":{"expiryMonths":0}`) || len(p.Actions) != 2 {
		t.Fatalf("filtered %+v %v", p, err)
	}
	today := store.Today()
	if p, _ := List(ctx, db.R, Filter{From: today, To: today}); p.Total != 2 {
		t.Fatalf("today's entries: %d", p.Total)
	}
	if p, err := List(ctx, db.R, Filter{From: "2000-01-01", To: "2000-01-02"}); err != nil || p.Total != 0 {
		t.Fatalf("old range: %d %v", p.Total, err)
	}
}
