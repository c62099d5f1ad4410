package events_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/events"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var testKey = bytes.Repeat([]byte{7}, events.KeyLen)

// at is a shop-local instant.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, store.Shop)
	if err != nil {
		panic(err)
	}
	return t
}

// tokenFixture: an inviting event on 2026-12-05 19:00–21:30 with two guests and their tokens.
func tokenFixture(t *testing.T) (*fixture, events.Event, map[string]events.GuestToken) {
	f := newFixture(t)
	a, b := f.customer("张伟", "13800138000", "M"), f.customer("欧阳娜娜", "13900139000", "F")
	ev := f.event(0, "2026-12-05 19:00")
	var toks []events.GuestToken
	f.tx(func(tx *sql.Tx) (err error) {
		if _, err = events.AddGuests(ctx, tx, ev.ID, []int64{a, b}, 0, 0); err != nil {
			return err
		}
		toks, _, err = events.GuestTokens(ctx, tx, testKey, ev.ID, 0)
		return err
	})
	if err := f.state(ev.ID, events.Inviting); err != nil {
		t.Fatal(err)
	}
	byName := map[string]events.GuestToken{}
	for _, tk := range toks {
		byName[tk.Name] = tk
	}
	return f, ev, byName
}

func TestTokensAreRandomHashedAndStable(t *testing.T) {
	f, ev, toks := tokenFixture(t)
	zhang, ouyang := toks["张伟"], toks["欧阳娜娜"]
	if len(zhang.Token) != events.TokenLen || zhang.Token == ouyang.Token || zhang.Salutation != "张先生" || ouyang.Salutation != "欧阳女士" {
		t.Fatalf("tokens %+v %+v", zhang, ouyang)
	}
	// Only the hash is looked up; the token itself is nowhere in the database in the clear.
	var hashes, clear int
	storetest.QueryRow(t, f.db.R, `SELECT COUNT(*) FROM event_checkin_tokens WHERE token_hash = ?`, events.HashToken(zhang.Token)).Scan(&hashes)
	storetest.QueryRow(t, f.db.R, `SELECT COUNT(*) FROM event_checkin_tokens WHERE token_hash = ? OR sealed LIKE ?`,
		zhang.Token, "%"+zhang.Token+"%").Scan(&clear)
	if hashes != 1 || clear != 0 {
		t.Fatalf("hash rows %d, rows holding the token in the clear %d", hashes, clear)
	}
	// Asking again gives the same tokens (the posters printed yesterday still work).
	var again []events.GuestToken
	f.tx(func(tx *sql.Tx) (err error) {
		again, _, err = events.GuestTokens(ctx, tx, testKey, ev.ID, 0)
		return err
	})
	for _, g := range again {
		if g.Token != toks[g.Name].Token {
			t.Fatalf("%s's token changed on the second call", g.Name)
		}
	}
	// Under another key (the database copied to another PC without its key file) the tokens are
	// re-issued rather than shown wrong.
	other := bytes.Repeat([]byte{9}, events.KeyLen)
	var renewed int
	f.tx(func(tx *sql.Tx) (err error) {
		again, renewed, err = events.GuestTokens(ctx, tx, other, ev.ID, 0)
		return err
	})
	if renewed != 2 || again[0].Token == toks[again[0].Name].Token {
		t.Fatalf("renewed %d under a new key", renewed)
	}
}

func TestTokenWindowRunsFromTwoHoursBeforeStartToEnd(t *testing.T) {
	f, _, toks := tokenFixture(t)
	tok := toks["张伟"].Token
	for _, c := range []struct {
		now, reason string
	}{
		{"2026-12-05 16:59", events.RefusedEarly},
		{"2026-12-05 17:00", ""},
		{"2026-12-05 21:29", ""},
		{"2026-12-05 21:30", events.RefusedExpired},
		{"2026-12-06 09:00", events.RefusedExpired},
	} {
		h, err := events.Resolve(ctx, f.db.R, tok, at(c.now))
		if got := events.RefusalReason(err); got != c.reason || (c.reason == "" && (err != nil || h.Guest.Name != "张伟")) {
			t.Fatalf("at %s: reason %q (%v), want %q", c.now, got, err, c.reason)
		}
	}
	_, err := events.Resolve(ctx, f.db.R, tok, at("2026-12-05 16:00"))
	wantMessage(t, err, "签到从 12月5日 17:00 开始")
}

func TestUnknownAndForeignTokensAreRefused(t *testing.T) {
	f, ev, toks := tokenFixture(t)
	now := at("2026-12-05 19:30")
	// Another shop's database issues its own tokens: they mean nothing here.
	_, _, foreign := tokenFixture(t)
	for _, tok := range []string{foreign["张伟"].Token, "", "short", toks["张伟"].Token + "x", "../../api/app/Auth/Status!!", "AAAAAAAAAAAAAAAAAAAAAAAA"} {
		if _, err := events.Resolve(ctx, f.db.R, tok, now); events.RefusalReason(err) != events.RefusedUnknown {
			t.Fatalf("token %q: %v", tok, err)
		}
	}
	// A cancelled event's tokens stop at once.
	if err := f.state(ev.ID, events.Cancelled); err != nil {
		t.Fatal(err)
	}
	_, err := events.Resolve(ctx, f.db.R, toks["张伟"].Token, now)
	if events.RefusalReason(err) != events.RefusedClosed {
		t.Fatalf("cancelled event: %v", err)
	}
	wantMessage(t, err, "已取消")
}

func TestRotationRetiresTheOldTokenOnly(t *testing.T) {
	f, ev, toks := tokenFixture(t)
	now := at("2026-12-05 19:30")
	var fresh events.GuestToken
	f.tx(func(tx *sql.Tx) (err error) {
		fresh, err = events.RotateGuestToken(ctx, tx, testKey, ev.ID, toks["张伟"].GuestID, 0)
		return err
	})
	if _, err := events.Resolve(ctx, f.db.R, toks["张伟"].Token, now); events.RefusalReason(err) != events.RefusedUnknown {
		t.Fatalf("old token after rotation: %v", err)
	}
	if h, err := events.Resolve(ctx, f.db.R, fresh.Token, now); err != nil || h.Guest.Name != "张伟" {
		t.Fatalf("new token: %v %+v", err, h.Guest)
	}
	if h, err := events.Resolve(ctx, f.db.R, toks["欧阳娜娜"].Token, now); err != nil || h.Guest.Name != "欧阳娜娜" {
		t.Fatalf("the other guest's token: %v", err)
	}
	// The walk-in token is the event's; rotating it retires the old stand.
	var w1, w2, w3 string
	f.tx(func(tx *sql.Tx) (err error) {
		if w1, err = events.WalkInToken(ctx, tx, testKey, ev.ID, 0, false); err != nil {
			return err
		}
		if w2, err = events.WalkInToken(ctx, tx, testKey, ev.ID, 0, false); err != nil {
			return err
		}
		w3, err = events.WalkInToken(ctx, tx, testKey, ev.ID, 0, true)
		return err
	})
	if w1 != w2 || w1 == w3 {
		t.Fatalf("walk-in tokens %s %s %s", w1, w2, w3)
	}
	if _, err := events.Resolve(ctx, f.db.R, w1, now); events.RefusalReason(err) != events.RefusedUnknown {
		t.Fatalf("old stand: %v", err)
	}
	if h, err := events.Resolve(ctx, f.db.R, w3, now); err != nil || !h.WalkIn() {
		t.Fatalf("new stand: %v %+v", err, h)
	}
}

func TestSelfCheckInIsTheDesksCheckInOnceAndOnlyForItsGuest(t *testing.T) {
	f := newFixture(t)
	vip, _ := f.member("王总", "13700137000", 3)
	other := f.customer("李四", "13600136000", "M")
	ev := f.event(0, "2026-12-05 19:00")
	var toks []events.GuestToken
	var walk string
	f.tx(func(tx *sql.Tx) (err error) {
		if _, err = events.Update(ctx, tx, ev.ID, events.Input{Name: ev.Name, Kind: ev.Kind, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt,
			Venue: ev.Venue, AttendPoints: 100}); err != nil {
			return err
		}
		if _, err = events.AddGuests(ctx, tx, ev.ID, []int64{vip, other}, 0, 0); err != nil {
			return err
		}
		if toks, _, err = events.GuestTokens(ctx, tx, testKey, ev.ID, 0); err != nil {
			return err
		}
		walk, err = events.WalkInToken(ctx, tx, testKey, ev.ID, 0, false)
		return err
	})
	now := at("2026-12-05 18:50")
	// Not open yet: a planning event refuses even inside the window.
	err := f.try(func(tx *sql.Tx) error { _, err := events.SelfCheckIn(ctx, tx, toks[0].Token, now); return err })
	if events.RefusalReason(err) != events.RefusedClosed {
		t.Fatalf("planning event: %v", err)
	}
	if err := f.state(ev.ID, events.Inviting); err != nil {
		t.Fatal(err)
	}
	var mine events.GuestToken
	for _, tk := range toks {
		if tk.CustomerID == vip {
			mine = tk
		}
	}
	var res events.CheckInResult
	f.tx(func(tx *sql.Tx) (err error) { res, err = events.SelfCheckIn(ctx, tx, mine.Token, now); return err })
	if res.Guest.CustomerID != vip || res.Guest.Status != events.CheckedIn || res.Points != 100 {
		t.Fatalf("self check-in %+v", res)
	}
	g := f.guests(ev.ID)
	if g["李四"].Status == events.CheckedIn {
		t.Fatal("one guest's token checked in another")
	}
	// Used: refused, and no second points.
	err = f.try(func(tx *sql.Tx) error { _, err := events.SelfCheckIn(ctx, tx, mine.Token, now); return err })
	if events.RefusalReason(err) != events.RefusedUsed {
		t.Fatalf("used token: %v", err)
	}
	wantMessage(t, err, "无需重复签到")
	// The walk-in token checks nobody in.
	err = f.try(func(tx *sql.Tx) error { _, err := events.SelfCheckIn(ctx, tx, walk, now); return err })
	if events.RefusalReason(err) != events.RefusedKind {
		t.Fatalf("walk-in token as an invitation: %v", err)
	}
	var bal int64
	storetest.QueryRow(t, f.db.R, `SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = ?`, vip).Scan(&bal)
	if bal != 100 {
		t.Fatalf("attendance points %d, want once 100", bal)
	}
}

func TestUndoTakesBackThePointsAndALaterCheckInGivesThemOnce(t *testing.T) {
	f := newFixture(t)
	vip, _ := f.member("王总", "13700137000", 3)
	ev := f.event(0, "2026-12-05 19:00")
	var toks []events.GuestToken
	f.tx(func(tx *sql.Tx) (err error) {
		if _, err = events.Update(ctx, tx, ev.ID, events.Input{Name: ev.Name, Kind: ev.Kind, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt,
			Venue: ev.Venue, AttendPoints: 100}); err != nil {
			return err
		}
		if _, err = events.AddGuests(ctx, tx, ev.ID, []int64{vip}, 0, 0); err != nil {
			return err
		}
		toks, _, err = events.GuestTokens(ctx, tx, testKey, ev.ID, 0)
		return err
	})
	if err := f.state(ev.ID, events.Inviting); err != nil {
		t.Fatal(err)
	}
	now := at("2026-12-05 18:30")
	balance := func() (b int64) {
		storetest.QueryRow(t, f.db.R, `SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = ?`, vip).Scan(&b)
		return b
	}
	f.tx(func(tx *sql.Tx) error { _, err := events.SelfCheckIn(ctx, tx, toks[0].Token, now); return err })
	var back int64
	var g events.Guest
	f.tx(func(tx *sql.Tx) (err error) {
		g, back, err = events.UndoCheckIn(ctx, tx, ev.ID, toks[0].GuestID, 0)
		return err
	})
	if back != 100 || balance() != 0 || g.Status != events.Confirmed || g.CheckedInAt != "" {
		t.Fatalf("undo: back %d balance %d guest %+v", back, balance(), g)
	}
	err := f.try(func(tx *sql.Tx) error {
		_, _, err := events.UndoCheckIn(ctx, tx, ev.ID, toks[0].GuestID, 0)
		return err
	})
	wantMessage(t, err, "尚未签到")
	// The token works again after the undo, and the points come once more, once.
	var res events.CheckInResult
	f.tx(func(tx *sql.Tx) (err error) { res, err = events.SelfCheckIn(ctx, tx, toks[0].Token, now); return err })
	f.tx(func(tx *sql.Tx) error { _, err := events.CheckIn(ctx, tx, ev.ID, vip, 0); return err })
	if res.Points != 100 || balance() != 100 {
		t.Fatalf("check-in after undo: %+v balance %d", res, balance())
	}
}

func TestWalkInsAreHeldBoundedAndConfirmedAtTheDesk(t *testing.T) {
	f := newFixture(t)
	known := f.customer("李老板", "13600136000", "M")
	ev := f.event(0, "2026-12-05 19:00")
	var walk, guestTok string
	f.tx(func(tx *sql.Tx) (err error) {
		if walk, err = events.WalkInToken(ctx, tx, testKey, ev.ID, 0, false); err != nil {
			return err
		}
		if _, err = events.AddGuests(ctx, tx, ev.ID, []int64{known}, 0, 0); err != nil {
			return err
		}
		toks, _, err := events.GuestTokens(ctx, tx, testKey, ev.ID, 0)
		guestTok = toks[0].Token
		return err
	})
	if err := f.state(ev.ID, events.Inviting); err != nil {
		t.Fatal(err)
	}
	now := at("2026-12-05 19:10")
	request := func(tok, name, mobile string, when time.Time) (events.WalkInRequest, bool, error) {
		var r events.WalkInRequest
		var created bool
		err := f.try(func(tx *sql.Tx) (err error) {
			r, created, err = events.RequestWalkIn(ctx, tx, tok, events.WalkInInput{Name: name, Mobile: mobile}, when)
			return err
		})
		return r, created, err
	}
	for _, c := range []struct{ name, mobile, want string }{
		{"", "13500135000", "请填写姓名"},
		{strings.Repeat("长", events.WalkInNameLen+1), "13500135000", "姓名不能超过20个字"},
		{"赵六", "", "请填写手机号"},
		{"赵六", "12345", "手机号应为11位数字"},
		{"赵六", strings.Repeat("1", 41), "手机号应为11位数字"},
	} {
		_, _, err := request(walk, c.name, c.mobile, now)
		wantMessage(t, err, c.want)
	}
	if _, _, err := request(walk, "赵六", "13500135000", at("2026-12-05 16:00")); events.RefusalReason(err) != events.RefusedEarly {
		t.Fatalf("before the window: %v", err)
	}
	if _, _, err := request(guestTok, "赵六", "13500135000", now); events.RefusalReason(err) != events.RefusedKind {
		t.Fatalf("a guest's token as the walk-in form: %v", err)
	}
	stranger, created, err := request(walk, "赵六", "135 0013 5000", now)
	if err != nil || !created || stranger.CustomerID != 0 || stranger.Mobile != "13500135000" {
		t.Fatalf("stranger %v %+v", err, stranger)
	}
	again, created, err := request(walk, "赵六", "13500135000", now)
	if err != nil || created || again.ID != stranger.ID {
		t.Fatalf("the same mobile twice: %v %v %+v", err, created, again)
	}
	boss, _, err := request(walk, "李总", "13600136000", now)
	if err != nil || boss.CustomerID != known || boss.CustomerName != "李老板" {
		t.Fatalf("matched by mobile: %v %+v", err, boss)
	}
	// Bounded: at most MaxPendingWalkIns held at once.
	for i := 2; i < events.MaxPendingWalkIns; i++ {
		if _, _, err := request(walk, "散客", fmt.Sprintf("1390000%04d", i), now); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err = request(walk, "多一位", "13911112222", now)
	wantMessage(t, err, "请直接到签到台")
	if l, _ := events.LiveCount(ctx, f.db.R, ev.ID); l.PendingWalkIns != events.MaxPendingWalkIns || l.Arrived != 0 {
		t.Fatalf("live %+v", l)
	}
	// The desk confirms the stranger (a new customer from the form) and the invited boss.
	var res events.CheckInResult
	f.tx(func(tx *sql.Tx) (err error) {
		_, res, err = events.ConfirmWalkIn(ctx, tx, ev.ID, stranger.ID, 1, 0)
		return err
	})
	if res.Guest.Name != "赵六" || res.Guest.Status != events.CheckedIn || !res.Guest.WalkIn || res.Guest.Companions != 1 {
		t.Fatalf("confirmed stranger %+v", res.Guest)
	}
	f.tx(func(tx *sql.Tx) (err error) {
		_, res, err = events.ConfirmWalkIn(ctx, tx, ev.ID, boss.ID, 0, 0)
		return err
	})
	if res.Guest.CustomerID != known || res.Guest.Status != events.CheckedIn {
		t.Fatalf("confirmed boss %+v", res.Guest)
	}
	err = f.try(func(tx *sql.Tx) error { _, err := events.RejectWalkIn(ctx, tx, ev.ID, boss.ID, 0); return err })
	wantMessage(t, err, "已确认")
	// A rejection frees a place.
	list, _ := events.WalkInRequests(ctx, f.db.R, ev.ID)
	f.tx(func(tx *sql.Tx) error { _, err := events.RejectWalkIn(ctx, tx, ev.ID, list[0].ID, 0); return err })
	if _, created, err := request(walk, "多一位", "13911112222", now); err != nil || !created {
		t.Fatalf("after the desk dealt with some: %v", err)
	}
	if l, _ := events.LiveCount(ctx, f.db.R, ev.ID); l.Arrived != 2 || l.PendingWalkIns != events.MaxPendingWalkIns-2 {
		t.Fatalf("live after confirming %+v", l)
	}
}
