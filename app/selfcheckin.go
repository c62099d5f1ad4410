package app

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// SelfCheckIn is what a guest's phone may do with a token, and nothing more: see its own invitation,
// confirm its own check-in, or (the door stand's token) leave a walk-in's name and mobile. It is not
// one of Services, so neither the window nor /api/app reaches it; app/web serves it on the public
// check-in pages, without a session. Everything it does needs shop-network mode on.
type SelfCheckIn struct {
	core *Core
	// Now is the clock the token window is checked against (tests move it).
	Now func() time.Time
}

// NewSelfCheckIn serves guests' phones from core's database and events; core needs no sign-in.
func NewSelfCheckIn(core *Core) *SelfCheckIn { return &SelfCheckIn{core: core, Now: time.Now} }

// selfActor is who the audit log names for what a guest's phone did.
var selfActor = staff.Member{Name: "宾客扫码"}

// Invitation is what a token's page shows. The table appears once the guest has checked in.
type Invitation struct {
	WalkIn     bool   `json:"walkIn"`
	EventID    int64  `json:"eventId"`
	Event      string `json:"event"`
	Theme      string `json:"theme"`
	When       string `json:"when"`
	Venue      string `json:"venue"`
	Address    string `json:"address"`
	Host       string `json:"host"`
	Salutation string `json:"salutation"`
	CheckedIn  bool   `json:"checkedIn"`
	CheckedAt  string `json:"checkedAt"`
	Table      string `json:"table"`
	// Points are the attendance points this confirmation gave.
	Points int64 `json:"points"`
}

// WalkInReceipt is what a walk-in's phone sees after sending the form; it does not say whether the
// mobile is in the archive.
type WalkInReceipt struct {
	Event   string `json:"event"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

// ErrSelfOff refuses the public pages while shop-network mode is off.
var ErrSelfOff = errs.Forbidden("本店暂未开启扫码签到（局域网模式未开启），请到签到台由工作人员为您签到")

// open refuses while shop-network mode is off.
func (s *SelfCheckIn) open(ctx context.Context) error {
	l, err := settings.LoadLAN(ctx, s.core.DB.R)
	if err != nil {
		return err
	}
	if !l.Enabled {
		return ErrSelfOff
	}
	return nil
}

// View shows the token's invitation (or the walk-in form's heading).
func (s *SelfCheckIn) View(token string) (Invitation, error) {
	ctx := s.core.context()
	if err := s.open(ctx); err != nil {
		return Invitation{}, err
	}
	h, err := events.Resolve(ctx, s.core.DB.R, token, s.Now())
	if err != nil {
		return Invitation{}, err
	}
	return invitation(h, 0), nil
}

// Confirm checks in the token's own guest, exactly as the desk would; every desk hears of it.
func (s *SelfCheckIn) Confirm(token string) (out Invitation, err error) {
	ctx := s.core.context()
	if err := s.open(ctx); err != nil {
		return out, err
	}
	var res events.CheckInResult
	err = s.core.DB.WithTx(ctx, func(tx *sql.Tx) error {
		if res, err = events.SelfCheckIn(ctx, tx, token, s.Now()); err != nil {
			return err
		}
		ev, err := events.Get(ctx, tx, res.Guest.EventID)
		if err != nil {
			return err
		}
		out = invitation(events.Holder{Event: ev, Guest: res.Guest}, res.Points)
		return s.core.log(ctx, tx, selfActor, "活动签到", "event", ev.ID, eventPartLabel(ctx, tx, ev.ID, res.Guest.Name),
			map[string]any{"self": true, "points": res.Points})
	})
	if err != nil {
		return out, err
	}
	s.core.emitCheckIn(out.EventID, res.Guest.ID)
	return out, nil
}

// RequestWalkIn holds a walk-in's form for the desk to confirm.
func (s *SelfCheckIn) RequestWalkIn(token string, in events.WalkInInput) (out WalkInReceipt, err error) {
	ctx := s.core.context()
	if err := s.open(ctx); err != nil {
		return out, err
	}
	var r events.WalkInRequest
	var created bool
	err = s.core.DB.WithTx(ctx, func(tx *sql.Tx) error {
		if r, created, err = events.RequestWalkIn(ctx, tx, token, in, s.Now()); err != nil || !created {
			return err
		}
		return s.core.log(ctx, tx, selfActor, "现场登记", "event", r.EventID, eventPartLabel(ctx, tx, r.EventID, r.Name),
			map[string]int64{"requestId": r.ID})
	})
	if err != nil {
		return out, err
	}
	if created {
		s.core.emitCheckIn(r.EventID, 0)
	}
	ev, err := events.Get(ctx, s.core.DB.R, r.EventID)
	if err != nil {
		return out, err
	}
	// Greet the name sent now: a mobile already held answers with its request, whose name is not
	// this phone's to see.
	return WalkInReceipt{Event: ev.Name, Name: strings.TrimSpace(in.Name), Message: "已登记，请到签到台稍候，工作人员确认后为您安排座位"}, nil
}

func invitation(h events.Holder, points int64) Invitation {
	ev := h.Event
	inv := Invitation{WalkIn: h.WalkIn(), EventID: ev.ID, Event: ev.Name, Theme: ev.Theme, When: eventWhen(ev), Venue: ev.Venue,
		Address: ev.Address, Host: ev.HostName, Points: points}
	if h.WalkIn() {
		return inv
	}
	g := h.Guest
	inv.Salutation = events.Salutation(g.Name, g.Gender)
	if g.Status == events.CheckedIn {
		inv.CheckedIn = true
		if t, err := time.Parse(time.RFC3339, g.CheckedInAt); err == nil {
			inv.CheckedAt = t.In(store.Shop).Format("15:04")
		}
		inv.Table = tableLabel(g)
	}
	return inv
}

// tableLabel is how a guest's table is said aloud: 主桌 (1号桌), 3号桌, or 请到签到台安排.
func tableLabel(g events.Guest) string {
	switch {
	case g.TableNumber == 0:
		return ""
	case g.TableName != "" && g.TableName != fmt.Sprintf("%d号桌", g.TableNumber):
		return fmt.Sprintf("%s（%d号桌）", g.TableName, g.TableNumber)
	}
	return fmt.Sprintf("%d号桌", g.TableNumber)
}

// eventWhen is 12月5日（周六）19:00–21:30.
func eventWhen(ev events.Event) string {
	const layout = "2006-01-02 15:04"
	start, err := time.Parse(layout, ev.StartsAt)
	if err != nil {
		return ev.StartsAt
	}
	end, _ := time.Parse(layout, ev.EndsAt)
	days := []string{"日", "一", "二", "三", "四", "五", "六"}
	s := fmt.Sprintf("%d月%d日（周%s）%s", start.Month(), start.Day(), days[start.Weekday()], start.Format("15:04"))
	if !end.IsZero() && end.Format("2006-01-02") == start.Format("2006-01-02") {
		s += "–" + end.Format("15:04")
	}
	return s
}
