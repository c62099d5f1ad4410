package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/reports"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func TestReportExportIsLoggedAndReadsBack(t *testing.T) {
	core := signedInCore(t, nil)
	m := &Members{core}
	if _, err := m.Register(members.RegisterInput{Name: "张三", Mobile: "13800138000"}); err != nil {
		t.Fatal(err)
	}
	r := &Reports{core}
	d, err := r.Dashboard()
	if err != nil || d.Members != 1 || d.NewThisMonth != 1 {
		t.Fatalf("dashboard %+v %v", d, err)
	}
	rng := reports.LastMonths(time.Now().In(store.Shop), 3)
	f, err := r.Export("growth", rng)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := base64.StdEncoding.DecodeString(f.Base64)
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, _ := book.GetRows("会员增长")
	if len(rows) != 4 || rows[0][1] != "新增会员" || rows[3][0] != rng.To || rows[3][1] != "1" || rows[3][2] != "1" {
		t.Fatalf("growth sheet %v", rows)
	}
	var kind string
	var n int
	if err := core.DB.R.QueryRowContext(context.Background(), `SELECT kind, rows FROM export_log`).Scan(&kind, &n); err != nil || kind != "会员增长报表" || n != 3 {
		t.Fatalf("export log %q %d %v", kind, n, err)
	}

	// An unknown report and a bad range are refused with the field named, and nothing is logged.
	for _, c := range []struct {
		kind  string
		r     reports.Range
		field string
	}{{"profit", rng, "kind"}, {"sales", reports.Range{From: rng.To, To: rng.From}, "to"}} {
		_, err := r.Export(c.kind, c.r)
		var e *errs.Error
		if !errors.As(err, &e) || e.Field != c.field {
			t.Errorf("%s %+v: %v", c.kind, c.r, err)
		}
	}
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM export_log`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d exports logged, want 1", n)
	}
}
