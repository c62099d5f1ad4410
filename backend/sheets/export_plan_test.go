package sheets

import (
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

// The customer export reads customers in id order as the table holds them: sorting them instead (a
// temp B-tree, which SQLite chose when it took the list's index for "active only") holds every
// exported row before the first reaches the sheet, and cost a tenth of a 100,000-row export.
func TestCustomerExportReadsInIDOrderWithoutSorting(t *testing.T) {
	db := storetest.Open(t)
	for _, q := range []customers.ListQuery{{}, {Archived: "all"}} {
		cond, args, err := customers.WhereInIDOrder(ctx, db.R, q)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.R.QueryContext(ctx, "EXPLAIN QUERY PLAN "+customerRows(cond), args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "\n"); strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, "SCAN c") {
			t.Errorf("archived %q: plan\n%s", q.Archived, p)
		}
	}
}
