// Package storetest opens real SQLite files for tests: each test gets its own file in t.TempDir().
package storetest

import (
	"context"
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
