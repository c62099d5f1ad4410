package reports

import (
	"context"
	"database/sql"
	"fmt"
	"jiuke/backend/events"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Range is a span of whole shop-local months, "YYYY-MM" to "YYYY-MM" inclusive.
type Range struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// MaxMonths keeps a report readable (and its queries bounded): five years.
const MaxMonths = 60

// Checked validates a range and returns its first day and the day after its last, shop-local.
func (r Range) Checked() (from, end time.Time, err error) {
	from, e1 := time.ParseInLocation("2006-01", r.From, store.Shop)
	to, e2 := time.ParseInLocation("2006-01", r.To, store.Shop)
	switch {
	case r.From == "":
		return from, end, errs.Invalid("from", "请选择开始月份")
	case e1 != nil:
		return from, end, errs.Invalid("from", "开始月份格式应为 2026-01")
	case r.To == "":
		return from, end, errs.Invalid("to", "请选择结束月份")
	case e2 != nil:
		return from, end, errs.Invalid("to", "结束月份格式应为 2026-12")
	case to.Before(from):
		return from, end, errs.Invalid("to", "结束月份不能早于开始月份")
	case len(months(from, to.AddDate(0, 1, 0))) > MaxMonths:
		return from, end, errs.Invalid("to", fmt.Sprintf("统计区间最长%d个月", MaxMonths))
	}
	return from, to.AddDate(0, 1, 0), nil
}

// LastMonths is the default range: the n months up to and including today's.
func LastMonths(today time.Time, n int) Range {
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, store.Shop)
	return Range{From: first.AddDate(0, -(n - 1), 0).Format("2006-01"), To: first.Format("2006-01")}
}

func months(from, end time.Time) []string {
	var out []string
	for m := from; m.Before(end); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// GrowthRow is one month of member growth: who registered, and the members at the month's end.
type GrowthRow struct {
	Month string `json:"month"`
	New   int64  `json:"new"`
	Total int64  `json:"total"`
}

// SalesRow is the sales of one level or category in the range (refunds not subtracted).
type SalesRow struct {
	Name     string `json:"name"`
	Orders   int64  `json:"orders"`
	TotalFen int64  `json:"totalFen"`
}

// PointsRow is one month of the points flow.
type PointsRow struct {
	Month    string `json:"month"`
	Issued   int64  `json:"issued"`
	Redeemed int64  `json:"redeemed"`
	Expired  int64  `json:"expired"`
}

// StaffRow is what one staff member did in the range.
type StaffRow struct {
	StaffID       int64  `json:"staffId"`
	Name          string `json:"name"`
	Registrations int64  `json:"registrations"`
	Orders        int64  `json:"orders"`
	SalesFen      int64  `json:"salesFen"`
	FollowUps     int64  `json:"followUps"`
	CheckIns      int64  `json:"checkIns"`
}

// Charts is every report of the reports page for one range.
type Charts struct {
	Range      Range        `json:"range"`
	Growth     []GrowthRow  `json:"growth"`
	ByLevel    []SalesRow   `json:"byLevel"`
	ByCategory []SalesRow   `json:"byCategory"`
	Points     []PointsRow  `json:"points"`
	Staff      []StaffRow   `json:"staff"`
	Events     []events.ROI `json:"events"` // ended events that started in the range
}

// shopMonth turns a stored UTC time into its shop-local month (store.Shop is UTC+8, no daylight saving).
func shopMonth(col string) string { return `strftime('%Y-%m', ` + col + `, '+8 hours')` }

// LoadCharts computes the reports for r. Members are counted as they are now (archived ones left out).
func LoadCharts(ctx context.Context, q store.Querier, r Range) (Charts, error) {
	from, end, err := r.Checked()
	if err != nil {
		return Charts{}, err
	}
	c := Charts{Range: r, ByLevel: []SalesRow{}, ByCategory: []SalesRow{}, Staff: []StaffRow{}}
	fromUTC, endUTC := utcStart(from), utcStart(end)
	fromDay, endDay := from.Format(time.DateOnly), end.Format(time.DateOnly)

	// Growth: members registered before the range, then month by month.
	var base int64
	if err := q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM memberships m WHERE m.registered_at < ?1)
		- (SELECT COUNT(*) FROM customers c CROSS JOIN memberships m ON m.customer_id = c.id WHERE c.archived = 1 AND m.registered_at < ?1)`,
		fromUTC).Scan(&base); err != nil {
		return c, errs.Internal("growth base", err)
	}
	perMonth := map[string]int64{}
	// Archived members are left out by their few ids: reading every member's customer row is what
	// made a year's report take seconds at a million members.
	err = collect(ctx, q, `SELECT `+shopMonth("m.registered_at")+`, COUNT(*) FROM memberships m
		WHERE m.registered_at >= ? AND m.registered_at < ? AND m.customer_id NOT IN (SELECT id FROM customers WHERE archived = 1) GROUP BY 1`, []any{fromUTC, endUTC}, func(rows *sql.Rows) error {
		var m string
		var n int64
		err := rows.Scan(&m, &n)
		perMonth[m] = n
		return err
	})
	if err != nil {
		return c, err
	}
	for _, m := range months(from, end) {
		base += perMonth[m]
		c.Growth = append(c.Growth, GrowthRow{Month: m, New: perMonth[m], Total: base})
	}

	sales := func(dst *[]SalesRow, query string) error {
		return collect(ctx, q, query, []any{fromDay, endDay}, func(rows *sql.Rows) error {
			var s SalesRow
			err := rows.Scan(&s.Name, &s.Orders, &s.TotalFen)
			*dst = append(*dst, s)
			return err
		})
	}
	// Summed per customer first (from the date index alone), then each customer's level looked up
	// once, in id order: a year of a big shop's purchases is millions of rows.
	if err := sales(&c.ByLevel, `SELECT COALESCE(l.name, '非会员'), SUM(p.n), SUM(p.fen)
		FROM (SELECT customer_id, COUNT(*) AS n, SUM(total_fen) AS fen FROM purchases WHERE date >= ? AND date < ? GROUP BY customer_id) p
		LEFT JOIN memberships m ON m.customer_id = p.customer_id LEFT JOIN member_levels l ON l.id = m.level_id
		GROUP BY l.id ORDER BY COALESCE(l.rank, 0)`); err != nil {
		return c, err
	}
	if err := sales(&c.ByCategory, `SELECT CASE WHEN pl.category = '' THEN '未分类' ELSE pl.category END, COUNT(DISTINCT p.id), SUM(pl.amount_fen)
		FROM purchases p JOIN purchase_lines pl ON pl.purchase_id = p.id
		WHERE p.date >= ? AND p.date < ? GROUP BY 1 ORDER BY 3 DESC`); err != nil {
		return c, err
	}

	flow := map[string]*PointsRow{}
	for _, m := range months(from, end) {
		c.Points = append(c.Points, PointsRow{Month: m})
	}
	for i := range c.Points {
		flow[c.Points[i].Month] = &c.Points[i]
	}
	// From the monthly totals a trigger keeps: the ledger itself may hold tens of millions of lines.
	err = collect(ctx, q, `SELECT month,
		SUM(CASE WHEN positive AND kind != 'reverse' THEN points ELSE 0 END),
		-SUM(CASE WHEN kind = 'redeem' THEN points ELSE 0 END),
		-SUM(CASE WHEN kind = 'expire' THEN points ELSE 0 END)
		FROM points_months WHERE month >= ? AND month <= ? GROUP BY month`, []any{r.From, r.To}, func(rows *sql.Rows) error {
		var p PointsRow
		err := rows.Scan(&p.Month, &p.Issued, &p.Redeemed, &p.Expired)
		if row := flow[p.Month]; row != nil && err == nil {
			*row = p
		}
		return err
	})
	if err != nil {
		return c, err
	}

	if c.Staff, err = staffRows(ctx, q, fromUTC, endUTC, fromDay, endDay); err != nil {
		return c, err
	}
	c.Events, err = eventROIs(ctx, q, fromDay, endDay)
	return c, err
}

// staffRows counts each staff member's work with one grouped pass per table, not one per person.
func staffRows(ctx context.Context, q store.Querier, fromUTC, endUTC, fromDay, endDay string) ([]StaffRow, error) {
	out := []StaffRow{}
	byID := map[int64]int{}
	err := collect(ctx, q, `SELECT id, name FROM staff ORDER BY active DESC, id`, nil, func(rows *sql.Rows) error {
		var s StaffRow
		err := rows.Scan(&s.StaffID, &s.Name)
		byID[s.StaffID] = len(out)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	counts := []struct {
		query string
		args  []any
		set   func(r *StaffRow, a, b int64)
	}{
		{`SELECT registered_by, COUNT(*), 0 FROM memberships WHERE registered_at >= ? AND registered_at < ? AND registered_by IS NOT NULL GROUP BY 1`,
			[]any{fromUTC, endUTC}, func(r *StaffRow, a, _ int64) { r.Registrations = a }},
		{`SELECT staff_id, COUNT(*), SUM(total_fen) FROM purchases WHERE date >= ? AND date < ? AND staff_id IS NOT NULL GROUP BY 1`,
			[]any{fromDay, endDay}, func(r *StaffRow, a, b int64) { r.Orders, r.SalesFen = a, b }},
		{`SELECT staff_id, COUNT(*), 0 FROM follow_ups WHERE date >= ? AND date < ? AND staff_id IS NOT NULL GROUP BY 1`,
			[]any{fromDay, endDay}, func(r *StaffRow, a, _ int64) { r.FollowUps = a }},
		{`SELECT status_by, COUNT(*), 0 FROM event_guests WHERE status = 'checked_in' AND status_by IS NOT NULL
			AND COALESCE(checked_in_at, status_at) >= ? AND COALESCE(checked_in_at, status_at) < ? GROUP BY 1`,
			[]any{fromUTC, endUTC}, func(r *StaffRow, a, _ int64) { r.CheckIns = a }},
	}
	for _, c := range counts {
		err := collect(ctx, q, c.query, c.args, func(rows *sql.Rows) error {
			var id, a, b int64
			if err := rows.Scan(&id, &a, &b); err != nil {
				return err
			}
			if i, ok := byID[id]; ok {
				c.set(&out[i], a, b)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
