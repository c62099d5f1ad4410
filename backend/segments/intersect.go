package segments

import (
	"context"
	"database/sql"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Two or more required tags (the usual "invited last year and buys Moutai" segment) are intersected
// in Go: each tag's customers are read in one row, as a list SQLite builds walking the tag's index,
// and the sorted lists merged. Walking the smallest tag and looking every customer up in the other
// tags cost a b-tree search each, about half of a count at a million customers; the rest of the
// conditions are then asked only of the customers in every tag, read back from the merged list.

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

// tagMembers is the tag's customer ids in (lo, hi], ascending, as SQLite wrote them: decimal,
// comma-separated. They stay text until merged: splitting a third of a million ids into strings first
// cost more than the merge, and its garbage stayed in the server's memory until the next collection.
func tagMembers(ctx context.Context, db store.Querier, tag, lo, hi int64) (string, error) {
	var list sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT group_concat(customer_id) FROM
		(SELECT customer_id FROM customer_tags WHERE tag_id = ? AND customer_id > ? AND customer_id <= ? ORDER BY customer_id)`,
		tag, lo, hi).Scan(&list); err != nil {
		return "", err // the count wraps it once, with the slice's other errors
	}
	return list.String, nil
}

// idScanner reads ascending ids from a tag list one at a time.
type idScanner struct {
	s string
	i int
}

// next is the next id, false after the last. SQLite wrote the list, so it holds only digits and commas.
func (sc *idScanner) next() (int64, bool) {
	if sc.i >= len(sc.s) {
		return 0, false
	}
	var id int64
	for sc.i < len(sc.s) && sc.s[sc.i] != ',' {
		id = id*10 + int64(sc.s[sc.i]-'0')
		sc.i++
	}
	sc.i++ // the comma
	return id, true
}

// intersect merges tag lists into the ids in all of them: the shortest list read into ids, each other
// list walked once beside it.
func intersect(lists []string) []int64 {
	slices.SortFunc(lists, func(a, b string) int { return len(a) - len(b) })
	out := make([]int64, 0, strings.Count(lists[0], ",")+1)
	sc := idScanner{s: lists[0]}
	for id, ok := sc.next(); ok; id, ok = sc.next() {
		out = append(out, id)
	}
	for _, l := range lists[1:] {
		other := idScanner{s: l}
		kept := out[:0]
		at, more := other.next()
		for _, id := range out {
			for more && at < id {
				at, more = other.next()
			}
			if more && at == id {
				kept = append(kept, id)
			}
		}
		out = kept
	}
	return out
}

// countIntersection counts the customers in every one of tags who meet the rest of def's top-level
// conditions (the tags left out) and are not archived. The ids the tags share lie between the
// largest of their smallest ids and the smallest of their largest; that span is cut into slices of
// about spanSlice ids, and each connection takes every parts-th slice: read each tag's ids in the
// slice, merge, count. A slice at a time keeps the lists a few hundred kilobytes (whole tags at a
// million customers made the server's memory peak 20 MiB higher) at the cost of a few more queries.
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
	query, condArgs := listCountSQL(rest, today)
	n := int((hi-lo)/spanSlice) + 1
	parts := 1
	if _, pool := db.(*sql.DB); pool {
		parts = min(runtime.NumCPU(), 3, n)
	}
	counts := make([]int, parts)
	errOf := make([]error, parts)
	each(db, parts, func(p int) {
		lists := make([]string, len(tags))
		for i := p; i < n && errOf[p] == nil; i += parts {
			// Slice i is the ids in (from, to].
			from, to := lo-1+(hi-lo+1)*int64(i)/int64(n), lo-1+(hi-lo+1)*int64(i+1)/int64(n)
			for k, tag := range tags {
				if lists[k], errOf[p] = tagMembers(ctx, db, tag, from, to); errOf[p] != nil {
					return
				}
			}
			ids := intersect(lists)
			if len(ids) == 0 {
				continue
			}
			var c int
			if errOf[p] = db.QueryRowContext(ctx, query, append([]any{jsonIDs(ids)}, condArgs...)...).Scan(&c); errOf[p] == nil {
				counts[p] += c
			}
		}
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

// spanSlice is how many ids one slice of an intersection spans: a tenth of a million-customer archive.
var spanSlice int64 = 100_000

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

// listCountSQL counts the customers of a JSON list of ids (the first argument, then condArgs) who meet
// rest and are not archived.
func listCountSQL(rest []Node, today string) (string, []any) {
	cond, condArgs := "1", []any(nil)
	if len(rest) > 0 {
		cond, condArgs = probeWhere(Node{Op: "AND", Items: rest}, today, "d.value")
	}
	if readsRow(rest) {
		return `SELECT COUNT(*) FROM json_each(?) d CROSS JOIN customers c ON c.id = d.value WHERE c.archived = 0 AND ` + cond, condArgs
	}
	return `SELECT COUNT(*) FROM json_each(?) d WHERE d.value NOT IN (SELECT id FROM customers WHERE archived = 1) AND ` + cond, condArgs
}

func jsonIDs(ids []int64) string {
	b := make([]byte, 0, len(ids)*8+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}
