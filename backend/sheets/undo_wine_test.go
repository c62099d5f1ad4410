package sheets

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/wine"
)

// Stored wine keeps its ledger forever (append-only), even after every bottle is taken out, and the
// ledger names the customer: undoing the batch that created the customer would have to delete them.
// The undo is refused, naming the customer and the product, before anything changes.
func TestUndoRefusedWhileABatchCustomerHasStoredWine(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, xlsxBook(t,
		[]any{"姓名", "手机", "会员卡号", "消费日期", "消费金额"},
		[]any{"张三", "13800138000", card("8000021"), "2026-01-05", "1280"},
	), Request{})
	id := customerBy(t, db, "13800138000").ID
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 150000, Active: true})
		if err != nil {
			return err
		}
		if _, _, err := wine.Deposit(ctx, tx, wine.DepositInput{CustomerID: id, ProductID: p.ID, Qty: 2, Key: "d1"}, 0); err != nil {
			return err
		}
		_, _, err = wine.Withdraw(ctx, tx, wine.WithdrawInput{CustomerID: id, ProductID: p.ID, Qty: 2, Key: "w1"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, err := undo(db, s.BatchID)
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "「张三」") || !strings.Contains(err.Error(), "五粮液") {
		t.Fatalf("undo with stored wine: %v", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM purchases WHERE import_batch_id = ?`, s.BatchID); n != 1 {
		t.Fatal("the refused undo changed the batch")
	}
}
