package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Guest self check-in: what a token opens, and why it may be refused. A token opens exactly one
// thing: its guest's invitation (to see and confirm), or its event's walk-in form.

// Holder is what a token opens: a guest's invitation, or (Guest.ID 0) the event's walk-in form.
type Holder struct {
	Event Event
	Guest Guest
}

// WalkIn reports whether the token is the event's walk-in token.
func (h Holder) WalkIn() bool { return h.Guest.ID == 0 }

// Reasons a token is refused, in the data of the error so a page can say more than the message.
const (
	RefusedUnknown = "unknown" // not a token of this shop (mistyped, rotated, another shop's)
	RefusedEarly   = "early"   // before CheckInLead ahead of the start
	RefusedExpired = "expired" // after the end
	RefusedClosed  = "closed"  // the event is not open for check-in (planning, cancelled, ended)
	RefusedUsed    = "used"    // the guest is already checked in
	RefusedKind    = "kind"    // a walk-in token used for an invitation or the other way round
)

func refused(reason, msg string) error {
	return errs.Conflict("token", msg, map[string]string{"reason": reason})
}

// RefusalReason is the reason of a refusal made here, or "".
func RefusalReason(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		if d, ok := e.Data.(map[string]string); ok {
			return d["reason"]
		}
	}
	return ""
}

// shortTime writes a shop-local instant as 12月5日 17:00.
func shortTime(t time.Time) string {
	t = t.In(store.Shop)
	return fmt.Sprintf("%d月%d日 %s", t.Month(), t.Day(), t.Format("15:04"))
}

// Resolve finds what token opens and checks that it works at now. A used invitation still resolves
// (its page says so); Confirm refuses it.
func Resolve(ctx context.Context, q store.Querier, token string, now time.Time) (Holder, error) {
	var h Holder
	if !wellFormed(token) {
		return h, refused(RefusedUnknown, "签到码无效：这不是本店活动的签到二维码，请向现场工作人员出示邀请函")
	}
	var eventID, guestID int64
	err := q.QueryRowContext(ctx, `SELECT event_id, COALESCE(guest_id, 0) FROM event_checkin_tokens WHERE token_hash = ?`,
		HashToken(token)).Scan(&eventID, &guestID)
	if errors.Is(err, sql.ErrNoRows) {
		return h, refused(RefusedUnknown, "签到码无效或已更换：请使用最新的邀请函，或向现场工作人员出示邀请函")
	}
	if err != nil {
		return h, errs.Internal("resolve token", err)
	}
	if h.Event, err = Get(ctx, q, eventID); err != nil {
		return h, err
	}
	from, until, err := CheckInWindow(h.Event)
	if err != nil {
		return h, err
	}
	switch {
	case h.Event.State == Cancelled:
		return h, refused(RefusedClosed, "活动「"+h.Event.Name+"」已取消，无法签到")
	case h.Event.State == Ended || !now.Before(until):
		return h, refused(RefusedExpired, fmt.Sprintf("签到已结束：活动「%s」已于 %s 结束", h.Event.Name, shortTime(until)))
	case now.Before(from):
		return h, refused(RefusedEarly, fmt.Sprintf("签到尚未开始：活动「%s」的签到从 %s 开始（开场前2小时）", h.Event.Name, shortTime(from)))
	case h.Event.State == Planning:
		return h, refused(RefusedClosed, "活动「"+h.Event.Name+"」尚未开放签到，请联系现场工作人员")
	}
	if guestID != 0 {
		if h.Guest, err = guest(ctx, q, eventID, guestID); err != nil {
			return h, err
		}
	}
	return h, nil
}

// SelfCheckIn confirms the token's own guest, through the same check-in as the desk's (attendance
// points once). A used token is refused.
func SelfCheckIn(ctx context.Context, tx *sql.Tx, token string, now time.Time) (CheckInResult, error) {
	h, err := Resolve(ctx, tx, token, now)
	if err != nil {
		return CheckInResult{}, err
	}
	if h.WalkIn() {
		return CheckInResult{}, refused(RefusedKind, "这是现场登记二维码，请在登记页填写姓名和手机号")
	}
	if h.Guest.Status == CheckedIn {
		return CheckInResult{Guest: h.Guest, Already: true}, refused(RefusedUsed, fmt.Sprintf("此邀请已于 %s 签到，无需重复签到；如有疑问请联系现场工作人员", checkedAt(h.Guest)))
	}
	return checkIn(ctx, tx, h.Event, h.Guest, 0)
}

// checkedAt is when a guest checked in, shop-local, for messages.
func checkedAt(g Guest) string {
	t, err := time.Parse(time.RFC3339, g.CheckedInAt)
	if err != nil {
		return "此前"
	}
	return shortTime(t)
}
