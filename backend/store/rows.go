package store

import (
	"context"
	"database/sql"
)

// Each runs a query and hands every row to fn, closing the rows whatever happens; the first error of
// the query, of fn or of the iteration is returned as it is, for the caller to wrap.
func Each(ctx context.Context, q Querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
