package demo

import (
	"context"
	"testing"

	"jiuke/backend/print"
	"jiuke/backend/store/storetest"
)

// The demo shop's upcoming event prints a poster with its venue's map and the host's phone.
func TestFillGivesPostersAMapAndAPhone(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 200); err != nil {
		t.Fatal(err)
	}
	var eventID int64
	storetest.QueryRow(t, db.R, `SELECT id FROM events WHERE state = 'inviting' AND host_staff_id IS NOT NULL ORDER BY starts_at LIMIT 1`).Scan(&eventID)
	m, err := print.Load(ctx, db.R, eventID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Map == nil || m.HostPhone == "" || len(m.Guests) == 0 || m.Style.Layout != print.Classic {
		t.Fatalf("map %v, phone %q, %d guests, layout %q", m.Map != nil, m.HostPhone, len(m.Guests), m.Style.Layout)
	}
}
