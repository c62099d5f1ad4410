package app

import (
	"database/sql"
	"encoding/base64"
	"strings"
	"sync"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/staff"
	"jiuke/backend/store/storetest"
)

// An event through the service as the UI drives it: clerks run the guest list and the desk and see
// masked phones; the sign-in sheet is a logged manager-only download.
type pushed struct {
	mu    sync.Mutex
	names []string
}

func (p *pushed) Emit(name string, _ any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = append(p.names, name)
}

func TestEventServiceAsTheUIDrivesIt(t *testing.T) {
	push := &pushed{}
	core := signedInCore(t, push)
	s := &Events{core}
	c, err := (&Customers{core}).Create(customers.Input{Name: "张伟", Mobile: "13800138000", Gender: "M"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Create(events.Input{Name: "秋季品鉴会", Kind: "品鉴会", StartsAt: "2026-12-05 19:00", EndsAt: "2026-12-05 21:30", Venue: "二楼"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddGuests(ev.ID, []int64{c.ID}, 1); err != nil {
		t.Fatal(err)
	}
	out, err := s.ExportSignIn(ev.ID)
	if data, _ := base64.StdEncoding.DecodeString(out.Base64); err != nil || out.Rows != 1 || len(data) < 3000 {
		t.Fatalf("sign-in sheet %v %+v", err, out)
	}
	if !strings.HasPrefix(out.Name, "活动签到表-秋季品鉴会-") || !strings.HasSuffix(out.Name, ".xlsx") {
		t.Fatalf("sign-in sheet file %q does not name the event", out.Name)
	}
	var logged int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM export_log WHERE kind = '活动签到表'`).Scan(&logged)
	if logged != 1 {
		t.Fatalf("%d sign-in sheet exports logged", logged)
	}

	for _, st := range []string{events.Inviting, events.Running} {
		if _, err := s.SetState(ev.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	var clerk staff.Member
	if err := core.DB.WithTx(core.context(), func(tx *sql.Tx) (err error) {
		clerk, err = staff.Create(core.context(), tx, staff.StaffInput{Name: "小王", Role: staff.Clerk, Active: true, Secret: "2580"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	core.signIn(clerk)
	d, err := s.Detail(ev.ID)
	if err != nil || len(d.Guests) != 1 || d.Guests[0].Mobile == "13800138000" || d.Event.Headcount != 2 {
		t.Fatalf("a clerk sees the list with a masked phone: %v %+v", err, d.Guests)
	}
	if _, err := s.ExportSignIn(ev.ID); err == nil {
		t.Fatal("a clerk exported the sign-in sheet without a manager")
	}
	if _, err := s.SetState(ev.ID, events.Ended); err == nil {
		t.Fatal("a clerk changed the event's state without a manager")
	}
	// The desk checks him in twice; other desks hear of the first only.
	for range 2 {
		if _, err := s.CheckIn(ev.ID, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	if len(push.names) != 1 || push.names[0] != CheckInEvent {
		t.Fatalf("pushed %v", push.names)
	}
}

func TestExportFileNamesKeepOnlySafeCharacters(t *testing.T) {
	for in, want := range map[string]string{
		" 中秋/国庆:品鉴会 ":           "中秋_国庆_品鉴会",
		`A*B?"C"<D>|E\F`:        "A_B__C__D__E_F",
		strings.Repeat("酒", 50): strings.Repeat("酒", 40),
	} {
		if got := fileSafe(in); got != want {
			t.Errorf("fileSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
