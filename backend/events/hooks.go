package events

import (
	"context"
	"database/sql"
)

// Arrival is what an after-check-in hook learns: a guest just signed in for the first time.
type Arrival struct {
	EventID    int64
	EventName  string
	CustomerID int64
	StaffID    int64
}

var afterCheckIn []func(ctx context.Context, tx *sql.Tx, c Arrival) error

// RegisterAfterCheckIn adds a step run inside the check-in transaction when a guest first signs in
// (e.g. an attendance coupon), so other domains react without events knowing them. Call it from init.
func RegisterAfterCheckIn(fn func(ctx context.Context, tx *sql.Tx, c Arrival) error) {
	afterCheckIn = append(afterCheckIn, fn)
}
