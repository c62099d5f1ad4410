package coupons

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
	"jiuke/backend/sales"
)

// The coupons join other domains' work through their hooks, inside those domains' transactions:
// a sale's coupon codes, a whole refund, a customer merge (and, in occasions.go, birthdays, event
// attendance and fission rewards).
func init() {
	sales.RegisterDiscount(discountSale)
	sales.RegisterAfterRefund(func(ctx context.Context, tx *sql.Tx, r sales.RefundRecorded) error {
		if !r.Whole {
			return nil
		}
		_, err := ReturnForRefund(ctx, tx, r.PurchaseID, r.RefundID, r.StaffID)
		return err
	})
	// A merge moves the merged customer's coupons to the survivor: the holder is the one column of a
	// coupon the database lets change.
	customers.RegisterMergeStep(customers.MergeStep{Label: "券", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		res, err := tx.ExecContext(ctx, `UPDATE coupons SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}})
}

// discountSale is the sale's discount step: checked before the purchase is stored (so a refused
// coupon stores nothing), booked once it has its id.
func discountSale(ctx context.Context, tx *sql.Tx, p sales.Pricing) (sales.Discount, error) {
	in := Redeeming{CustomerID: p.CustomerID, TotalFen: p.TotalFen, RetailFen: p.RetailFen, Codes: p.CouponCodes}
	plan, err := Check(ctx, tx, in)
	if err != nil {
		return sales.Discount{}, err
	}
	return sales.Discount{Fen: plan.DiscountFen, Apply: func(ctx context.Context, tx *sql.Tx, purchaseID int64) error {
		_, err := Redeem(ctx, tx, in, purchaseID, p.Key, p.StaffID)
		return err
	}}, nil
}
