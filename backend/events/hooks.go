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
	// Round counts the guest's check-ins undone before this one: what a check-in gives is given again
	// after an undo, so keys made per round stay once-only.
	Round int
}

var afterCheckIn []func(ctx context.Context, tx *sql.Tx, c Arrival) error

// RegisterAfterCheckIn adds a step run inside the check-in transaction when a guest first signs in
// (e.g. an attendance coupon), so other domains react without events knowing them. Call it from init.
func RegisterAfterCheckIn(fn func(ctx context.Context, tx *sql.Tx, c Arrival) error) {
	afterCheckIn = append(afterCheckIn, fn)
}

var afterUndo []func(ctx context.Context, tx *sql.Tx, c Arrival) error

// RegisterAfterUndoCheckIn adds a step run inside UndoCheckIn's transaction, so what a check-in gave
// in another domain (an attendance coupon) is taken back with its points. Round is the undone round.
func RegisterAfterUndoCheckIn(fn func(ctx context.Context, tx *sql.Tx, c Arrival) error) {
	afterUndo = append(afterUndo, fn)
}
