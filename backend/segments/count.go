package segments

import (
	"context"
	"database/sql"
	"math"
	"runtime"
	"slices"
	"sync"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Count is how many active customers a definition finds, for the live count while editing. A
// definition that requires a tag (the usual way to pick whom to invite) is counted by walking that
// tag's customers, the smallest such tag when there are several, in slices read side by side on
// separate connections; anything else is one query over all customers.
func Count(ctx context.Context, db store.Querier, def Node) (int, error) {
	if err := Validate(def); err != nil {
		return 0, err
	}
	today := store.Today()
	if tags := requiredTags(def); len(tags) >= 2 {
		return countIntersection(ctx, db, def, tags, today)
	}
	tag, rest, err := driver(ctx, db, def)
	if err != nil {
		return 0, err
	}
	if tag.id == 0 {
		where, args := Where(def, today)
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers c WHERE c.archived = 0 AND `+where, args...).Scan(&n); err != nil {
			return 0, errs.Internal("count segment", err)
		}
		return n, nil
	}
	query, condArgs := tagCountSQL(rest, today)
	bounds, err := cut(ctx, db, tag)
	if err != nil {
		return 0, err
	}
	counts := make([]int, len(bounds)-1)
	errOf := make([]error, len(bounds)-1)
	each(db, len(counts), func(i int) {
		args := append([]any{tag.id, bounds[i], bounds[i+1]}, condArgs...)
		errOf[i] = db.QueryRowContext(ctx, query, args...).Scan(&counts[i])
	})
	total := 0
	for i, n := range counts {
		if errOf[i] != nil {
			return 0, errs.Internal("count segment", errOf[i])
		}
		total += n
	}
	return total, nil
}

// tagCountSQL counts one slice of a tag's customers (arguments: tag, lo, hi, then condArgs) that
// meet the rest of the conditions.
func tagCountSQL(rest []Node, today string) (query string, condArgs []any) {
	cond := "1"
	if len(rest) > 0 {
		cond, condArgs = probeWhere(Node{Op: "AND", Items: rest}, today, "d.customer_id")
	}
	if readsRow(rest) {
		// CROSS JOIN keeps the tag's rows outermost: conditions on them run before the row is read.
		return `SELECT COUNT(*) FROM customer_tags d CROSS JOIN customers c ON c.id = d.customer_id
			WHERE d.tag_id = ? AND d.customer_id > ? AND d.customer_id <= ? AND c.archived = 0 AND ` + cond, condArgs
	}
	// Reading a customer's row costs more than everything else a count does, so it is read only when
	// a condition is on the row; otherwise archived customers are left out by their (few) ids.
	return `SELECT COUNT(*) FROM customer_tags d WHERE d.tag_id = ? AND d.customer_id > ? AND d.customer_id <= ?
		AND d.customer_id NOT IN (SELECT id FROM customers WHERE archived = 1) AND ` + cond, condArgs
}

// sliceMin is the tag size below which one run is quicker than starting several.
var sliceMin = 20_000

type drivingTag struct {
	id   int64
	size int
}

// driver picks, among the tags a top-level AND requires, the one with the fewest customers, and
// returns the other conditions, cheapest first; a zero tag when the definition requires none.
func driver(ctx context.Context, db store.Querier, def Node) (drivingTag, []Node, error) {
	items := []Node{def}
	if def.IsGroup() {
		if def.Op == "OR" && len(def.Items) > 1 {
			return drivingTag{}, nil, nil
		}
		items = def.Items
	}
	var at []int
	for i, it := range items {
		if !it.IsGroup() && it.Field == "tag" && it.Cmp == "has" {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return drivingTag{}, nil, nil
	}
	// The tags are counted side by side, each on its own connection when there is a pool.
	sizes := make([]int, len(at))
	errOf := make([]error, len(at))
	each(db, len(at), func(k int) {
		errOf[k] = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM customer_tags WHERE tag_id = ?`, int64(num(items[at[k]]))).Scan(&sizes[k])
	})
	best := 0
	for k := range at {
		if errOf[k] != nil {
			return drivingTag{}, nil, errs.Internal("count tag", errOf[k])
		}
		if sizes[k] < sizes[best] {
			best = k
		}
	}
	i := at[best]
	rest := slices.Concat(items[:i], items[i+1:])
	// SQLite tests the conditions in the order written: a tag look-up first, a sum over purchases last.
	slices.SortStableFunc(rest, func(a, b Node) int { return cost(a) - cost(b) })
	return drivingTag{id: int64(num(items[i])), size: sizes[best]}, rest, nil
}

// each runs fn for 0..n-1, at once on a pool, one after another inside a transaction (one connection).
func each(db store.Querier, n int, fn func(int)) {
	if _, pool := db.(*sql.DB); !pool {
		for k := range n {
			fn(k)
		}
		return
	}
	var wg sync.WaitGroup
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(k)
		}()
	}
	wg.Wait()
}

// cost ranks a condition by the work of testing it for one customer.
func cost(n Node) int {
	if n.IsGroup() {
		return 5
	}
	if rowFields[n.Field] {
		return 1
	}
	switch n.Field {
	case "tag", "level":
		return 0
	case "events", "referrals", "lastPurchase":
		return 2
	case "spend", "totalSpend", "points":
		return 3
	}
	return 4 // a category or service product: purchases joined to their lines
}

// cut splits the tag's customer ids into one run per core (at most three, so a read connection stays
// free for the rest of the screen), as bounds (lo, hi]. Inside a transaction there is one connection,
// so one run.
func cut(ctx context.Context, db store.Querier, tag drivingTag) ([]int64, error) {
	parts := min(runtime.NumCPU(), 3)
	if _, pool := db.(*sql.DB); !pool || tag.size < sliceMin {
		return []int64{math.MinInt64, math.MaxInt64}, nil
	}
	var lo, hi int64
	// Two look-ups: SQLite reads MIN or MAX from the index end only when each is on its own.
	if err := db.QueryRowContext(ctx, `SELECT (SELECT MIN(customer_id) FROM customer_tags WHERE tag_id = ?1),
		(SELECT MAX(customer_id) FROM customer_tags WHERE tag_id = ?1)`, tag.id).Scan(&lo, &hi); err != nil {
		return nil, errs.Internal("split tag", err)
	}
	bounds := []int64{math.MinInt64}
	for i := 1; i < parts; i++ {
		bounds = append(bounds, lo+(hi-lo)*int64(i)/int64(parts))
	}
	return append(bounds, math.MaxInt64), nil
}

// rowFields are the conditions on the customer's own row.
var rowFields = map[string]bool{"district": true, "kind": true, "gender": true, "source": true, "created": true, "birthMonth": true}

// readsRow tells whether any condition is on the customer's own row (district, birth month…).
func readsRow(ns []Node) bool {
	for _, n := range ns {
		if rowFields[n.Field] || n.IsGroup() && readsRow(n.Items) {
			return true
		}
	}
	return false
}
