package coupons_test

import (
	"database/sql"
	"testing"

	"jiuke/backend/events"
	"jiuke/backend/wallet/coupons"
)

// A guest who confirmed from home gets the attendance coupon; the desk's undo takes it back with the
// points, and a real arrival later gives one again.
func TestUndoingACheckInVoidsItsUnusedAttendanceCoupon(t *testing.T) {
	s := newShop(t)
	id := s.member("张伟", "13800138000")
	s.saveType(coupons.Type{Name: "到场券", Kind: coupons.KindCash, ValueFen: 5000, ValidDays: 30, AutoOn: coupons.OnAttend})
	var evID, guestID int64
	s.must(s.tx(func(tx *sql.Tx) error {
		ev, err := events.Create(ctx, tx, events.Input{Name: "品鉴会", Kind: "品鉴会", StartsAt: "2030-12-05 19:00", EndsAt: "2030-12-05 21:30"}, 0)
		if err != nil {
			return err
		}
		evID = ev.ID
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{id}, 0, 0); err != nil {
			return err
		}
		if _, err := events.SetState(ctx, tx, ev.ID, events.Inviting, 0); err != nil {
			return err
		}
		res, err := events.CheckIn(ctx, tx, ev.ID, id, 0)
		guestID = res.Guest.ID
		return err
	}))
	if n := s.count(`SELECT COUNT(*) FROM coupons WHERE customer_id = ? AND state = 'issued'`, id); n != 1 {
		t.Fatalf("%d attendance coupons after check-in", n)
	}
	s.must(s.tx(func(tx *sql.Tx) error { _, _, err := events.UndoCheckIn(ctx, tx, evID, guestID, 0); return err }))
	if n := s.count(`SELECT COUNT(*) FROM coupons WHERE customer_id = ? AND state = 'issued'`, id); n != 0 {
		t.Fatalf("%d attendance coupons still usable after the check-in was undone", n)
	}
	s.must(s.tx(func(tx *sql.Tx) error { _, err := events.CheckIn(ctx, tx, evID, id, 0); return err }))
	if n := s.count(`SELECT COUNT(*) FROM coupons WHERE customer_id = ? AND state = 'issued'`, id); n != 1 {
		t.Fatalf("%d attendance coupons after arriving for real", n)
	}
}
