package customers_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func seedSearch(t *testing.T) *store.DB {
	db := storetest.Open(t)
	for _, in := range []customers.Input{
		{Name: "张三", Mobile: "13800138000"},
		{Name: "张晓明", Mobile: "13900008000", Company: "蜀都酒业有限公司"},
		{Name: "曾小贤", Mobile: "13512345678"},
		{Name: "尉迟恭", Mobile: "18612340000"},
		{Name: "李思", Mobile: "15000001111", Company: "张氏建设集团"},
	} {
		create(t, db, in)
	}
	return db
}

func names(hits []customers.Hit) string {
	var s []string
	for _, h := range hits {
		s = append(s, h.Name+":"+h.Match)
	}
	return strings.Join(s, ",")
}

func TestSearchKindsAndRanking(t *testing.T) {
	db := seedSearch(t)
	cases := []struct{ q, want string }{
		{"zs", "张三:initials"},
		{"zxm", "张晓明:initials"},
		{"zhang", "张三:pinyin,张晓明:pinyin"},
		{"zengx", "曾小贤:pinyin"},
		{"zx", "张晓明:initials,曾小贤:initials"},
		{"ycg", "尉迟恭:initials"},
		{"yuchi", "尉迟恭:pinyin"},
		{"13800138000", "张三:mobile"},
		{"138 0013 8000", "张三:mobile"},
		{"8000", "张三:last4,张晓明:last4"},
		{"1351", "曾小贤:phone_prefix"},
		{"张三", "张三:name"},
		{"晓明", "张晓明:name"},
		{"张", "张三:name,张晓明:name,李思:company"},
		{"蜀都酒业", "张晓明:company"},
		{"都酒", "张晓明:company"},
		{"酒业有限", "张晓明:company"},
		{"业有限集团", ""},
		{"王", ""},
	}
	for _, c := range cases {
		hits, err := customers.Search(ctx, db.R, c.q, 20, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(hits); got != c.want {
			t.Errorf("Search(%q) = %s; want %s", c.q, got, c.want)
		}
	}
}

func TestSearchFollowsEdits(t *testing.T) {
	db := seedSearch(t)
	hits, _ := customers.Search(ctx, db.R, "zs", 20, false)
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Update(ctx, tx, hits[0].ID, customers.Input{Name: "王三", Mobile: "13800138000"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if hits, err := customers.Search(ctx, db.R, "zs", 20, false); err != nil || len(hits) != 0 {
		t.Fatalf("old name still found: %s %v", names(hits), err)
	}
	if hits, _ := customers.Search(ctx, db.R, "ws", 20, false); names(hits) != "王三:initials" {
		t.Fatalf("new initials: %s", names(hits))
	}
	if hits, err := customers.Search(ctx, db.R, "张三", 20, false); err != nil || len(hits) != 0 {
		t.Fatalf("old name fragment still indexed: %s %v", names(hits), err)
	}
}

// Every search statement must use an index: a full scan is 100+ ms at a million customers.
func TestSearchStatementsNeverScanCustomers(t *testing.T) {
	db := seedSearch(t)
	for _, includeArchived := range []bool{false, true} {
		for _, q := range []string{"zs", "zhang", "13800138000", "8000", "1380", "张", "张三", "蜀都酒业", "z"} {
			plans, err := customers.SearchPlans(ctx, db.R, q, includeArchived)
			if err != nil {
				t.Fatalf("includeArchived=%v: %v", includeArchived, err)
			}
			if len(plans) == 0 {
				t.Fatalf("query %q (includeArchived=%v) runs no statement", q, includeArchived)
			}
			for _, plan := range plans {
				// customers_list is keyed by archived alone: using it walks every active customer.
				if strings.Contains(plan, "SCAN c") || strings.Contains(plan, "SCAN customers") || strings.Contains(plan, "customers_list") {
					t.Errorf("query %q (includeArchived=%v) scans the table:\n%s", q, includeArchived, plan)
				}
			}
		}
	}
}
