package customers

import (
	"context"
	"strings"

	"jiuke/backend/store"
)

// SearchPlans returns EXPLAIN QUERY PLAN of every statement a search for q runs, for tests.
func SearchPlans(ctx context.Context, q store.Querier, text string) []string {
	var out []string
	for _, st := range searchSteps(text, false) {
		rows, err := q.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st.sql, st.args...)
		if err != nil {
			out = append(out, "error: "+err.Error())
			continue
		}
		var lines []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			lines = append(lines, detail)
		}
		rows.Close()
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}
