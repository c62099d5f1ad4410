package segments

import (
	"context"
	"database/sql"
	"math"
	"runtime"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Two or more required tags (the usual "invited last year and buys Moutai" segment) are intersected
// by SQLite in one statement: each tag's index gives its customers in id order, and a compound
// INTERSECT ordered by id merges those runs as it reads them, without a temporary table; the rest of
// the conditions are asked only of the customers every tag shares, as they come out of the merge.
// Reading each tag's ids into Go as text and merging there took about a third longer at a million
// customers, and more memory; looking every customer of the smallest tag up in the others cost a
// b-tree search each.

// requiredTags are the tags a top-level AND requires ("has"), in the order written.
func requiredTags(def Node) []int64 {
	items := []Node{def}
	if def.IsGroup() {
		if def.Op == "OR" && len(def.Items) > 1 {
			return nil
		}
		items = def.Items
	}
	var out []int64
	for _, it := range items {
		if !it.IsGroup() && it.Field == "tag" && it.Cmp == "has" && !slices.Contains(out, int64(num(it))) {
			out = append(out, int64(num(it)))
		}
	}
	return out
}

// countIntersection counts the customers in every one of tags who meet the rest of def's top-level
// conditions (the tags left out) and are not archived. The ids the tags share lie between the
// largest of their smallest ids and the smallest of their largest; on a pool that span is cut into
// one slice per core (at most three, so a read connection stays free for the rest of the screen),
// counted side by side.
func countIntersection(ctx context.Context, db store.Querier, def Node, tags []int64, today string) (int, error) {
	lo, hi, err := sharedSpan(ctx, db, tags)
	if err != nil || lo > hi {
		return 0, err
	}
	var rest []Node
	if def.IsGroup() {
		for _, it := range def.Items {
			if it.IsGroup() || it.Field != "tag" || it.Cmp != "has" {
				rest = append(rest, it)
			}
		}
	}
	slices.SortStableFunc(rest, func(a, b Node) int { return cost(a) - cost(b) })
	query, condArgs := commonCountSQL(len(tags), rest, today)
	parts := 1
	if _, pool := db.(*sql.DB); pool && hi-lo >= int64(sliceMin) {
		parts = min(runtime.NumCPU(), 3)
	}
	counts := make([]int, parts)
	errOf := make([]error, parts)
	each(db, parts, func(p int) {
		// Slice p is the ids in (from, to].
		from, to := lo-1+(hi-lo+1)*int64(p)/int64(parts), lo-1+(hi-lo+1)*int64(p+1)/int64(parts)
		args := make([]any, 0, 3*len(tags)+len(condArgs))
		for _, tag := range tags {
			args = append(args, tag, from, to)
		}
		errOf[p] = db.QueryRowContext(ctx, query, append(args, condArgs...)...).Scan(&counts[p])
	})
	total := 0
	for i, c := range counts {
		if errOf[i] != nil {
			return 0, errs.Internal("count segment", errOf[i])
		}
		total += c
	}
	return total, nil
}

// sharedSpan is the smallest and largest id every one of tags could share; lo > hi when a tag is empty.
func sharedSpan(ctx context.Context, db store.Querier, tags []int64) (lo, hi int64, err error) {
	lo, hi = math.MinInt64, math.MaxInt64
	for _, tag := range tags {
		var a, b sql.NullInt64
		// Two look-ups: SQLite reads MIN or MAX from the index end only when each is on its own.
		if err := db.QueryRowContext(ctx, `SELECT (SELECT MIN(customer_id) FROM customer_tags WHERE tag_id = ?1),
			(SELECT MAX(customer_id) FROM customer_tags WHERE tag_id = ?1)`, tag).Scan(&a, &b); err != nil {
			return 0, 0, errs.Internal("split tag", err)
		}
		if !a.Valid {
			return 1, 0, nil
		}
		lo, hi = max(lo, a.Int64), min(hi, b.Int64)
	}
	return lo, hi, nil
}

// commonCountSQL counts the customers in all of n tags, with ids in a slice (lo, hi], who meet rest
// and are not archived. Its arguments are tag, lo, hi for each tag, then condArgs.
func commonCountSQL(n int, rest []Node, today string) (string, []any) {
	cond, condArgs := "1", []any(nil)
	if len(rest) > 0 {
		cond, condArgs = probeWhere(Node{Op: "AND", Items: rest}, today, "d.cid")
	}
	arms := make([]string, n)
	for i := range arms {
		arms[i] = "SELECT customer_id AS cid FROM customer_tags WHERE tag_id = ? AND customer_id > ? AND customer_id <= ?"
	}
	// ORDER BY makes SQLite merge the arms in their index order. LIMIT -1 (no limit) keeps it from
	// pushing the outer conditions down into every arm, where they would be asked of every tagged
	// customer instead of only the shared ones.
	common := "(" + strings.Join(arms, " INTERSECT ") + " ORDER BY 1 LIMIT -1) d"
	if readsRow(rest) {
		return `SELECT COUNT(*) FROM ` + common + ` CROSS JOIN customers c ON c.id = d.cid WHERE c.archived = 0 AND ` + cond, condArgs
	}
	return `SELECT COUNT(*) FROM ` + common + ` WHERE d.cid NOT IN (SELECT id FROM customers WHERE archived = 1) AND ` + cond, condArgs
}
