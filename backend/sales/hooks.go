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
