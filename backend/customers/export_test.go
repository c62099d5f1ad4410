package customers

import (
	"context"
	"fmt"
	"strings"

	"jiuke/backend/store"
)

// SearchPlans returns EXPLAIN QUERY PLAN of every statement a search for text runs, for tests; an
// EXPLAIN that fails is an error, not a plan, so a broken statement cannot pass as one without scans.
func SearchPlans(ctx context.Context, q store.Querier, text string, includeArchived bool) ([]string, error) {
	var out []string
	for _, st := range searchSteps(text, includeArchived) {
		plan, err := explain(ctx, q, st)
		if err != nil {
			return nil, fmt.Errorf("EXPLAIN %s step for %q: %w", st.match, text, err)
		}
		out = append(out, plan)
	}
	return out, nil
}

func explain(ctx context.Context, q store.Querier, st searchStep) (string, error) {
	rows, err := q.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st.sql, st.args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(lines) == 0 {
		return "", fmt.Errorf("empty plan")
	}
	return strings.Join(lines, "\n"), nil
}
