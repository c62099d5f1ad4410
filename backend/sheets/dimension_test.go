package sheets

import (
	"bytes"
	"database/sql"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/audit"
	"jiuke/backend/communities"
	"jiuke/backend/customers"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/sheets/workbook/xlsxcheck"
	"jiuke/backend/store/storetest"
)

// Every export declares the range its cells fill, as openpyxl in read-only mode (and BI tools that
// trust the declaration) sees it: rows × columns, header included.
func TestEveryExportDeclaresItsUsedRange(t *testing.T) {
	db := storetest.Open(t)
	mustImport(t, db, messyLedger(t), Request{})
	var g communities.Group
	var draw communities.DrawResult
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		if g, err = communities.Save(ctx, tx, communities.Group{Name: "品鉴群"}); err != nil {
			return err
		}
		var ids []int64
		for _, m := range []string{"13800008001", "13800008002", "13800008003"} {
			c, err := customers.Create(ctx, tx, customers.Input{Name: "群友" + m[7:], Mobile: m}, 0)
			if err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		if _, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: g.ID, IDs: ids, JoinedOn: "2026-01-05"}, 0); err != nil {
			return err
		}
		if _, err := communities.AddActivity(ctx, tx, communities.Activity{GroupID: g.ID, Kind: "红包", Title: "红包雨", AmountFen: 8800}, 0); err != nil {
			return err
		}
		gift, err := points.SaveGift(ctx, tx, points.Gift{Name: "醒酒器", PointsCost: 100, Stock: 5, Active: true})
		if err != nil {
			return err
		}
		draw, err = communities.Draw(ctx, tx, communities.DrawRequest{GroupID: g.ID, Title: "周年抽奖", Prizes: []communities.Prize{{GiftID: gift.ID, Count: 2}}}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	res := &Result{Header: []string{"姓名", "手机"}, Failures: []Failure{
		{Issue: Issue{Row: 4, Message: "手机号不是11位"}, Cells: []string{"甲", "1380"}},
		{Issue: Issue{Row: 9, Message: "缺少姓名"}, Cells: []string{"", "13800000000", "多出的一格"}},
	}}
	cases := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  [][2]int
	}{
		{"客户", func(b *bytes.Buffer) error { _, err := WriteCustomers(ctx, db.R, b, customers.ListQuery{}); return err }, [][2]int{{8 + 3, 21}}},
		{"会员", func(b *bytes.Buffer) error { _, err := WriteMembers(ctx, db.R, b); return err }, [][2]int{{4, 8}}},
		{"积分", func(b *bytes.Buffer) error { _, err := WritePoints(ctx, db.R, b); return err }, [][2]int{{3, 8}}},
		{"消费", func(b *bytes.Buffer) error { _, err := WritePurchases(ctx, db.R, b, "", ""); return err }, [][2]int{{3, 11}}},
		{"操作日志", func(b *bytes.Buffer) error { _, err := WriteAudit(ctx, db.R, b, audit.Filter{}); return err }, [][2]int{{1, 6}}},
		{"群成员", func(b *bytes.Buffer) error { _, err := WriteGroupRoster(ctx, db.R, b, g.ID); return err }, [][2]int{{4, len(rosterColumns)}}},
		{"群活动", func(b *bytes.Buffer) error { _, err := WriteGroupActivities(ctx, db.R, b, g.ID); return err }, [][2]int{{3, len(activityColumns)}}},
		{"抽奖", func(b *bytes.Buffer) error { _, err := WriteDraw(ctx, db.R, b, draw.ID); return err }, [][2]int{{3, 8}}},
		{"报表", func(b *bytes.Buffer) error {
			_, err := WriteTables(b, []Table{{Sheet: "一", Cols: []ExportColumn{{"月份", 10, KindText}, {"数", 8, KindInt}}, Rows: [][]any{{"2026-01", int64(3)}, {"2026-02", int64(4)}}},
				{Sheet: "二", Cols: []ExportColumn{{"名", 10, KindText}}}})
			return err
		}, [][2]int{{3, 2}, {1, 1}}},
		{"失败的行", func(b *bytes.Buffer) error { _, err := WriteErrorReport(b, res); return err }, [][2]int{{3, 5}}},
		{"模板", func(b *bytes.Buffer) error { return WriteTemplate(b) }, [][2]int{{2, len(Fields)}, {len(Fields) + 2, 3}}},
	}
	var books []xlsxcheck.Book
	for _, c := range cases {
		var buf bytes.Buffer
		if err := c.write(&buf); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		books = append(books, xlsxcheck.Book{Name: c.name, Data: buf.Bytes(), Want: c.want})
	}
	xlsxcheck.Declared(t, books...)
}

// 累计消费 in the customer export is what the customer spent less what was refunded.
func TestCustomerExportSpendIsNetOfRefunds(t *testing.T) {
	db := storetest.Open(t)
	var p sales.Purchase
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: "退货客", Mobile: "13800009999"}, 0)
		if err != nil {
			return err
		}
		prod, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 100000, Active: true})
		if err != nil {
			return err
		}
		if p, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: c.ID, Lines: []sales.LineInput{{ProductID: prod.ID, Qty: 3}}, Key: "p1"}, 0, false); err != nil {
			return err
		}
		_, err = sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}, Key: "r1"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := WriteCustomers(ctx, db.R, &buf, customers.ListQuery{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if h, _ := f.GetCellValue("客户", "O1"); h != "累计消费" {
		t.Fatalf("column O is %q", h)
	}
	if v, _ := f.GetCellValue("客户", "O2"); v != "¥2,000.00" {
		t.Fatalf("累计消费 after buying ¥3,000 and returning ¥1,000: %q", v)
	}
}
