package sales

import (
	"context"
	"database/sql"
)

// Recorded is what an after-purchase hook learns about a sale just stored.
type Recorded struct {
	PurchaseID  int64
	CustomerID  int64
	CommunityID int64
	First       bool // the customer's first purchase ever
	NoPoints    bool // a historical sale that earns nothing
	StaffID     int64
	StoredFen   int64 // the part paid by stored value (储值), for the wallet to take
}

var afterPurchase []func(ctx context.Context, tx *sql.Tx, p Recorded) error

// RegisterAfterPurchase adds a step run inside every Record transaction after the purchase is stored
// (e.g. community fission rewards), so other domains react to sales without sales knowing them.
// Call it from an init function.
func RegisterAfterPurchase(fn func(ctx context.Context, tx *sql.Tx, p Recorded) error) {
	afterPurchase = append(afterPurchase, fn)
}

// Pricing is what the discount step learns about a sale before it is stored: the goods at the prices
// charged (member prices applied) and at retail, and the coupon codes the clerk scanned or picked.
type Pricing struct {
	CustomerID  int64
	StaffID     int64
	TotalFen    int64
	RetailFen   int64
	CouponCodes []string
	Key         string
}

// Discount is what the discount step takes off the sale (lowering the amount due before any payment)
// and the step that books it once the purchase has its id.
type Discount struct {
	Fen   int64
	Apply func(ctx context.Context, tx *sql.Tx, purchaseID int64) error
}

var discount func(ctx context.Context, tx *sql.Tx, p Pricing) (Discount, error)

// RegisterDiscount sets the step that turns coupon codes into money off (coupons), run inside every
// Record transaction. Call it from an init function.
func RegisterDiscount(fn func(ctx context.Context, tx *sql.Tx, p Pricing) (Discount, error)) {
	discount = fn
}
