package claims

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"jiuke/backend/store"
)

// Receivable is what one brand owes the distributor: claims filed and not rejected, what the brand
// approved and sent, what is still out, and how old the outstanding money is (counted from filing).
type Receivable struct {
	Brand       string `json:"brand"`
	Claims      int    `json:"claims"`
	Claimed     int64  `json:"claimed"`
	Approved    int64  `json:"approved"`
	Received    int64  `json:"received"`
	Outstanding int64  `json:"outstanding"`
	Age0        int64  `json:"age0"`  // 0–30 days
	Age30       int64  `json:"age30"` // 31–60 days
	Age60       int64  `json:"age60"` // 61–90 days
	Age90       int64  `json:"age90"` // over 90 days
}

// Receivables sums every brand's claims as of today, largest outstanding first.
func Receivables(ctx context.Context, q store.Querier, now time.Time) ([]Receivable, error) {
	by := map[string]*Receivable{}
	err := store.Each(ctx, q, `SELECT `+claimCols+` FROM claims c JOIN brand_programmes p ON p.id = c.programme_id
		WHERE c.state NOT IN ('待申报', '驳回')`, nil, func(r *sql.Rows) error {
		c, err := scanClaim(r)
		if err != nil {
			return err
		}
		rv := by[c.Brand]
		if rv == nil {
			rv = &Receivable{Brand: c.Brand}
			by[c.Brand] = rv
		}
		rv.Claims++
		rv.Claimed += c.Claimed
		if c.Approved != nil {
			rv.Approved += *c.Approved
		}
		rv.Received += c.Received
		rv.Outstanding += c.Outstanding
		switch d := ageDays(c.FiledAt, now); {
		case d <= 30:
			rv.Age0 += c.Outstanding
		case d <= 60:
			rv.Age30 += c.Outstanding
		case d <= 90:
			rv.Age60 += c.Outstanding
		default:
			rv.Age90 += c.Outstanding
		}
		return nil
	})
	out := make([]Receivable, 0, len(by))
	for _, rv := range by {
		out = append(out, *rv)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Outstanding != out[j].Outstanding {
			return out[i].Outstanding > out[j].Outstanding
		}
		return out[i].Brand < out[j].Brand
	})
	return out, err
}

// ageDays counts whole shop-local days from filing to now.
func ageDays(filedAt string, now time.Time) int {
	t, err := time.Parse(time.RFC3339, filedAt)
	if err != nil {
		return 0
	}
	from, _ := time.ParseInLocation(time.DateOnly, t.In(store.Shop).Format(time.DateOnly), store.Shop)
	to, _ := time.ParseInLocation(time.DateOnly, now.In(store.Shop).Format(time.DateOnly), store.Shop)
	return int(to.Sub(from).Hours()/24 + 0.5)
}

// Reminder is a claim the brand has not paid in full long after filing.
type Reminder struct {
	ID          int64  `json:"id"`
	Brand       string `json:"brand"`
	Title       string `json:"title"`
	State       string `json:"state"`
	Outstanding int64  `json:"outstanding"`
	Days        int    `json:"days"`
}

// Overdue lists claims filed more than days ago with money still owed, oldest first.
func Overdue(ctx context.Context, q store.Querier, now time.Time, days int) ([]Reminder, error) {
	out := []Reminder{}
	err := store.Each(ctx, q, `SELECT `+claimCols+` FROM claims c JOIN brand_programmes p ON p.id = c.programme_id
		WHERE c.state IN ('已申报', '部分核销', '已核销') ORDER BY c.filed_at, c.id`, nil, func(r *sql.Rows) error {
		c, err := scanClaim(r)
		if err != nil {
			return err
		}
		if d := ageDays(c.FiledAt, now); d > days && c.Outstanding > 0 {
			out = append(out, Reminder{ID: c.ID, Brand: c.Brand, Title: c.Title, State: c.State, Outstanding: c.Outstanding, Days: d})
		}
		return nil
	})
	return out, err
}
