package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenAppliesMigrationsOnceWithPragmas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	var mode string
	var fk, sync int
	for pragma, dest := range map[string]any{"journal_mode": &mode, "foreign_keys": &fk, "synchronous": &sync} {
		if err := db.W.QueryRow(`PRAGMA ` + pragma).Scan(dest); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
	}
	if mode != "wal" || fk != 1 || sync != 2 {
		t.Fatalf("journal_mode=%s foreign_keys=%d synchronous=%d, want wal 1 2(FULL)", mode, fk, sync)
	}
	if _, err := db.R.Exec(`INSERT INTO settings(key, value) VALUES ('x', 'y')`); err == nil {
		t.Fatal("the read pool accepted a write")
	}
	db.Close()
	// Reopening an up-to-date file makes no backup.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("backup folder created without pending migrations: %v", err)
	}
}

func TestPendingMigrationBacksUpFirstAndFailedMigrationChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	m1 := migration{1, "0001_a.sql", `CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);`}
	db, err := openWith(ctx, path, []migration{m1})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	bad := migration{2, "0002_bad.sql", `CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);`}
	if _, err := openWith(ctx, path, []migration{m1, bad}); err == nil {
		t.Fatal("a broken migration was accepted")
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "before-migrate-v1-*.db"))
	if len(backups) != 1 {
		t.Fatalf("want one automatic backup before migrating, got %v", backups)
	}
	good := migration{2, "0002_b.sql", `CREATE TABLE b (y INTEGER);`}
	db, err = openWith(ctx, path, []migration{m1, good})
	if err != nil {
		t.Fatalf("the failed migration left the file unusable: %v", err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != 2 {
		t.Fatalf("version = %d, want 2", v)
	}
	// The backup holds the data as it was before the upgrade.
	bk, err := sql.Open("sqlite3", backups[0])
	if err != nil {
		t.Fatal(err)
	}
	defer bk.Close()
	var x int
	if err := bk.QueryRow(`SELECT x FROM a`).Scan(&x); err != nil || x != 1 {
		t.Fatalf("backup content: x=%d err=%v", x, err)
	}
	if err := bk.QueryRow(`SELECT COUNT(*) FROM b`).Scan(&x); err == nil {
		t.Fatal("backup already has the new table")
	}
}

func TestWithTxRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	boom := errors.New("boom")
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES ('shop.name', '半截')`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM settings`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatal("a failed transaction left a row behind")
	}
}

// openTemp opens a new archive in the test's temporary folder, closed when the test ends.
func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
