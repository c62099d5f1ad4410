package demo_test

import (
	"context"
	"testing"
	"time"

	"jiuke/backend/claims"
	"jiuke/backend/demo"
	"jiuke/backend/store/storetest"
)

// The demo season files two claims with the brand: one approved in part and paid, one still owed
// long enough for the home page's reminder; the programme has real rules and a sponsored tasting.
func TestDemoFilesAPaidAndAnOwedClaim(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := demo.Fill(ctx, db, 80); err != nil {
		t.Fatal(err)
	}
	cs, err := claims.List(ctx, db.R, claims.ClaimQuery{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]claims.Claim{}
	for _, c := range cs {
		states[c.State] = c
	}
	paid, owed := states[claims.StatePaid], states[claims.StateFiled]
	if len(cs) != 2 || paid.ID == 0 || owed.ID == 0 {
		t.Fatalf("want one paid and one filed claim, got %+v", cs)
	}
	if paid.Claimed == 0 || *paid.Approved >= paid.Claimed || paid.Outstanding != 0 || owed.Outstanding != owed.Claimed {
		t.Fatalf("paid %+v, owed %+v", paid, owed)
	}
	reminders, err := claims.Overdue(ctx, db.R, time.Now(), 60)
	if err != nil || len(reminders) != 1 || reminders[0].ID != owed.ID {
		t.Fatalf("reminders: %+v %v", reminders, err)
	}
	full, err := claims.Get(ctx, db.R, paid.ID)
	if err != nil {
		t.Fatal(err)
	}
	var events int
	for _, it := range full.Items {
		if it.Kind == claims.KindEvent {
			events++
		}
	}
	if events != 1 {
		t.Fatalf("the paid claim should carry the sponsored tasting: %+v", full.Items)
	}
}
