package reports

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/6tail/lunar-go/calendar"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// BirthdayRow is a member whose birthday (a lunar one converted to its solar date) is coming.
type BirthdayRow struct {
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	Date       string `json:"date"` // the solar date it falls on, YYYY-MM-DD
	InDays     int    `json:"inDays"`
	Lunar      bool   `json:"lunar"`
}

// birthdays counts members whose birthday falls in the next 7 and 30 days (today included) and lists
// the nearest. SQL reads only the (month, day) ranges the window can hit, from the members' birthday
// index: the solar days of the window, and the lunar days they are (a leap-month birthday is stored
// with its ordinary month number, and a 30th is kept for a month of 29 days, so both are inside).
// It counts per distinct birthday, a few dozen groups; Go converts each group exactly, then fetches
// the members of the nearest groups for the list.
func birthdays(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	const window = 30
	solar, lunar := dayRanges{}, dayRanges{}
	for i := 0; i < window; i++ {
		day := today.AddDate(0, 0, i)
		solar.add(int(day.Month()), day.Day())
		l := calendar.NewSolarFromYmd(day.Year(), int(day.Month()), day.Day()).GetLunar()
		lunar.add(max(l.GetMonth(), -l.GetMonth()), l.GetDay())
		if l.GetDay() == 29 {
			lunar.add(max(l.GetMonth(), -l.GetMonth()), 30)
		}
	}
	// One range of the index per (calendar, month): SQLite's own OR plan depends on statistics the
	// app never gathers.
	var parts []string
	for _, r := range append(solar.ranges("solar"), lunar.ranges("lunar")...) {
		parts = append(parts, `SELECT c.birth_calendar, c.birth_month, c.birth_day, c.birth_leap, COUNT(*)
			FROM customers c WHERE `+memberBirthday+` AND `+r+` GROUP BY 1, 2, 3, 4`)
	}
	rows, err := q.QueryContext(ctx, strings.Join(parts, " UNION ALL "))
	if err != nil {
		return errs.Internal("dashboard birthdays", err)
	}
	defer rows.Close()
	var due []birthdayGroup
	for rows.Next() {
		var g birthdayGroup
		if err := rows.Scan(&g.b.Calendar, &g.b.Month, &g.b.Day, &g.b.Leap, &g.n); err != nil {
			return errs.Internal("scan birthday", err)
		}
		date, ok := customers.NextBirthday(g.b, today)
		if g.days = int(date.Sub(today).Hours()/24 + 0.5); !ok || g.days >= window {
			continue
		}
		if g.days < 7 {
			d.Birthdays7 += g.n
		}
		d.Birthdays30 += g.n
		g.date = date.Format(time.DateOnly)
		due = append(due, g)
	}
	if err := rows.Err(); err != nil {
		return errs.Internal("dashboard birthdays", err)
	}
	rows.Close()
	slices.SortFunc(due, func(a, b birthdayGroup) int { return strings.Compare(a.date, b.date) })
	d.BirthdayList = []BirthdayRow{}
	// Day by day until the list is full; on one day, members in the order they joined the archive.
	for i, end := 0, 0; i < len(due) && len(d.BirthdayList) < ListLimit; i = end {
		for end = i; end < len(due) && due[end].date == due[i].date; end++ {
		}
		var day []BirthdayRow
		for _, g := range due[i:end] {
			err := collect(ctx, q, `SELECT c.id, c.name FROM customers c WHERE `+memberBirthday+`
				AND c.birth_calendar = ? AND c.birth_month = ? AND c.birth_day = ? AND c.birth_leap = ? ORDER BY c.id LIMIT ?`,
				[]any{g.b.Calendar, g.b.Month, g.b.Day, g.b.Leap, ListLimit}, func(rows *sql.Rows) error {
					r := BirthdayRow{Date: g.date, InDays: g.days, Lunar: g.b.Calendar == "lunar"}
					err := rows.Scan(&r.CustomerID, &r.Name)
					day = append(day, r)
					return err
				})
			if err != nil {
				return err
			}
		}
		slices.SortFunc(day, func(a, b BirthdayRow) int { return cmpID(a.CustomerID, b.CustomerID) })
		d.BirthdayList = append(d.BirthdayList, day[:min(len(day), ListLimit-len(d.BirthdayList))]...)
	}
	return nil
}

// memberBirthday is the condition of the members' birthday index (customers_member_birth).
const memberBirthday = `c.birth_month IS NOT NULL AND c.archived = 0 AND c.is_member = 1`

// birthdayGroup is the members sharing one birthday, and the date it next falls on.
type birthdayGroup struct {
	b    customers.Birthday
	n    int64
	date string
	days int
}

// dayRanges are, per month, the first and last day of the month a window touches.
type dayRanges map[int][2]int

func (r dayRanges) add(month, day int) {
	if v, ok := r[month]; ok {
		r[month] = [2]int{min(v[0], day), max(v[1], day)}
	} else {
		r[month] = [2]int{day, day}
	}
}

// ranges are the SQL conditions for one calendar's ranges (numbers only, built here, never user input).
func (r dayRanges) ranges(cal string) []string {
	var out []string
	for _, m := range slices.Sorted(maps.Keys(r)) {
		out = append(out, fmt.Sprintf("c.birth_calendar = '%s' AND c.birth_month = %d AND c.birth_day BETWEEN %d AND %d", cal, m, r[m][0], r[m][1]))
	}
	return out
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
