package reports

import (
	"context"
	"database/sql"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// EventRow is an event starting in the next 30 days.
type EventRow struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	StartsAt string `json:"startsAt"`
	Venue    string `json:"venue"`
	Guests   int64  `json:"guests"`
}

// FollowUpRow is a customer whose latest follow-up asks for the next one by NextDate.
type FollowUpRow struct {
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	NextDate   string `json:"nextDate"`
	Overdue    bool   `json:"overdue"`
	Content    string `json:"content"`
}

// InactiveRow is a member who has not bought for InactiveDays; the most recently lapsed come first,
// as they are the likeliest to come back.
type InactiveRow struct {
	CustomerID   int64  `json:"customerId"`
	Name         string `json:"name"`
	Level        string `json:"level"`
	LastPurchase string `json:"lastPurchase"`
}

// upcomingEvents: not cancelled, starting today or in the next 30 days.
func upcomingEvents(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	from, to := today.Format(time.DateOnly), today.AddDate(0, 0, 30).Format(time.DateOnly)
	const where = ` FROM events e WHERE e.starts_at >= ? AND e.starts_at < ? AND e.state != 'cancelled'`
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*)`+where, from, to).Scan(&d.EventsUpcoming); err != nil {
		return errs.Internal("upcoming events", err)
	}
	d.EventList = []EventRow{}
	return collect(ctx, q, `SELECT e.id, e.name, e.kind, e.starts_at, e.venue,
		(SELECT COUNT(*) FROM event_guests g WHERE g.event_id = e.id AND g.status NOT IN ('declined'))`+where+
		` ORDER BY e.starts_at, e.id LIMIT ?`, []any{from, to, ListLimit}, func(rows *sql.Rows) error {
		var r EventRow
		err := rows.Scan(&r.ID, &r.Name, &r.Kind, &r.StartsAt, &r.Venue, &r.Guests)
		d.EventList = append(d.EventList, r)
		return err
	})
}

// followUpsDue: customers (not archived) whose latest follow-up names a next date within a week,
// overdue ones included. A follow-up made since then answers it.
func followUpsDue(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	// Open follow-ups (no later one for the customer, kept by triggers) by their next date, through
	// their own small index; CROSS JOIN so SQLite never starts from every customer.
	const where = ` FROM follow_ups f CROSS JOIN customers c ON c.id = f.customer_id
		WHERE f.next_date IS NOT NULL AND f.answered = 0 AND f.next_date <= ? AND c.archived = 0`
	limit := today.AddDate(0, 0, 7).Format(time.DateOnly)
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*)`+where, limit).Scan(&d.FollowUpsDue); err != nil {
		return errs.Internal("follow-ups due", err)
	}
	d.FollowUpList = []FollowUpRow{}
	todayStr := today.Format(time.DateOnly)
	return collect(ctx, q, `SELECT c.id, c.name, f.next_date, f.content`+where+` ORDER BY f.next_date, f.id LIMIT ?`,
		[]any{limit, ListLimit}, func(rows *sql.Rows) error {
			var r FollowUpRow
			err := rows.Scan(&r.CustomerID, &r.Name, &r.NextDate, &r.Content)
			r.Overdue = r.NextDate < todayStr
			d.FollowUpList = append(d.FollowUpList, r)
			return err
		})
}

// inactiveList lists the first inactive members (the count comes with the member counts): lapsed
// buyers, most recently lapsed first, then members who never bought. Two index ranges, so it stops
// after a few rows even with a million members.
func inactiveList(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	asleep := today.AddDate(0, 0, -InactiveDays+1)
	d.InactiveList = []InactiveRow{}
	const sel = `SELECT c.id, c.name, l.name, COALESCE(m.last_purchase, '')
		FROM memberships m CROSS JOIN customers c ON c.id = m.customer_id JOIN member_levels l ON l.id = m.level_id WHERE `
	scan := func(rows *sql.Rows) error {
		var r InactiveRow
		err := rows.Scan(&r.CustomerID, &r.Name, &r.Level, &r.LastPurchase)
		d.InactiveList = append(d.InactiveList, r)
		return err
	}
	err := collect(ctx, q, sel+`m.last_purchase < ? AND c.archived = 0 ORDER BY m.last_purchase DESC, m.registered_at DESC LIMIT ?`,
		[]any{asleep.Format(time.DateOnly), ListLimit}, scan)
	if err != nil || len(d.InactiveList) == ListLimit {
		return err
	}
	return collect(ctx, q, sel+`m.last_purchase IS NULL AND m.registered_at < ? AND c.archived = 0 ORDER BY m.registered_at LIMIT ?`,
		[]any{utcStart(asleep), ListLimit - len(d.InactiveList)}, scan)
}

func collect(ctx context.Context, q store.Querier, query string, args []any, scan func(*sql.Rows) error) error {
	if err := store.Each(ctx, q, query, args, scan); err != nil {
		return errs.Internal("dashboard list", err)
	}
	return nil
}
