package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// CheckInResult is what the sign-in desk shows: the guest with their table, and whether this scan
// signed them in now or they already were.
type CheckInResult struct {
	Guest   Guest `json:"guest"`
	Already bool  `json:"already"`
	Points  int64 `json:"points"`
}

// CheckIn signs a customer in. Someone not on the list is refused with data {notInvited, customerId}
// so the desk can offer to add them as a walk-in.
func CheckIn(ctx context.Context, tx *sql.Tx, eventID, customerID, staffID int64) (CheckInResult, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return CheckInResult{}, err
	}
	if ev.State != Running && ev.State != Inviting {
		return CheckInResult{}, errs.Conflict("state", "活动"+stateNames[ev.State]+"，不能签到", nil)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM event_guests WHERE event_id = ? AND customer_id = ?`, eventID, customerID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, customerID).Scan(&name); err != nil {
			return CheckInResult{}, errs.NotFound(fmt.Sprintf("没有编号为 %d 的客户", customerID))
		}
		return CheckInResult{}, errs.Conflict("customerId", name+" 不在本活动的宾客名单中，可作为临时到场宾客加入",
			map[string]any{"notInvited": true, "customerId": customerID, "name": name})
	}
	if err != nil {
		return CheckInResult{}, errs.Internal("find guest", err)
	}
	g, err := guest(ctx, tx, eventID, id)
	if err != nil {
		return CheckInResult{}, err
	}
	return checkIn(ctx, tx, ev, g, staffID)
}

// CheckInByCard signs in the holder of a scanned member card.
func CheckInByCard(ctx context.Context, tx *sql.Tx, eventID int64, number string, staffID int64) (CheckInResult, error) {
	k, err := members.UsableCard(ctx, tx, number)
	if err != nil {
		return CheckInResult{}, err
	}
	return CheckIn(ctx, tx, eventID, k.CustomerID, staffID)
}

// WalkIn adds someone who came without an invitation and signs them in at once. They are there, so
// the capacity does not turn them away; they are counted like everyone else.
func WalkIn(ctx context.Context, tx *sql.Tx, eventID, customerID int64, companions int, staffID int64) (CheckInResult, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return CheckInResult{}, err
	}
	if ev.State != Running && ev.State != Inviting {
		return CheckInResult{}, errs.Conflict("state", "活动"+stateNames[ev.State]+"，不能签到", nil)
	}
	if companions < 0 || companions > 9 {
		return CheckInResult{}, errs.Invalid("companions", "同行人数应在0到9之间")
	}
	now := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO event_guests (event_id, customer_id, companions, walk_in, status_at, status_by, created_at)
		SELECT ?, id, ?, 1, ?, ?, ? FROM customers WHERE id = ? AND archived = 0 ON CONFLICT (event_id, customer_id) DO NOTHING`,
		eventID, companions, now, store.Nullable(staffID), now, customerID)
	if err != nil {
		return CheckInResult{}, errs.Internal("walk-in", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return CheckIn(ctx, tx, eventID, customerID, staffID)
	}
	id, _ := res.LastInsertId()
	g, err := guest(ctx, tx, eventID, id)
	if err != nil {
		return CheckInResult{}, err
	}
	return checkIn(ctx, tx, ev, g, staffID)
}

// checkIn marks a guest 已签到 once and books the attendance points under a key that makes a second
// scan, a double click or a retried request give nothing more.
func checkIn(ctx context.Context, tx *sql.Tx, ev Event, g Guest, staffID int64) (CheckInResult, error) {
	if g.Status == CheckedIn {
		return CheckInResult{Guest: g, Already: true}, nil
	}
	if g.Status == Declined || g.Waitlisted {
		// They came after all: take them off the waitlist or out of 婉拒.
		g.Waitlisted = false
	}
	now := store.Now()
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET status = 'checked_in', waitlisted = 0, status_at = ?, status_by = ?, checked_in_at = ?
		WHERE id = ?`, now, store.Nullable(staffID), now, g.ID); err != nil {
		return CheckInResult{}, errs.Internal("check in", err)
	}
	out := CheckInResult{}
	if ev.AttendPoints > 0 {
		if _, isMember, err := members.Get(ctx, tx, g.CustomerID); err != nil {
			return out, err
		} else if isMember {
			key, err := attendKey(ctx, tx, ev.ID, g)
			if err != nil {
				return out, err
			}
			_, created, err := points.Credit(ctx, tx, points.Booking{CustomerID: g.CustomerID, Kind: points.KindBonus, Points: ev.AttendPoints,
				Reason: fmt.Sprintf("参加活动「%s」签到", ev.Name), RefType: "event", RefID: ev.ID,
				Key: key, StaffID: staffID})
			if err != nil {
				return out, err
			}
			if created {
				out.Points = ev.AttendPoints
			}
		}
	}
	var round int
	if err := tx.QueryRowContext(ctx, `SELECT checkins_undone FROM event_guests WHERE id = ?`, g.ID).Scan(&round); err != nil {
		return out, errs.Internal("check-in round", err)
	}
	for _, hook := range afterCheckIn {
		if err := hook(ctx, tx, Arrival{EventID: ev.ID, EventName: ev.Name, CustomerID: g.CustomerID, StaffID: staffID, Round: round}); err != nil {
			return out, err
		}
	}
	var err error
	out.Guest, err = guest(ctx, tx, ev.ID, g.ID)
	return out, err
}

// attendKey is the idempotency key of a guest's attendance points for the current round: the first
// check-in's key is the one events have always used; after n undone check-ins the round carries n.
func attendKey(ctx context.Context, q store.Querier, eventID int64, g Guest) (string, error) {
	var undone int
	if err := q.QueryRowContext(ctx, `SELECT checkins_undone FROM event_guests WHERE id = ?`, g.ID).Scan(&undone); err != nil {
		return "", errs.Internal("check-in round", err)
	}
	if undone == 0 {
		return fmt.Sprintf("event-attend:%d:%d", eventID, g.CustomerID), nil
	}
	return fmt.Sprintf("event-attend:%d:%d:%d", eventID, g.CustomerID, undone), nil
}

// UndoCheckIn takes back a check-in made by mistake (a guest scanned at home, the desk picked the
// wrong 张伟): the guest goes back to 已确认 and the attendance points of that check-in are taken back
// as a reversal. A later check-in gives them again, once. pointsBack is what was taken back.
func UndoCheckIn(ctx context.Context, tx *sql.Tx, eventID, guestID, staffID int64) (g Guest, pointsBack int64, err error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return g, 0, err
	}
	if ev.State == Ended || ev.State == Cancelled {
		return g, 0, errs.Conflict("state", "活动"+stateNames[ev.State]+"，不能撤销签到", nil)
	}
	if g, err = guest(ctx, tx, eventID, guestID); err != nil {
		return g, 0, err
	}
	if g.Status != CheckedIn {
		return g, 0, errs.Conflict("status", g.Name+" 尚未签到，无需撤销", nil)
	}
	key, err := attendKey(ctx, tx, eventID, g)
	if err != nil {
		return g, 0, err
	}
	credit, given, err := points.Booked(ctx, tx, key)
	if err != nil {
		return g, 0, err
	}
	if given {
		if _, _, err := points.Debit(ctx, tx, points.Booking{CustomerID: g.CustomerID, Kind: points.KindReverse, Points: credit.Points,
			Reason: fmt.Sprintf("撤销活动「%s」签到", ev.Name), RefType: "event", RefID: ev.ID, Key: "undo:" + key, StaffID: staffID,
			FirstLot: credit.ID}); err != nil {
			return g, 0, err
		}
		pointsBack = credit.Points
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET status = 'confirmed', checked_in_at = NULL, status_at = ?, status_by = ?,
		checkins_undone = checkins_undone + 1 WHERE id = ?`, store.Now(), store.Nullable(staffID), g.ID); err != nil {
		return g, 0, errs.Internal("undo check-in", err)
	}
	var round int
	if err := tx.QueryRowContext(ctx, `SELECT checkins_undone - 1 FROM event_guests WHERE id = ?`, g.ID).Scan(&round); err != nil {
		return g, 0, errs.Internal("check-in round", err)
	}
	for _, hook := range afterUndo {
		if err := hook(ctx, tx, Arrival{EventID: ev.ID, EventName: ev.Name, CustomerID: g.CustomerID, StaffID: staffID, Round: round}); err != nil {
			return g, 0, err
		}
	}
	g, err = guest(ctx, tx, eventID, guestID)
	return g, pointsBack, err
}

// Live is the sign-in desk's running count.
type Live struct {
	Invited   int `json:"invited"`   // guests invited or further (not pending, not waitlisted)
	Confirmed int `json:"confirmed"` // confirmed or already arrived
	Arrived   int `json:"arrived"`   // guests signed in
	People    int `json:"people"`    // signed-in guests with their companions
	Expected  int `json:"expected"`  // people on the list (not declined, not waitlisted)
	Seats     int `json:"seats"`     // guest seats at all tables (a host takes one)
	Empty     int `json:"empty"`     // seats nobody signed in occupies yet
	// PendingWalkIns are walk-ins' forms (扫码登记) waiting for the desk to confirm.
	PendingWalkIns int `json:"pendingWalkIns"`
}

// LiveCount counts the event right now.
func LiveCount(ctx context.Context, q store.Querier, eventID int64) (Live, error) {
	var l Live
	err := q.QueryRowContext(ctx, `SELECT
		COUNT(*) FILTER (WHERE status NOT IN ('pending') AND waitlisted = 0),
		COUNT(*) FILTER (WHERE status IN ('confirmed','checked_in')),
		COUNT(*) FILTER (WHERE status = 'checked_in'),
		COALESCE(SUM(1 + companions) FILTER (WHERE status = 'checked_in'), 0),
		COALESCE(SUM(1 + companions) FILTER (WHERE status != 'declined' AND waitlisted = 0), 0)
		FROM event_guests WHERE event_id = ?`, eventID).Scan(&l.Invited, &l.Confirmed, &l.Arrived, &l.People, &l.Expected)
	if err != nil {
		return l, errs.Internal("live count", err)
	}
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(seats - (host_staff_id IS NOT NULL)), 0) FROM event_tables WHERE event_id = ?`, eventID).Scan(&l.Seats); err != nil {
		return l, errs.Internal("count seats", err)
	}
	l.Empty = max(l.Seats-l.People, 0)
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_walkin_requests WHERE event_id = ? AND status = 'pending'`, eventID).Scan(&l.PendingWalkIns); err != nil {
		return l, errs.Internal("count walk-ins", err)
	}
	return l, nil
}
