package segments_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

// world is the random shop, kept in Go too so definitions can be evaluated without SQL.
type world struct {
	today     string
	tags      []int64
	customers []person
}

type purchase struct {
	date     string
	fen      int64
	refunded int64
	category string
	service  bool
}

type person struct {
	id                             int64
	archived                       bool
	district, kind, gender, source string
	createdAt                      string
	birthMonth                     int
	level                          int64
	tags                           []int64
	purchases                      []purchase
	events, points, referrals      int
	opening                        int64 // 期初累计消费, undated
}

var (
	districts = []string{"锦江区", "青羊区", "武侯区"}
	genders   = []string{"", "M", "F"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func build(t *testing.T, r *rand.Rand) (*store.DB, *world) {
	db := storetest.Open(t)
	w := &world{today: store.Today()}
	exec := func(q string, args ...any) int64 {
		res, err := db.W.ExecContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	for i := range 4 {
		w.tags = append(w.tags, exec(`INSERT INTO tags (name, created_at) VALUES (?, ?)`, fmt.Sprintf("随机%d", i), store.Now()))
	}
	key := 0
	eid := exec(`INSERT INTO events (name, kind, starts_at, ends_at, created_at, updated_at) VALUES ('e', '品鉴会', '2026-01-01 18:00', '2026-01-01 21:00', '', '')`)
	var events []int64
	events = append(events, eid)
	for range 3 {
		events = append(events, exec(`INSERT INTO events (name, kind, starts_at, ends_at, created_at, updated_at) VALUES ('e', '酒会', '2026-01-01 18:00', '2026-01-01 21:00', '', '')`))
	}
	for i := range 60 {
		p := person{archived: r.IntN(8) == 0, district: pick(r, districts), kind: pick(r, segments.Kinds), gender: pick(r, genders),
			source: pick(r, segments.Sources), birthMonth: r.IntN(13),
			createdAt: time.Now().Add(-time.Duration(r.IntN(400*24)) * time.Hour).UTC().Format(time.RFC3339)}
		var bm any
		if p.birthMonth > 0 {
			bm = p.birthMonth
		}
		p.id = exec(`INSERT INTO customers (name, district, kind, gender, source, birth_month, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("客%d", i), p.district, p.kind, p.gender, p.source, bm, p.archived, p.createdAt, p.createdAt)
		if r.IntN(2) == 0 {
			p.level = int64(1 + r.IntN(4))
			exec(`INSERT INTO memberships (customer_id, level_id, level_since, registered_at) VALUES (?, ?, '', '')`, p.id, p.level)
		}
		for _, tg := range w.tags {
			if r.IntN(3) == 0 {
				p.tags = append(p.tags, tg)
				exec(`INSERT INTO customer_tags (customer_id, tag_id, created_at) VALUES (?, ?, '')`, p.id, tg)
			}
		}
		for range r.IntN(4) {
			key++
			pu := purchase{date: segments.DaysBefore(w.today, r.IntN(50)*10), fen: int64(r.IntN(30)) * 50000, category: pick(r, segments.Categories)}
			pu.service = pu.category == "服务"
			pid := exec(`INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (?, ?, ?, ?, '')`, p.id, pu.date, pu.fen, fmt.Sprint(key))
			exec(`INSERT INTO purchase_lines (purchase_id, product_name, category, service, qty, unit_fen, amount_fen) VALUES (?, 'x', ?, ?, 1, ?, ?)`,
				pid, pu.category, pu.service, pu.fen, pu.fen)
			if pu.fen > 0 && r.IntN(4) == 0 {
				pu.refunded = pu.fen / 2
				exec(`INSERT INTO refunds (purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at) VALUES (?, ?, 0, 0, 0, 0, ?, '')`,
					pid, pu.refunded, fmt.Sprint("r", key))
			}
			p.purchases = append(p.purchases, pu)
		}
		if r.IntN(3) == 0 {
			p.opening = int64(r.IntN(40)) * 50000
			exec(`INSERT INTO opening_spends (customer_id, amount_fen, created_at) VALUES (?, ?, '')`, p.id, p.opening)
		}
		for _, e := range events {
			if r.IntN(3) == 0 {
				p.events++
				exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (?, ?, 'checked_in', '', '')`, e, p.id)
			} else if r.IntN(3) == 0 {
				exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (?, ?, 'declined', '', '')`, e, p.id)
			}
		}
		if pts := r.IntN(3) * 500; pts > 0 {
			p.points = pts
			key++
			exec(`INSERT INTO points_entries (customer_id, kind, points, idem_key, created_at) VALUES (?, 'bonus', ?, ?, '')`, p.id, pts, fmt.Sprint(key))
		}
		if len(w.customers) > 0 && r.IntN(3) == 0 {
			ref := &w.customers[r.IntN(len(w.customers))]
			ref.referrals++
			exec(`UPDATE customers SET referrer_id = ? WHERE id = ?`, ref.id, p.id)
		}
		w.customers = append(w.customers, p)
	}
	return db, w
}

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

func randomCondition(r *rand.Rand, w *world) segments.Node {
	today := w.today
	// Dates and day counts on a coarse grid, so boundaries (same day, exactly N days) come up often.
	date := segments.DaysBefore(today, r.IntN(40)*10)
	switch r.IntN(16) {
	case 0:
		return segments.Node{Field: "tag", Cmp: pick(r, []string{"has", "not"}), Num: fp(float64(pick(r, w.tags)))}
	case 1:
		return segments.Node{Field: "level", Cmp: pick(r, []string{"is", "not"}), Num: fp(float64(1 + r.IntN(4)))}
	case 2:
		return segments.Node{Field: "district", Cmp: pick(r, []string{"eq", "ne"}), Text: pick(r, districts)}
	case 3:
		return segments.Node{Field: "kind", Cmp: pick(r, []string{"eq", "ne"}), Text: pick(r, segments.Kinds)}
	case 4:
		return segments.Node{Field: "gender", Cmp: pick(r, []string{"eq", "ne"}), Text: pick(r, []string{"M", "F"})}
	case 5:
		return segments.Node{Field: "source", Cmp: pick(r, []string{"eq", "ne"}), Text: pick(r, segments.Sources)}
	case 6:
		return segments.Node{Field: "spend", Cmp: pick(r, []string{"gte", "lte"}), Num: fp(float64(500 * (1 + r.IntN(30)))), Days: ip(10 * (1 + r.IntN(50)))}
	case 7:
		cmp := pick(r, []string{"before", "after", "within", "notWithin", "olderThan"})
		return segments.Node{Field: "lastPurchase", Cmp: cmp, Text: date, Days: ip(10 * (1 + r.IntN(40)))}
	case 8:
		return segments.Node{Field: "created", Cmp: pick(r, []string{"before", "after"}), Text: date}
	case 9:
		return segments.Node{Field: "birthMonth", Cmp: "eq", Num: fp(float64(1 + r.IntN(12)))}
	case 10:
		return segments.Node{Field: "events", Cmp: "gte", Num: fp(float64(1 + r.IntN(3)))}
	case 11:
		return segments.Node{Field: "points", Cmp: "gte", Num: fp(float64(1 + r.IntN(1200)))}
	case 12:
		return segments.Node{Field: "referrals", Cmp: "gte", Num: fp(float64(1 + r.IntN(3)))}
	case 13:
		return segments.Node{Field: "category", Cmp: "bought", Text: pick(r, segments.Categories)}
	case 14:
		return segments.Node{Field: "totalSpend", Cmp: pick(r, []string{"gte", "lte"}), Num: fp(float64(500 * (1 + r.IntN(60))))}
	}
	return segments.Node{Field: "service", Cmp: "bought"}
}

func randomGroup(r *rand.Rand, w *world, depth int) segments.Node {
	g := segments.Node{Op: pick(r, []string{"AND", "OR"})}
	for range 1 + r.IntN(3) {
		if depth < 2 && r.IntN(3) == 0 {
			g.Items = append(g.Items, randomGroup(r, w, depth+1))
		} else {
			g.Items = append(g.Items, randomCondition(r, w))
		}
	}
	return g
}

// eval is the plain reading of a definition, one customer at a time.
func eval(n segments.Node, p person, today string) bool {
	if n.IsGroup() {
		for _, it := range n.Items {
			v := eval(it, p, today)
			if n.Op == "AND" && !v {
				return false
			}
			if n.Op == "OR" && v {
				return true
			}
		}
		return n.Op == "AND"
	}
	num, days := 0.0, 0
	if n.Num != nil {
		num = *n.Num
	}
	if n.Days != nil {
		days = *n.Days
	}
	last := ""
	for _, pu := range p.purchases {
		last = max(last, pu.date)
	}
	since := segments.DaysBefore(today, days)
	text := map[string]string{"district": p.district, "kind": p.kind, "gender": p.gender, "source": p.source}
	switch n.Field {
	case "tag":
		return slices.Contains(p.tags, int64(num)) == (n.Cmp == "has")
	case "level":
		return (p.level == int64(num)) == (n.Cmp == "is")
	case "district", "kind", "gender", "source":
		return (text[n.Field] == n.Text) == (n.Cmp == "eq")
	case "spend":
		var s int64
		for _, pu := range p.purchases {
			if pu.date > since {
				s += pu.fen - pu.refunded
			}
		}
		if n.Cmp == "gte" {
			return s >= int64(num*100)
		}
		return s <= int64(num*100)
	case "totalSpend":
		s := p.opening
		for _, pu := range p.purchases {
			s += pu.fen - pu.refunded
		}
		if n.Cmp == "gte" {
			return s >= int64(num*100)
		}
		return s <= int64(num*100)
	case "lastPurchase":
		switch n.Cmp {
		case "before":
			return last != "" && last < n.Text
		case "after":
			return last > n.Text
		case "within":
			return last > since
		case "notWithin":
			return last <= since
		}
		return last != "" && last <= since
	case "created":
		created, _ := time.Parse(time.RFC3339, p.createdAt)
		day := created.In(store.Shop).Format(time.DateOnly)
		if n.Cmp == "before" {
			return day < n.Text
		}
		return day > n.Text
	case "birthMonth":
		return p.birthMonth == int(num)
	case "events":
		return p.events >= int(num)
	case "points":
		return p.points >= int(num)
	case "referrals":
		return p.referrals >= int(num)
	case "category", "service":
		for _, pu := range p.purchases {
			if (n.Field == "service" && pu.service) || (n.Field == "category" && pu.category == n.Text) {
				return true
			}
		}
	}
	return false
}

func TestSegmentSQLMatchesPlainEvaluation(t *testing.T) {
	defer segments.SliceMin(1)()
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 7))
		db, w := build(t, r)
		for i := range 150 {
			def := randomGroup(r, w, 0)
			if err := segments.Validate(def); err != nil {
				t.Fatalf("random definition invalid: %v", err)
			}
			where, args := segments.Where(def, w.today)
			rows, err := db.R.QueryContext(ctx, `SELECT c.id FROM customers c WHERE c.archived = 0 AND `+where+` ORDER BY c.id`, args...)
			if err != nil {
				t.Fatal(err)
			}
			got := []int64{}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				got = append(got, id)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			want := []int64{}
			for _, p := range w.customers {
				if !p.archived && eval(def, p, w.today) {
					want = append(want, p.id)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d case %d: %+v\nSQL  %v\nplain %v", seed, i, def, got, want)
			}
			n, err := segments.Count(ctx, db.R, def)
			if err != nil || n != len(want) {
				t.Fatalf("Count = %d, %v; want %d", n, err, len(want))
			}
			// The same definition under a required tag is counted by walking that tag's customers,
			// in slices read side by side.
			tagged := segments.Node{Op: "AND", Items: []segments.Node{{Field: "tag", Cmp: "has", Num: fp(float64(pick(r, w.tags)))}, def}}
			wantTagged := 0
			for _, p := range w.customers {
				if !p.archived && eval(tagged, p, w.today) {
					wantTagged++
				}
			}
			if n, err := segments.Count(ctx, db.R, tagged); err != nil || n != wantTagged {
				t.Fatalf("seed %d case %d: Count(%+v) = %d, %v; want %d", seed, i, tagged, n, err, wantTagged)
			}
			// Under two required tags the tags' customers are intersected first, and the rest asked of
			// those in both.
			two := segments.Node{Op: "AND", Items: []segments.Node{tagged.Items[0], {Field: "tag", Cmp: "has", Num: fp(float64(pick(r, w.tags)))}}}
			if def.IsGroup() && def.Op == "AND" {
				two.Items = append(two.Items, def.Items...)
			} else {
				two.Items = append(two.Items, def)
			}
			wantTwo := 0
			for _, p := range w.customers {
				if !p.archived && eval(two, p, w.today) {
					wantTwo++
				}
			}
			if n, err := segments.Count(ctx, db.R, two); err != nil || n != wantTwo {
				t.Fatalf("seed %d case %d: Count(%+v) = %d, %v; want %d", seed, i, two, n, err, wantTwo)
			}
			if err := db.WithTx(ctx, func(tx *sql.Tx) error {
				n, err := segments.Count(ctx, tx, two)
				if err == nil && n != wantTwo {
					t.Fatalf("seed %d case %d: Count in a transaction = %d; want %d", seed, i, n, wantTwo)
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
