package app

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/settings"
)

// fakeLAN stands in for the shop-network server.
type fakeLAN struct{ on bool }

func (f *fakeLAN) Start(int) error { f.on = true; return nil }
func (f *fakeLAN) Stop() error     { f.on = false; return nil }
func (f *fakeLAN) Running() bool   { return f.on }

func TestCheckInURLsNeedShopNetworkModeAndPointAtIt(t *testing.T) {
	core := signedInCore(t, nil)
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
	// Off (and in a build without the server at all): a clear answer, nothing issued.
	if _, err := core.CheckInURLs(ev.ID); !errors.Is(err, ErrLANOff) || !strings.Contains(errs.ToPayload(err).Message, "局域网模式未开启") {
		t.Fatalf("LAN off: %v", err)
	}
	core.LAN = &fakeLAN{}
	if _, err := core.CheckInURLs(ev.ID); !errors.Is(err, ErrLANOff) {
		t.Fatalf("LAN off with a server: %v", err)
	}
	if _, err := (&System{core}).SetLAN(settings.LAN{Enabled: true, Port: 8421}); err != nil {
		t.Fatal(err)
	}
	defer func(old func() []string) { lanAddresses = old }(lanAddresses)
	lanAddresses = func() []string { return []string{"203.0.113.5", "192.168.1.10"} }
	links, err := core.CheckInURLs(ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if links.Base != "http://192.168.1.10:8421" || len(links.Addresses) != 2 || links.ValidFrom != "2026-12-05 17:00" || links.ValidUntil != "2026-12-05 21:30" {
		t.Fatalf("links %+v", links)
	}
	g := links.Guests[0]
	if g.Name != "张伟" || g.Salutation != "张先生" || g.URL != links.Base+GuestCheckInPath+g.Token || !strings.HasPrefix(links.WalkIn, links.Base+WalkInPath) {
		t.Fatalf("guest link %+v walk-in %s", g, links.WalkIn)
	}
	// The key that seals tokens lives beside the database, not in it, readable by this account only.
	st, err := os.Stat(core.DB.Path + ".checkin.key")
	if err != nil || st.Size() != events.KeyLen || (runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0) {
		t.Fatalf("key file %v %v", st, err)
	}
	again, err := core.CheckInURLs(ev.ID)
	if err != nil || again.Guests[0].URL != g.URL || again.WalkIn != links.WalkIn {
		t.Fatalf("links changed between calls: %v", err)
	}
	// Off again: no links, though the tokens stay for when it is back on.
	if _, err := (&System{core}).SetLAN(settings.LAN{Enabled: false, Port: 8421}); err != nil {
		t.Fatal(err)
	}
	if _, err := core.CheckInURLs(ev.ID); !errors.Is(err, ErrLANOff) {
		t.Fatalf("LAN turned off: %v", err)
	}
}
