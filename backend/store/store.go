// Package store opens the SQLite archive: one writer connection (SQLite allows one writer anyway, and
// queuing in Go beats busy errors) and a small read pool, WAL so readers never wait on the writer.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Querier is satisfied by *sql.DB and *sql.Tx so read helpers work inside and outside transactions.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type DB struct {
	Path string
	// W is the only connection that writes; R is a read-only pool.
	W *sql.DB
	R *sql.DB

	health health
}

// writerDriver opens the writing connection with its statement journals in memory. Every insert into
// a guarded ledger may abort in a trigger, so SQLite keeps a journal of what the statement changed;
// with the default temp store each journal past 64 KiB goes to a temp file, which a large import
// wrote 1.3 million times. The setting must be in place before a transaction begins (SQLite decides
// where the journals go at BEGIN), hence on every new connection rather than inside the import.
const writerDriver = "sqlite3-jiuke-writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// busy_timeout first, so even the pragmas below wait instead of failing on a locked file.
	q.Set("_busy_timeout", "5000")
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		// Take the write lock at BEGIN so a transaction never fails half-way on an upgrade to writer.
		q.Set("_txlock", "immediate")
		// Keep the writer's recent statements compiled: an INSERT compiles every trigger on its table
		// (the ledgers have several), which cost more than running it. Per-row imports and purchases
		// run the same few statements again and again.
		q.Set("_stmt_cache_size", "96")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and brings its schema up to date,
// backing up an existing file first when migrations are pending.
func Open(ctx context.Context, path string) (*DB, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	return openWith(ctx, path, ms)
}

func openWith(ctx context.Context, path string, ms []migration) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("创建数据目录失败: %w", err)
	}
	_, statErr := os.Stat(path)
	existed := statErr == nil

	w, err := sql.Open(writerDriver, dsn(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("无法打开数据库 %s: %w", path, err)
	}
	db := &DB{Path: path, W: w}
	if err := db.migrate(ctx, existed, ms); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(4)
	db.R = r
	return db, nil
}

func (db *DB) Close() error {
	return errors.Join(db.R.Close(), db.W.Close())
}

// WithTx runs fn in one write transaction: committed when fn returns nil, rolled back otherwise.
// After a failed integrity check it refuses, saying what to do (see CheckInBackground).
func (db *DB) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.readOnlyError(); err != nil {
		return err
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// BackupTo writes a consistent copy of the live database to dest (which must not exist yet), as of
// the last commit before it starts. It reads on a connection of its own: on the writer it held up
// every sale at the counter for as long as the copy took (half a minute at a million customers, at
// the first start of each day), while a reader in WAL mode neither waits for the writer nor stops it.
func (db *DB) BackupTo(ctx context.Context, dest string) error {
	conn, err := sql.Open("sqlite3", dsn(db.Path, false))
	if err != nil {
		return fmt.Errorf("备份到 %s 失败: %w", dest, err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	return backupConn(ctx, conn, dest)
}

// backupConn writes the copy under a temporary name and gives it dest's name only once it is whole.
// Copying a large archive takes minutes (the day's automatic backup runs at the first start), and a
// copy cut short by closing the program left a partial file under the day's name: that day's backup
// was then never made, and the partial file stayed among the backups offered for restore.
func backupConn(ctx context.Context, q Querier, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("备份到 %s 失败: 文件已存在", dest)
	}
	part := dest + ".part"
	removePart := func() { os.Remove(part); os.Remove(part + "-journal") }
	removePart() // left by a copy cut short before
	if _, err := q.ExecContext(ctx, "VACUUM INTO ?", part); err != nil {
		removePart()
		return fmt.Errorf("备份到 %s 失败: %w", dest, err)
	}
	if err := os.Rename(part, dest); err != nil {
		removePart()
		return fmt.Errorf("备份到 %s 失败: %w", dest, err)
	}
	return nil
}

// freePath returns base.db, or base-2.db, base-3.db … when that name is taken.
func freePath(base string) string {
	p := base + ".db"
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = fmt.Sprintf("%s-%d.db", base, i)
	}
}

// BackupDir is where automatic backups of this database go: beside it, never in the install folder.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.Path), "backups") }

// Now is the storage form of the current time: UTC, RFC 3339.
func Now() string { return time.Now().UTC().Format(time.RFC3339) }

// Shop is the shop's time zone. China has no daylight saving, so a fixed zone needs no tzdata on Windows.
var Shop = time.FixedZone("CST", 8*3600)

// Today is the shop's current date as YYYY-MM-DD.
func Today() string { return time.Now().In(Shop).Format(time.DateOnly) }

// Nullable stores a zero value as NULL: 0 ids, empty dates and texts mean "none".
func Nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}
