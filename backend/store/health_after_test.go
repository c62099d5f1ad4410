package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// The window holds the integrity check back until its first screen is drawn: until then the damaged
// archive reads as being checked (writes go on, as while a check reads), and once let go the check
// runs and finds the damage as it would at once.
func TestCheckWaitsUntilReady(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 5000)
	db.Close()
	damageIndex(t, path)
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	ready := make(chan struct{})
	done := make(chan Health, 1)
	db.CheckInBackgroundAfter(ctx, ready, func(h Health) { done <- h })
	// A check let run reads this small file in milliseconds and fails; held back, nothing changes.
	select {
	case h := <-done:
		t.Fatalf("the check ran before it was let: %+v", h)
	case <-time.After(500 * time.Millisecond):
	}
	if h := db.Health(); h.State != HealthChecking {
		t.Fatalf("held-back check: state %+v, want checking", h)
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error { return nil }); err != nil {
		t.Fatalf("a write while the check waits: %v", err)
	}
	close(ready)
	if h := <-done; h.State != HealthFailed || db.Health() != h {
		t.Fatalf("after ready: %+v (now %+v)", h, db.Health())
	}
}

// Shutting down before the first screen ends the wait without reading the file or claiming a result.
func TestCheckWaitEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db := openTemp(t)
	done := make(chan Health, 1)
	db.CheckInBackgroundAfter(ctx, make(chan struct{}), func(h Health) { done <- h })
	cancel()
	if h := <-done; h.State != HealthChecking || h.CheckedAt != "" {
		t.Fatalf("cancelled before ready: %+v, want still checking", h)
	}
}
