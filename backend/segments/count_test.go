package segments_test

import (
	"context"
	"strings"
	"testing"

	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// The live count of "tag A and tag B and spend" must walk tag A's slice of the index and look the
// rest up per customer: a plan that reads every customer row, or builds the set of all buyers, is
// what made it take half a second at a million customers.
func TestTagDrivenCountLooksUpInsteadOfScanning(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	rest := []segments.Node{
		{Field: "tag", Cmp: "has", Num: fp(2)},
		{Field: "spend", Cmp: "gte", Num: fp(5000), Days: ip(365)},
		{Field: "lastPurchase", Cmp: "olderThan", Days: ip(30)},
		{Field: "level", Cmp: "is", Num: fp(1)},
	}
	plan := func(rest []segments.Node) string {
		q, condArgs := segments.TagCountSQL(rest, store.Today())
		rows, err := db.R.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, append([]any{1, 0, 100}, condArgs...)...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return strings.Join(lines, "\n")
	}
	p := plan(rest)
	if !strings.Contains(p, "customer_tags_tag (tag_id=? AND customer_id>? AND customer_id<?)") {
		t.Errorf("count does not walk one slice of the tag's index:\n%s", p)
	}
	for _, bad := range []string{"SCAN", "SEARCH c ", "purchases_date"} {
		if strings.Contains(p, bad) {
			t.Errorf("count plan has %q:\n%s", bad, p)
		}
	}
	// A condition on the customer's own row reads the row, once the tag conditions let it through.
	withRow := plan(append(rest, segments.Node{Field: "district", Cmp: "eq", Text: "锦江区"}))
	// By its primary key, or by a covering index that ends in the id (district, archived, rowid).
	byID := strings.Contains(withRow, "SEARCH c USING INTEGER PRIMARY KEY") ||
		strings.Contains(withRow, "SEARCH c USING COVERING INDEX") && strings.Contains(withRow, "rowid=?)")
	if !byID || strings.Contains(withRow, "SCAN") {
		t.Errorf("count with a district does not look customers up by id:\n%s", withRow)
	}
}

// Over several tags' common customers, SQLite merges the tags' index runs (no temporary table) and
// asks the rest of each shared id by primary key, never scanning customers or purchases.
func TestCommonCountMergesTagsAndLooksUpEachSharedCustomer(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	for _, rest := range [][]segments.Node{
		{{Field: "spend", Cmp: "gte", Num: fp(5000), Days: ip(365)}, {Field: "level", Cmp: "is", Num: fp(1)}},
		{{Field: "district", Cmp: "eq", Text: "锦江区"}, {Field: "spend", Cmp: "gte", Num: fp(5000), Days: ip(365)}},
	} {
		q, args := segments.CommonCountSQL(3, rest, store.Today())
		rows, err := db.R.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, append([]any{1, 0, 9, 2, 0, 9, 3, 0, 9}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		rows.Close()
		p := strings.Join(lines, "\n")
		if strings.Count(p, "MERGE (INTERSECT)") != 2 {
			t.Errorf("list count does not merge the three tags' runs:\n%s", p)
		}
		// Until the merge's output is read (SCAN d), only the tags' index runs: no condition pushed into them.
		merge, _, _ := strings.Cut(p, "SCAN d")
		for _, line := range strings.Split(strings.TrimSpace(merge), "\n") {
			if line != "CO-ROUTINE d" && line != "MERGE (INTERSECT)" && line != "LEFT" && line != "RIGHT" &&
				!strings.HasPrefix(line, "SEARCH customer_tags USING COVERING INDEX customer_tags_tag (tag_id=? AND customer_id>? AND customer_id<?)") {
				t.Errorf("tag merge does more than read the tags' runs (%q):\n%s", line, p)
				break
			}
		}
		for _, bad := range []string{"SCAN c", "SCAN customers", "SCAN customer_tags", "SCAN purchases", "purchases_date", "TEMP B-TREE"} {
			if strings.Contains(p, bad) {
				t.Errorf("list count plan has %q:\n%s", bad, p)
			}
		}
	}
}
