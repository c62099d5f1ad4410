package reports

import (
	"context"
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
// the nearest. SQL reads only the (month, day) ranges the window can hit, by index: the solar days of
// the window, and the lunar days they are (a leap-month birthday is stored with its ordinary month
// number, and a 30th is kept for a month of 29 days, so both are inside). Go then converts each
// candidate exactly.
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
	// One range of the members' birthday index per (calendar, month): SQLite's own OR plan depends
	// on statistics the app never gathers.
	var parts []string
	for _, r := range append(solar.ranges("solar"), lunar.ranges("lunar")...) {
		parts = append(parts, `SELECT c.id, c.birth_calendar, COALESCE(c.birth_year, 0), c.birth_month, c.birth_day, c.birth_leap
			FROM customers c WHERE c.birth_month IS NOT NULL AND c.archived = 0 AND c.is_member = 1 AND `+r)
	}
	rows, err := q.QueryContext(ctx, strings.Join(parts, " UNION ALL "))
	if err != nil {
		return errs.Internal("dashboard birthdays", err)
	}
	defer rows.Close()
	var due []BirthdayRow
	for rows.Next() {
		var r BirthdayRow
		var b customers.Birthday
		if err := rows.Scan(&r.CustomerID, &b.Calendar, &b.Year, &b.Month, &b.Day, &b.Leap); err != nil {
			return errs.Internal("scan birthday", err)
		}
		date, ok := customers.NextBirthday(b, today)
		if !ok {
			continue
		}
		days := int(date.Sub(today).Hours()/24 + 0.5)
		if days >= window {
			continue
		}
		if days < 7 {
			d.Birthdays7++
		}
		d.Birthdays30++
		r.Date, r.InDays, r.Lunar = date.Format(time.DateOnly), days, b.Calendar == "lunar"
		due = append(due, r)
	}
	if err := rows.Err(); err != nil {
		return errs.Internal("dashboard birthdays", err)
	}
	slices.SortFunc(due, func(a, b BirthdayRow) int {
		return strings.Compare(a.Date, b.Date)*2 + cmpID(a.CustomerID, b.CustomerID)
	})
	d.BirthdayList = due[:min(len(due), ListLimit)]
	for i := range d.BirthdayList {
		if err := q.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, d.BirthdayList[i].CustomerID).Scan(&d.BirthdayList[i].Name); err != nil {
			return errs.Internal("birthday name", err)
		}
	}
	return nil
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
