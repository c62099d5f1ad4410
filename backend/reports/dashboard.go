// Package reports answers the home page's figures and the reports page's charts, read-only.
//
// Definitions the shop sees (also in the README):
//   - a member is a customer with a membership who is not archived (停用);
//   - an active VIP bought something in the last 90 days;
//   - an inactive VIP bought nothing in the last 180 days and registered more than 180 days ago
//     (a member who joined last week is new, not asleep);
//   - points outstanding are every credit minus every debit of the ledger; their value in ¥ uses the
//     points rules' "value of one point" (the same value refunds use), as what the shop owes.
package reports

import (
	"context"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// Windows of the dashboard, in days.
const (
	ActiveDays   = 90
	InactiveDays = 180
	ListLimit    = 8
)

// Dashboard is the home page, in one read.
type Dashboard struct {
	Today          string `json:"today"`
	Members        int64  `json:"members"`
	NewThisMonth   int64  `json:"newThisMonth"`
	ActiveMembers  int64  `json:"activeMembers"`
	PointsIssued   int64  `json:"pointsIssued"`
	PointsRedeemed int64  `json:"pointsRedeemed"`
	PointsExpired  int64  `json:"pointsExpired"`
	Outstanding    int64  `json:"outstanding"`
	// OutstandingFen is the outstanding points valued at the rules' point value: a liability.
	OutstandingFen int64 `json:"outstandingFen"`
	PointValueFen  int64 `json:"pointValueFen"`

	Birthdays7      int64         `json:"birthdays7"`
	Birthdays30     int64         `json:"birthdays30"`
	BirthdayList    []BirthdayRow `json:"birthdayList"`
	EventsUpcoming  int64         `json:"eventsUpcoming"`
	EventList       []EventRow    `json:"eventList"`
	FollowUpsDue    int64         `json:"followUpsDue"`
	FollowUpList    []FollowUpRow `json:"followUpList"`
	InactiveMembers int64         `json:"inactiveMembers"`
	InactiveList    []InactiveRow `json:"inactiveList"`
}

// Load computes every figure for the shop-local date today.
func Load(ctx context.Context, q store.Querier, today time.Time) (Dashboard, error) {
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, store.Shop)
	d := Dashboard{Today: today.Format(time.DateOnly)}
	steps := []func(context.Context, store.Querier, time.Time, *Dashboard) error{
		memberCounts, pointTotals, birthdays, upcomingEvents, followUpsDue, inactiveList,
	}
	for _, step := range steps {
		if err := step(ctx, q, today, &d); err != nil {
			return d, err
		}
	}
	return d, nil
}

// utcStart is the stored (UTC RFC 3339) form of the start of a shop-local day.
func utcStart(day time.Time) string { return day.UTC().Format(time.RFC3339) }

// memberCounts counts over all memberships by index and subtracts the few archived ones: a join of
// a million members with their customer rows is what would make the page slow.
func memberCounts(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	month := utcStart(time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, store.Shop))
	active := today.AddDate(0, 0, -ActiveDays+1).Format(time.DateOnly)
	asleep := today.AddDate(0, 0, -InactiveDays+1)
	// Inactive: no purchase on or after `asleep` (two index ranges: lapsed buyers, and members who
	// never bought and registered before it; one OR would make SQLite collect a million rowids).
	counts := []struct {
		dst  *int64
		cond string
		args []any
	}{
		{&d.Members, "", nil}, // no WHERE at all: SQLite then counts the b-tree itself, fastest
		{&d.NewThisMonth, "m.registered_at >= ?1", []any{month}},
		{&d.ActiveMembers, "m.last_purchase >= ?1", []any{active}},
		{&d.InactiveMembers, "m.last_purchase < ?1", []any{asleep.Format(time.DateOnly)}},
		{&d.InactiveMembers, "m.last_purchase IS NULL AND m.registered_at < ?1", []any{utcStart(asleep)}},
	}
	for _, c := range counts {
		// CROSS JOIN keeps SQLite walking the few archived customers, not every member.
		where, and := "", ""
		if c.cond != "" {
			where, and = " WHERE "+c.cond, " AND "+c.cond
		}
		var n int64
		err := q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM memberships m`+where+`)
			- (SELECT COUNT(*) FROM customers c CROSS JOIN memberships m ON m.customer_id = c.id WHERE c.archived = 1`+and+`)`,
			c.args...).Scan(&n)
		if err != nil {
			return errs.Internal("dashboard member counts", err)
		}
		*c.dst += n
	}
	return nil
}

// pointTotals reads the ledger's running totals (kept by a trigger) and the point value.
func pointTotals(ctx context.Context, q store.Querier, _ time.Time, d *Dashboard) error {
	rows, err := q.QueryContext(ctx, `SELECT kind, positive, points FROM points_totals`)
	if err != nil {
		return errs.Internal("points totals", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var positive bool
		var n int64
		if err := rows.Scan(&kind, &positive, &n); err != nil {
			return errs.Internal("scan points totals", err)
		}
		d.Outstanding += n
		switch {
		case kind == points.KindRedeem:
			d.PointsRedeemed -= n
		case kind == points.KindExpire:
			d.PointsExpired -= n
		case positive && kind != points.KindReverse:
			d.PointsIssued += n
		}
	}
	if err := rows.Err(); err != nil {
		return errs.Internal("points totals", err)
	}
	rules, err := points.LoadRules(ctx, q)
	if err != nil {
		return err
	}
	d.PointValueFen = rules.PointValueFen
	d.OutstandingFen = d.Outstanding * rules.PointValueFen
	return nil
}
