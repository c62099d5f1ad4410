package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// AddResult says what adding a batch of guests did.
type AddResult struct {
	Added      int `json:"added"`
	Waitlisted int `json:"waitlisted"`
	// Skipped are customers already on the list (or archived), left as they were.
	Skipped int `json:"skipped"`
}

// AddGuests puts customers on the guest list in one transaction, each with the same number of
// companions. Those who no longer fit under the capacity go to the waitlist, in the order given.
func AddGuests(ctx context.Context, tx *sql.Tx, eventID int64, customerIDs []int64, companions int, staffID int64) (AddResult, error) {
	var res AddResult
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return res, err
	}
	if err := open(ev); err != nil {
		return res, err
	}
	if companions < 0 || companions > 9 {
		return res, errs.Invalid("companions", "同行人数应在0到9之间")
	}
	if len(customerIDs) == 0 {
		return res, errs.Invalid("customerIds", "请先选择要邀请的客户")
	}
	head := ev.Headcount
	now := store.Now()
	for _, cid := range customerIDs {
		var archived bool
		err := tx.QueryRowContext(ctx, `SELECT archived FROM customers WHERE id = ?`, cid).Scan(&archived)
		if errors.Is(err, sql.ErrNoRows) {
			return AddResult{}, errs.NotFound(fmt.Sprintf("没有编号为 %d 的客户", cid))
		}
		if err != nil {
			return AddResult{}, errs.Internal("guest customer", err)
		}
		if archived {
			res.Skipped++
			continue
		}
		wait := ev.Capacity > 0 && head+1+companions > ev.Capacity
		r, err := tx.ExecContext(ctx, `INSERT INTO event_guests (event_id, customer_id, companions, waitlisted, status_at, status_by, created_at)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT (event_id, customer_id) DO NOTHING`, eventID, cid, companions, wait, now, store.Nullable(staffID), now)
		if err != nil {
			return AddResult{}, errs.Internal("add guest", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			res.Skipped++
			continue
		}
		if wait {
			res.Waitlisted++
		} else {
			res.Added++
			head += 1 + companions
		}
	}
	return res, nil
}

// promote moves waitlisted guests onto the list, first come first served, while the next one fits.
// Waiting guests are never skipped for a smaller party behind them.
func promote(ctx context.Context, tx *sql.Tx, eventID, staffID int64) error {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, companions FROM event_guests WHERE event_id = ? AND waitlisted = 1 AND status != 'declined' ORDER BY id`, eventID)
	if err != nil {
		return errs.Internal("waitlist", err)
	}
	type waiting struct{ id, people int64 }
	var queue []waiting
	for rows.Next() {
		var w waiting
		if err := rows.Scan(&w.id, &w.people); err != nil {
			rows.Close()
			return errs.Internal("scan waitlist", err)
		}
		w.people++
		queue = append(queue, w)
	}
	rows.Close()
	head := int64(ev.Headcount)
	for _, w := range queue {
		if ev.Capacity > 0 && head+w.people > int64(ev.Capacity) {
			break
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET waitlisted = 0, status_at = ?, status_by = ? WHERE id = ?`,
			store.Now(), store.Nullable(staffID), w.id); err != nil {
			return errs.Internal("promote guest", err)
		}
		head += w.people
	}
	return nil
}

const guestCols = `g.id, g.event_id, g.customer_id, c.name, c.gender, COALESCE(c.mobile, ''), c.district, c.company,
	COALESCE(l.name, ''), COALESCE(l.rank, 0), COALESCE((SELECT k.number FROM cards k WHERE k.customer_id = c.id AND k.state != 'replaced'), ''),
	g.status, g.companions, g.waitlisted, g.walk_in, g.status_at, COALESCE(s.name, ''), COALESCE(g.checked_in_at, ''),
	COALESCE(t.id, 0), COALESCE(t.number, 0), COALESCE(t.name, '')
	FROM event_guests g JOIN customers c ON c.id = g.customer_id
	LEFT JOIN memberships m ON m.customer_id = c.id LEFT JOIN member_levels l ON l.id = m.level_id
	LEFT JOIN staff s ON s.id = g.status_by LEFT JOIN event_tables t ON t.id = g.table_id`

func scanGuest(row interface{ Scan(...any) error }) (Guest, error) {
	var g Guest
	err := row.Scan(&g.ID, &g.EventID, &g.CustomerID, &g.Name, &g.Gender, &g.Mobile, &g.District, &g.Company, &g.LevelName, &g.LevelRank,
		&g.CardNumber, &g.Status, &g.Companions, &g.Waitlisted, &g.WalkIn, &g.StatusAt, &g.StatusBy, &g.CheckedInAt,
		&g.TableID, &g.TableNumber, &g.TableName)
	return g, err
}

// Guests lists an event's guests: on the list first (by table, then level), then the waitlist in order.
func Guests(ctx context.Context, q store.Querier, eventID int64) ([]Guest, error) {
	return guests(ctx, q, `g.event_id = ?`, eventID)
}

func guests(ctx context.Context, q store.Querier, where string, args ...any) ([]Guest, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+guestCols+` WHERE `+where+`
		ORDER BY g.waitlisted, COALESCE(t.number, 99999), COALESCE(l.rank, 0) DESC, g.id`, args...)
	if err != nil {
		return nil, errs.Internal("list guests", err)
	}
	defer rows.Close()
	out := []Guest{}
	for rows.Next() {
		g, err := scanGuest(rows)
		if err != nil {
			return nil, errs.Internal("scan guest", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// guest reads one guest of an event.
func guest(ctx context.Context, q store.Querier, eventID, guestID int64) (Guest, error) {
	g, err := scanGuest(q.QueryRowContext(ctx, `SELECT `+guestCols+` WHERE g.event_id = ? AND g.id = ?`, eventID, guestID))
	if errors.Is(err, sql.ErrNoRows) {
		return g, errs.NotFound("该宾客不在本活动的名单中")
	}
	if err != nil {
		return g, errs.Internal("get guest", err)
	}
	return g, nil
}

// SetStatus changes the state of one or more guests, recording when and by whom. 已签到 goes through
// CheckIn (table, points); declining frees the seat and promotes the waitlist.
func SetStatus(ctx context.Context, tx *sql.Tx, eventID int64, guestIDs []int64, status string, staffID int64) (int, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return 0, err
	}
	if err := open(ev); err != nil {
		return 0, err
	}
	if _, ok := guestNames[status]; !ok {
		return 0, errs.Invalid("status", "未知的宾客状态："+status)
	}
	if len(guestIDs) == 0 {
		return 0, errs.Invalid("guestIds", "请先选择宾客")
	}
	if status == CheckedIn && ev.State != Running && ev.State != Inviting {
		return 0, errs.Conflict("status", "活动"+stateNames[ev.State]+"，不能签到", nil)
	}
	n := 0
	for _, id := range slices.Compact(slices.Sorted(slices.Values(guestIDs))) {
		g, err := guest(ctx, tx, eventID, id)
		if err != nil {
			return 0, err
		}
		if g.Status == status {
			continue
		}
		if status == CheckedIn {
			if _, err := checkIn(ctx, tx, ev, g, staffID); err != nil {
				return 0, err
			}
			n++
			continue
		}
		if g.Waitlisted && status == Confirmed {
			return 0, errs.Conflict("status", fmt.Sprintf("%s 还在候补名单中，有空位后才能确认", g.Name), nil)
		}
		if g.Status == CheckedIn {
			return 0, errs.Conflict("status", fmt.Sprintf("%s 已签到，不能再改为「%s」", g.Name, guestNames[status]), nil)
		}
		// Coming back after declining needs a free place again; the waitlist does not jump.
		if g.Status == Declined && !g.Waitlisted && status != NoShow {
			cur, err := Get(ctx, tx, eventID)
			if err != nil {
				return 0, err
			}
			if cur.Capacity > 0 && cur.Headcount+g.people() > cur.Capacity {
				return 0, errs.Conflict("status", fmt.Sprintf("超出人数上限：上限 %d 人，已报名 %d 人，%s 一行 %d 人", cur.Capacity, cur.Headcount, g.Name, g.people()), nil)
			}
		}
		table := any(nil)
		if status != Declined && status != NoShow && g.TableID != 0 {
			table = g.TableID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET status = ?, status_at = ?, status_by = ?, table_id = ? WHERE id = ?`,
			status, store.Now(), store.Nullable(staffID), table, id); err != nil {
			return 0, errs.Internal("guest status", err)
		}
		n++
	}
	return n, promote(ctx, tx, eventID, staffID)
}

// SetCompanions changes how many people come with a guest; it must still fit the capacity and the table.
func SetCompanions(ctx context.Context, tx *sql.Tx, eventID, guestID int64, companions int, staffID int64) (Guest, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return Guest{}, err
	}
	if err := open(ev); err != nil {
		return Guest{}, err
	}
	g, err := guest(ctx, tx, eventID, guestID)
	if err != nil {
		return g, err
	}
	if companions < 0 || companions > 9 {
		return g, errs.Invalid("companions", "同行人数应在0到9之间")
	}
	delta := companions - g.Companions
	if delta > 0 && !g.Waitlisted && g.Status != Declined && ev.Capacity > 0 && ev.Headcount+delta > ev.Capacity {
		return g, errs.Conflict("companions", fmt.Sprintf("超出人数上限：上限 %d 人，已报名 %d 人", ev.Capacity, ev.Headcount), nil)
	}
	if delta > 0 && g.TableID != 0 {
		if free, err := freeSeats(ctx, tx, g.TableID); err != nil {
			return g, err
		} else if free < delta {
			return g, errs.Conflict("companions", fmt.Sprintf("%d号桌只剩 %d 个座位", g.TableNumber, free), nil)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET companions = ? WHERE id = ?`, companions, guestID); err != nil {
		return g, errs.Internal("companions", err)
	}
	if err := promote(ctx, tx, eventID, staffID); err != nil {
		return g, err
	}
	return guest(ctx, tx, eventID, guestID)
}

// RemoveGuest takes someone off the list (a mistake); after they were invited, decline instead.
func RemoveGuest(ctx context.Context, tx *sql.Tx, eventID, guestID, staffID int64) (Guest, error) {
	g, err := guest(ctx, tx, eventID, guestID)
	if err != nil {
		return g, err
	}
	if g.Status != Pending {
		return g, errs.Conflict("status", fmt.Sprintf("%s 已是「%s」，不能移除；如不来请改为「婉拒」", g.Name, guestNames[g.Status]), nil)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_guests WHERE id = ?`, guestID); err != nil {
		return g, errs.Internal("remove guest", err)
	}
	return g, promote(ctx, tx, eventID, staffID)
}
