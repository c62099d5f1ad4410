package wallet

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sales"
)

// A purchase's stored-value part is taken inside the purchase's own transaction, and a refund's goes
// back the same way: the sale and its payment are written together or not at all.
func init() {
	sales.RegisterAfterPurchase(spendOnPurchase)
	sales.RegisterAfterRefund(returnOnRefund)
	customers.RegisterMergeStep(customers.MergeStep{Label: "储值", Move: moveOnMerge})
}

func spendOnPurchase(ctx context.Context, tx *sql.Tx, p sales.Recorded) error {
	if p.StoredFen <= 0 {
		return nil
	}
	_, err := Spend(ctx, tx, p.CustomerID, p.StoredFen, p.PurchaseID, p.StaffID)
	return err
}

// Spend takes amount from the customer's stored value for a purchase, split by the owner's rule.
// Not enough balance is refused with the shortfall named, and nothing changes.
func Spend(ctx context.Context, tx *sql.Tx, customerID, amount, purchaseID, staffID int64) (Entry, error) {
	if err := CheckAmount("payments", "储值支付金额", amount); err != nil {
		return Entry{}, err
	}
	if _, err := usable(ctx, tx, customerID); err != nil {
		return Entry{}, err
	}
	bal, err := BalanceOf(ctx, tx, customerID)
	if err != nil {
		return Entry{}, err
	}
	if amount > bal.Total() {
		return Entry{}, errs.Invalid("payments", fmt.Sprintf("储值余额不足：余额 %s，本次储值支付 %s，还差 %s",
			yuan(bal.Total()), yuan(amount), yuan(amount-bal.Total())))
	}
	rules, err := LoadRules(ctx, tx)
	if err != nil {
		return Entry{}, err
	}
	pr, bo := Split(rules.SpendRule, bal, amount)
	e, _, err := book(ctx, tx, booking{customerID: customerID, kind: KindSpend, principal: -pr, bonus: -bo, purchaseID: purchaseID,
		staffID: staffID, note: fmt.Sprintf("消费单 #%d", purchaseID), key: fmt.Sprintf("purchase:%d", purchaseID), known: &bal})
	return e, err
}

// returnOnRefund gives back the stored-value part of a refund as it was taken: principal and bonus in
// the proportion still unreturned of the purchase's spend, the last return exactly what is left.
func returnOnRefund(ctx context.Context, tx *sql.Tx, r sales.RefundRecorded) error {
	if r.StoredFen <= 0 {
		return nil
	}
	var leftP, leftB int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(-SUM(principal_fen), 0), COALESCE(-SUM(bonus_fen), 0) FROM wallet_entries
		WHERE purchase_id = ? AND kind IN ('spend', 'refund')`, r.PurchaseID).Scan(&leftP, &leftB); err != nil {
		return errs.Internal("stored value taken", err)
	}
	if r.StoredFen > leftP+leftB {
		return errs.Conflict("", fmt.Sprintf("这笔消费可退回储值的只有 %s", yuan(leftP+leftB)), nil)
	}
	pr, bo := Split(SpendProportional, Balance{PrincipalFen: leftP, BonusFen: leftB}, r.StoredFen)
	_, _, err := book(ctx, tx, booking{customerID: r.CustomerID, kind: KindRefund, principal: pr, bonus: bo, purchaseID: r.PurchaseID,
		refundID: r.RefundID, staffID: r.StaffID, note: fmt.Sprintf("退货退回储值（消费单 #%d）", r.PurchaseID),
		key: fmt.Sprintf("refund:%d", r.RefundID)})
	return err
}

// moveOnMerge moves the merged customer's whole wallet to the survivor as a pair of entries.
func moveOnMerge(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
	bal, err := BalanceOf(ctx, tx, mergedID)
	if err != nil || bal.Total() == 0 {
		return 0, err
	}
	if _, _, err := book(ctx, tx, booking{customerID: mergedID, kind: KindTransferOut, principal: -bal.PrincipalFen, bonus: -bal.BonusFen,
		note: fmt.Sprintf("合并转出到客户 #%d", survivorID), key: fmt.Sprintf("merge-out:%d", mergedID)}); err != nil {
		return 0, err
	}
	if _, _, err := book(ctx, tx, booking{customerID: survivorID, kind: KindTransferIn, principal: bal.PrincipalFen, bonus: bal.BonusFen,
		note: fmt.Sprintf("合并转入自客户 #%d", mergedID), key: fmt.Sprintf("merge-in:%d", mergedID)}); err != nil {
		return 0, err
	}
	return 1, nil
}
