// Package storetest opens real SQLite files for tests: each test gets its own file in t.TempDir().
package storetest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"jiuke/backend/store"
)

// Open returns a migrated database in a fresh temp dir, closed when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("open test db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rowQuerier is a pool, a transaction or a connection.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Row is a query's single row whose Scan fails the test on any error, so a mistyped column or table
// in a test's own check cannot pass as a zero.
type Row struct {
	t     testing.TB
	row   *sql.Row
	query string
}

// QueryRow runs a one-row query for a test's check; call Scan on the result.
func QueryRow(t testing.TB, q rowQuerier, query string, args ...any) Row {
	return Row{t: t, row: q.QueryRowContext(context.Background(), query, args...), query: query}
}

// Scan copies the row into dest, failing the test if the query or the scan failed.
func (r Row) Scan(dest ...any) {
	r.t.Helper()
	if err := r.row.Scan(dest...); err != nil {
		r.t.Fatalf("%s: %v", r.query, err)
	}
}
