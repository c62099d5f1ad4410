package wine_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/wallet/wine"
)

// A refund cannot return bottles still stored from the purchase: six bought, four stored, two taken
// home. Refunding three would leave the purchase three bottles with four on the shelf: refused,
// naming the quantities, and nothing changes. Two (the ones taken home) may go back; once two stored
// bottles are taken out, the rest may too.
func TestRefundCannotTakeBackStoredBottles(t *testing.T) {
	s := newShop(t)
	c := s.member("张三", "13800138000")
	p := s.product("五粮液")
	buy := s.buy(c, p, 6)
	if _, _, err := s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 4, PurchaseID: buy.ID}); err != nil {
		t.Fatal(err)
	}
	refund := func(qty int64, key string) error {
		return s.db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: buy.ID, Reason: "退货",
				Lines: []sales.RefundLine{{LineID: buy.Lines[0].ID, Qty: qty}}, Key: key}, 0)
			return err
		})
	}
	refunds := func() int {
		var n int
		s.must(s.db.R.QueryRow(`SELECT COUNT(*) FROM refunds WHERE purchase_id = ?`, buy.ID).Scan(&n))
		return n
	}
	err := refund(3, "r1")
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "还有 4 瓶存在店里") || !strings.Contains(err.Error(), "最多可退 2 瓶") {
		t.Fatalf("refund of 3 with 4 stored: %v", err)
	}
	if refunds() != 0 || s.balance(c, p) != 4 {
		t.Fatal("the refused refund changed something")
	}
	s.must(refund(2, "r2"))
	if err := refund(1, "r3"); errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "最多可退 0 瓶") {
		t.Fatalf("refund beyond the stored: %v", err)
	}
	// Two stored bottles taken out: two of the purchase's four may now be refunded, not three.
	if _, _, err := s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 2}); err != nil {
		t.Fatal(err)
	}
	if err := refund(3, "r4"); errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("refund of 3 with 2 stored: %v", err)
	}
	s.must(refund(2, "r5"))
	if refunds() != 2 || s.balance(c, p) != 2 {
		t.Fatalf("refunds %d, stored %d", refunds(), s.balance(c, p))
	}
}
