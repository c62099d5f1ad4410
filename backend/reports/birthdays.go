package reports

import (
	"context"
	"slices"
	"strconv"
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
// the nearest. Only birthday months that can land in the window are read: the solar months of the
// window, and for lunar birthdays the lunar months its days belong to (a leap-month birthday is
// stored with its ordinary month number, so that covers it too).
func birthdays(ctx context.Context, q store.Querier, today time.Time, d *Dashboard) error {
	const window = 30
	solar, lunar := map[int]bool{}, map[int]bool{}
	for i := 0; i < window; i++ {
		day := today.AddDate(0, 0, i)
		solar[int(day.Month())] = true
		lm := calendar.NewSolarFromYmd(day.Year(), int(day.Month()), day.Day()).GetLunar().GetMonth()
		lunar[max(lm, -lm)] = true
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.birth_calendar, COALESCE(c.birth_year, 0), c.birth_month, c.birth_day, c.birth_leap
		FROM customers c JOIN memberships m ON m.customer_id = c.id
		WHERE c.birth_month IN (`+monthList(solar, lunar)+`) AND c.birth_month IS NOT NULL AND c.archived = 0`)
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
		if (b.Calendar == "lunar" && !lunar[b.Month]) || (b.Calendar != "lunar" && !solar[b.Month]) {
			continue
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

func monthList(sets ...map[int]bool) string {
	seen := map[int]bool{}
	var out []string
	for _, s := range sets {
		for m := range s {
			if !seen[m] {
				seen[m] = true
				out = append(out, strconv.Itoa(m))
			}
		}
	}
	slices.Sort(out)
	return strings.Join(out, ",")
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
