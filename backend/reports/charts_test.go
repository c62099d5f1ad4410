package reports_test

import (
	"bytes"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/reports"
	"jiuke/backend/sales"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

func TestChartsForARangeOfMonths(t *testing.T) {
	s := newShop(t)
	now := time.Now().In(store.Shop)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, store.Shop)
	r := reports.Range{From: thisMonth.AddDate(0, -2, 0).Format("2006-01"), To: thisMonth.Format("2006-01")}
	var wine sales.Product
	s.tx(func(tx *sql.Tx) (err error) {
		wine, err = sales.SaveProduct(ctx, tx, sales.Product{Name: "拉菲", Category: "葡萄酒", RetailFen: 50000, Active: true})
		return err
	})
	s.exec(`INSERT INTO staff (id, name, role, created_at) VALUES (7, '小李', 'clerk', ?)`, store.Now())

	old := s.member("老会员", 400, customers.Birthday{}) // before the range: in the totals only
	a := s.member("甲", 0, customers.Birthday{})
	b := s.member("乙", 0, customers.Birthday{})
	s.exec(`UPDATE memberships SET registered_by = 7 WHERE customer_id IN (?, ?)`, a, b)
	// A member archived since registering this month is not counted as growth.
	gone := s.member("已停用", 0, customers.Birthday{})
	s.exec(`UPDATE customers SET archived = 1, archive_reason = '重复' WHERE id = ?`, gone)
	// 甲 registered two months back: new in the range's first month.
	s.exec(`UPDATE memberships SET registered_at = ? WHERE customer_id = ?`, thisMonth.AddDate(0, -2, 3).UTC().Format(time.RFC3339), a)
	s.buy(old, 0) // 白酒 ¥1000 at 普卡, sold by nobody
	s.tx(func(tx *sql.Tx) error {
		_, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: a, Key: "wine", Date: now.Format(time.DateOnly),
			Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 2}, {ProductID: s.product.ID, Qty: 1}}}, 7, false)
		return err
	})
	s.tx(func(tx *sql.Tx) error {
		_, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: a, Channel: "微信", Content: "回访"}, 7)
		if err == nil {
			_, _, err = points.Debit(ctx, tx, points.Booking{CustomerID: a, Kind: points.KindRedeem, Points: 200, Reason: "兑换", Key: "r"})
		}
		return err
	})
	s.exec(`INSERT INTO events (id, name, kind, starts_at, ends_at, created_at, updated_at) VALUES (1, '品鉴会', '品鉴会', '2026-01-01 19:00', '2026-01-01 21:00', ?, ?)`, store.Now(), store.Now())
	s.exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, status_by, checked_in_at, created_at) VALUES (1, ?, 'checked_in', ?, 7, ?, ?)`,
		b, store.Now(), store.Now(), store.Now())

	c, err := reports.LoadCharts(ctx, s.db.R, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Growth) != 3 || c.Growth[0].New != 1 || c.Growth[0].Total != 2 || c.Growth[2].New != 1 || c.Growth[2].Total != 3 {
		t.Errorf("growth %+v", c.Growth)
	}
	if len(c.ByLevel) != 1 || c.ByLevel[0].Name != "普卡" || c.ByLevel[0].Orders != 2 || c.ByLevel[0].TotalFen != 100000+200000 {
		t.Errorf("by level %+v", c.ByLevel)
	}
	if len(c.ByCategory) != 2 || c.ByCategory[0].Name != "白酒" || c.ByCategory[0].TotalFen != 200000 || c.ByCategory[0].Orders != 2 ||
		c.ByCategory[1].Name != "葡萄酒" || c.ByCategory[1].TotalFen != 100000 {
		t.Errorf("by category %+v", c.ByCategory)
	}
	last := c.Points[2]
	if len(c.Points) != 3 || last.Issued != 3000 || last.Redeemed != 200 || c.Points[0].Issued != 0 {
		t.Errorf("points %+v", c.Points)
	}
	var li *reports.StaffRow
	for i := range c.Staff {
		if c.Staff[i].Name == "小李" {
			li = &c.Staff[i]
		}
	}
	if li == nil || li.Registrations != 2 || li.Orders != 1 || li.SalesFen != 200000 || li.FollowUps != 1 || li.CheckIns != 1 {
		t.Errorf("staff %+v", c.Staff)
	}

	// The same range a year earlier is empty but still has its months.
	r2 := reports.Range{From: thisMonth.AddDate(-1, -2, 0).Format("2006-01"), To: thisMonth.AddDate(-1, 0, 0).Format("2006-01")}
	if c2, err := reports.LoadCharts(ctx, s.db.R, r2); err != nil || len(c2.Growth) != 3 || c2.Growth[2].Total != 1 || len(c2.ByLevel) != 0 {
		t.Errorf("a year earlier: %+v %v", c2, err)
	}

	// Exported sales read back: two sheets, Chinese headers, money as a number in ¥.
	tables, err := reports.Tables("sales", c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if n, err := sheets.WriteTables(&buf, tables); err != nil || n != 3 {
		t.Fatalf("wrote %d rows: %v", n, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "按会员等级" || got[1] != "按品类" {
		t.Fatalf("sheets %v", got)
	}
	if h, _ := f.GetCellValue("按品类", "C1"); h != "销售额" {
		t.Errorf("header %q", h)
	}
	if v, _ := f.GetCellValue("按品类", "C2"); v != "¥2,000.00" {
		t.Errorf("formatted money %q", v)
	}
	if raw, _ := f.GetCellValue("按品类", "C2", excelize.Options{RawCellValue: true}); raw != "2000" {
		t.Errorf("money is stored as %q, want the number 2000", raw)
	}
}

func TestExportEveryKindAndRefuseBadRanges(t *testing.T) {
	s := newShop(t)
	c, err := reports.LoadCharts(ctx, s.db.R, reports.LastMonths(time.Now(), 12))
	if err != nil {
		t.Fatal(err)
	}
	for kind, header := range map[string]string{"growth": "新增会员", "points": "兑换", "staff": "销售额"} {
		tables, err := reports.Tables(kind, c)
		if err != nil {
			t.Fatal(kind, err)
		}
		var buf bytes.Buffer
		if _, err := sheets.WriteTables(&buf, tables); err != nil {
			t.Fatal(kind, err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(kind, err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		found := false
		for _, h := range rows[0] {
			found = found || h == header
		}
		if !found {
			t.Errorf("%s: headers %v lack %s", kind, rows[0], header)
		}
		if kind == "growth" && len(rows) != 13 {
			t.Errorf("growth has %d rows, want a header and 12 months", len(rows))
		}
	}
	for _, bad := range []struct {
		r     reports.Range
		field string
	}{
		{reports.Range{From: "", To: "2026-01"}, "from"},
		{reports.Range{From: "2026-13", To: "2026-12"}, "from"},
		{reports.Range{From: "2026-05", To: "2026-04"}, "to"},
		{reports.Range{From: "2016-01", To: "2026-01"}, "to"},
	} {
		_, err := reports.LoadCharts(ctx, s.db.R, bad.r)
		var e *errs.Error
		if !errors.As(err, &e) || e.Field != bad.field {
			t.Errorf("%+v: %v, want an error on %s", bad.r, err, bad.field)
		}
	}
}
