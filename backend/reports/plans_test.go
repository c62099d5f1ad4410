package reports_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/reports"
	"jiuke/backend/store"
)

// recorder keeps every statement the dashboard runs, to explain them afterwards.
type recorder struct {
	store.Querier
	seen []struct {
		query string
		args  []any
	}
}

func (r *recorder) note(q string, args []any) {
	r.seen = append(r.seen, struct {
		query string
		args  []any
	}{q, args})
}

func (r *recorder) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r.note(q, args)
	return r.Querier.QueryContext(ctx, q, args...)
}

func (r *recorder) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	r.note(q, args)
	return r.Querier.QueryRowContext(ctx, q, args...)
}

// The dashboard must stay fast at a million members: no statement may walk a big table row by row.
// (The bench measures the time; this keeps a careless edit from turning an index range into a scan.)
func TestDashboardReadsBigTablesOnlyByIndex(t *testing.T) {
	s := newShop(t)
	s.member("甲", 300, customers.Birthday{Calendar: "lunar", Year: 1980, Month: 11, Day: 20})
	rec := &recorder{Querier: s.db.R}
	if _, err := reports.Load(ctx, rec, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Big tables and the aliases the dashboard gives them; the members total is the one statement
	// allowed to count a whole (covering) index.
	big := map[string]bool{"customers": true, "memberships": true, "purchases": true, "points_entries": true,
		"follow_ups": true, "event_guests": true, "c": true, "m": true, "p": true, "f": true, "g": true}
	for _, st := range rec.seen {
		rows, err := s.db.R.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st.query, st.args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			f := strings.Fields(detail)
			total := strings.Contains(st.query, "FROM memberships m)") && strings.Contains(detail, "COVERING INDEX")
			// "SEARCH c USING INDEX customers_list (archived=?)" visits every customer too, unless it
			// looks for the few archived ones.
			byArchived := strings.HasSuffix(detail, "(archived=?)") && !strings.Contains(st.query, "c.archived = 1")
			walk := len(f) > 1 && big[f[1]] && (f[0] == "SCAN" || byArchived)
			if walk && !total {
				t.Errorf("%s\n  walks a big table: %s", st.query, detail)
			}
		}
		rows.Close()
	}
	if len(rec.seen) < 8 {
		t.Fatalf("only %d statements recorded", len(rec.seen))
	}
}
