package sheets

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
)

// A banquet names its host and venue by customer id: undoing the batch that created the host would
// have to delete them under the banquet (the database's foreign key refuses). The undo is refused with
// the customer and the record named, and nothing changes.
func TestUndoRefusedWhileABatchCustomerHostsABanquet(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, xlsxBook(t,
		[]any{"姓名", "手机", "会员卡号", "消费日期", "消费金额"},
		[]any{"张三", "13800138000", card("8000021"), "2026-01-05", "1280"},
	), Request{})
	host := customerBy(t, db, "13800138000").ID
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		venue, err := customers.Create(ctx, tx, customers.Input{Name: "金源大酒店", Mobile: "13800000002", Kind: "终端门店", OutletType: "酒店"}, 0)
		if err != nil {
			return err
		}
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 100000, Active: true, BottlesPerCase: 6})
		if err != nil {
			return err
		}
		_, _, err = banquets.Register(ctx, tx, banquets.Input{HostID: host, Kind: "婚宴",
			HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00", VenueID: venue.ID, Tables: 10,
			Lines: []banquets.LineInput{{ProductID: p.ID, Cases: 1}}, IdemKey: "b1"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, err := undo(db, s.BatchID)
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "「张三」导入后有宴席记录") {
		t.Fatalf("undo with a banquet: %v", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM purchases WHERE import_batch_id = ?`, s.BatchID); n != 1 {
		t.Fatal("the refused undo changed the batch")
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers WHERE id = ? AND archived = 0`, host); n != 1 {
		t.Fatal("the refused undo removed the host")
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM import_batches WHERE id = ? AND undone_at IS NULL`, s.BatchID); n != 1 {
		t.Fatal("the refused undo marked the batch undone")
	}
}

// A refund is kept forever and names the purchase it gave money back for: undoing the batch would delete
// an imported purchase under its refund (the database refuses). The undo is refused like any later
// activity, naming the customer, and nothing changes.
func TestUndoRefusedAfterAnImportedPurchaseWasRefunded(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, xlsxBook(t,
		[]any{"姓名", "手机", "会员卡号", "消费日期", "消费金额"},
		[]any{"李四", "13800138001", card("8000022"), "2026-01-05", "1280"},
	), Request{})
	var purchase int64
	storetest.QueryRow(t, db.R, `SELECT id FROM purchases WHERE import_batch_id = ?`, s.BatchID).Scan(&purchase)
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: purchase, All: true, Reason: "录错了", Key: "r1"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, err := undo(db, s.BatchID)
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "不能撤销整批导入") {
		t.Fatalf("undo after a refund: %v", err)
	}
	// The batch page lists what stands in the way.
	b, err := GetBatch(ctx, db.R, s.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Activities(ctx, db.R, b)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range acts {
		found = found || a.Name == "李四" && a.What == "退货"
	}
	if !found {
		t.Fatalf("activities name no refund: %+v", acts)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM import_batches WHERE id = ? AND undone_at IS NULL`, s.BatchID); n != 1 {
		t.Fatal("the refused undo marked the batch undone")
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM purchases WHERE import_batch_id = ?`, s.BatchID); n != 1 {
		t.Fatal("the refused undo changed the batch")
	}
}
