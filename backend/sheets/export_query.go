package sheets

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// exportQuery writes the rows of one SELECT as a list sheet, spooled to learn their count first.
func exportQuery(ctx context.Context, q store.Querier, w io.Writer, sheet string, cols []ExportColumn, query string, args []any,
	scan func(*sql.Rows) ([]any, error)) (int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, errs.Internal("export "+sheet, err)
	}
	defer rows.Close()
	return writeBook(w, queryTable(rows, sheet, cols, scan))
}

// exportCounted is exportQuery for a list whose rows count can be read first: the COUNT(*) and the
// rows come from one read transaction (one snapshot, so the count is the rows'), and the rows stream
// straight into the sheet instead of through the spool.
func exportCounted(ctx context.Context, q store.Querier, w io.Writer, sheet string, cols []ExportColumn, count, query string,
	args []any, scan func(*sql.Rows) ([]any, error)) (int, error) {
	var written int
	err := readSnapshot(ctx, q, func(q store.Querier) error {
		var n int
		if err := q.QueryRowContext(ctx, count, args...).Scan(&n); err != nil {
			return errs.Internal("count "+sheet, err)
		}
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return errs.Internal("export "+sheet, err)
		}
		defer rows.Close()
		written, err = writeCounted(w, queryTable(rows, sheet, cols, scan), n)
		return err
	})
	return written, err
}

// queryTable is the sheet of rows, each scanned to its cells.
func queryTable(rows *sql.Rows, sheet string, cols []ExportColumn, scan func(*sql.Rows) ([]any, error)) table {
	return table{sheet, cols, func(add func(...any) error) error {
		for rows.Next() {
			values, err := scan(rows)
			if err != nil {
				return errs.Internal("scan "+sheet, err)
			}
			if err := add(values...); err != nil {
				return err
			}
		}
		return rows.Err()
	}}
}

// readSnapshot runs fn in one read transaction: a transaction already is one; the read pool gets a
// BEGIN (deferred, so it only reads) that ends with a rollback.
func readSnapshot(ctx context.Context, q store.Querier, fn func(store.Querier) error) error {
	switch q := q.(type) {
	case *sql.Tx:
		return fn(q)
	case *sql.DB:
		tx, err := q.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return errs.Internal("export read", err)
		}
		defer tx.Rollback()
		return fn(tx)
	}
	return errs.Internal("export read", fmt.Errorf("%T is neither a database nor a transaction", q))
}
