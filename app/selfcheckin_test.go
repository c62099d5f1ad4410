package app

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// A guest's phone through SelfCheckIn, and the desk dealing with what it did.
func TestSelfCheckInThroughTheAppAndTheDesk(t *testing.T) {
	push := &pushed{}
	core := signedInCore(t, push)
	core.LAN = &fakeLAN{}
	defer func(old func() []string) { lanAddresses = old }(lanAddresses)
	lanAddresses = func() []string { return []string{"192.168.1.10"} }
	s := &Events{core}
	c, err := (&Customers{core}).Create(customers.Input{Name: "张伟", Mobile: "13800138000", Gender: "M"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Create(events.Input{Name: "秋季品鉴会", Kind: "品鉴会", StartsAt: "2026-12-05 19:00", EndsAt: "2026-12-05 21:30", Venue: "二楼"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddGuests(ev.ID, []int64{c.ID}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTables(ev.ID, 2, 10); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Detail(ev.ID)
	if _, err := s.Seat(ev.ID, d.Guests[0].ID, d.Tables[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetState(ev.ID, events.Inviting); err != nil {
		t.Fatal(err)
	}
	if _, err := (&System{core}).SetLAN(settings.LAN{Enabled: true, Port: 8421}); err != nil {
		t.Fatal(err)
	}
	links, err := s.CheckInLinks(ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimPrefix(links.Guests[0].URL, links.Base+GuestCheckInPath)
	walk := strings.TrimPrefix(links.WalkIn, links.Base+WalkInPath)

	// The phone's side runs on a Core nobody signed in to.
	phone := NewSelfCheckIn(core.ForSession())
	phone.core.Events = push
	phone.Now = func() time.Time { return time.Date(2026, 12, 5, 19, 5, 0, 0, store.Shop) }
	inv, err := phone.View(token)
	if err != nil || inv.Salutation != "张先生" || inv.CheckedIn || inv.Table != "" || inv.When != "12月5日（周六）19:00–21:30" {
		t.Fatalf("view %v %+v", err, inv)
	}
	push.names = nil
	inv, err = phone.Confirm(token)
	if err != nil || !inv.CheckedIn || inv.Table != "2号桌" {
		t.Fatalf("confirm %v %+v", err, inv)
	}
	if len(push.names) != 1 || push.names[0] != CheckInEvent {
		t.Fatalf("desks told %v", push.names)
	}
	if _, err := phone.Confirm(token); events.RefusalReason(err) != events.RefusedUsed {
		t.Fatalf("used: %v", err)
	}
	// The desk undoes it; the token works again.
	if g, err := s.UndoCheckIn(ev.ID, d.Guests[0].ID); err != nil || g.Status != events.Confirmed {
		t.Fatalf("undo %v %+v", err, g)
	}
	if _, err := phone.Confirm(token); err != nil {
		t.Fatal(err)
	}
	// A walk-in is held; a clerk at the desk sees the mobile masked and confirms.
	if _, err := phone.RequestWalkIn(walk, events.WalkInInput{Name: "赵六", Mobile: "13500135000"}); err != nil {
		t.Fatal(err)
	}
	clerk := core.ForSession()
	if err := core.DB.WithTx(core.context(), func(tx *sql.Tx) error {
		m, err := staff.Create(core.context(), tx, staff.StaffInput{Name: "小王", Role: staff.Clerk, Active: true, Secret: "2580"})
		clerk.signIn(m)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	reqs, err := (&Events{clerk}).WalkInRequests(ev.ID)
	if err != nil || len(reqs) != 1 || reqs[0].Mobile != "135****5000" {
		t.Fatalf("clerk's walk-ins %v %+v", err, reqs)
	}
	if res, err := (&Events{clerk}).ConfirmWalkIn(ev.ID, reqs[0].ID, 0); err != nil || res.Guest.Name != "赵六" || res.Guest.Status != events.CheckedIn {
		t.Fatalf("confirm walk-in %v %+v", err, res)
	}
	// Shop-network mode off: the phone's pages refuse, with a message.
	if _, err := (&System{core}).SetLAN(settings.LAN{Enabled: false, Port: 8421}); err != nil {
		t.Fatal(err)
	}
	if _, err := phone.View(token); !errors.Is(err, ErrSelfOff) {
		t.Fatalf("LAN off: %v", err)
	}
}
