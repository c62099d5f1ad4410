package reports_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/reports"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// The 活动效果 report lists the ended events of the range with their cost against what their
// guests bought within 30 days, and exports the same figures.
func TestEventReturnsForARange(t *testing.T) {
	s := newShop(t)
	now := time.Now().In(store.Shop)
	came := s.member("到场客", 0, customers.Birthday{})
	away := s.member("未到客", 0, customers.Birthday{})
	event := func(id int64, name string, daysAgo int, costFen int64) {
		day := now.AddDate(0, 0, -daysAgo).Format(time.DateOnly)
		s.exec(`INSERT INTO events (id, name, kind, state, starts_at, ends_at, created_at, updated_at)
			VALUES (?, ?, '品鉴会', 'ended', ?, ?, ?, ?)`, id, name, day+" 19:00", day+" 21:00", store.Now(), store.Now())
		s.exec(`INSERT INTO event_costs (event_id, category, actual_fen, created_at) VALUES (?, '酒水', ?, ?)`, id, costFen, store.Now())
		for _, g := range []struct {
			id     int64
			status string
		}{{came, "checked_in"}, {away, "invited"}} {
			s.exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (?, ?, ?, ?, ?)`,
				id, g.id, g.status, store.Now(), store.Now())
		}
	}
	event(1, "本月品鉴会", 2, 50_000)
	event(2, "两年前的酒会", 800, 10_000)
	s.buy(came, 1) // after the recent event, within its window

	c, err := reports.LoadCharts(ctx, s.db.R, reports.LastMonths(time.Now(), 12))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Events) != 1 || c.Events[0].Name != "本月品鉴会" {
		t.Fatalf("only the range's ended event: %+v", c.Events)
	}
	e := c.Events[0]
	if e.CostFen != 50_000 || e.Attendees != 1 || e.AttendeeFen <= 0 || e.Absent != 1 || e.AbsentFen != 0 {
		t.Fatalf("figures: %+v", e)
	}
	tables, err := reports.Tables("events", c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := sheets.WriteTables(&buf, tables); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("活动效果")
	if len(rows) != 2 || rows[0][0] != "活动" || rows[1][0] != "本月品鉴会" || rows[1][3] != "500" || rows[1][4] != "1" {
		t.Fatalf("export rows: %q", rows)
	}
}
