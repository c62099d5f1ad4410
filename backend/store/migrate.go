package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("迁移文件名应以序号开头: %s", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies pending migrations in one transaction. An existing file is backed up first, so a
// failed or unwanted upgrade can always be undone by hand.
func (db *DB) migrate(ctx context.Context, existed bool, ms []migration) error {
	if _, err := db.W.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	applied := map[int]bool{}
	rows, err := db.W.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return err
	}
	current := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
		current = max(current, v)
	}
	rows.Close()
	// Every migration not yet recorded runs, even one numbered below the newest applied: work from
	// parallel branches may land out of order.
	var pending []migration
	for _, m := range ms {
		if !applied[m.version] {
			pending = append(pending, m)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	if existed && current > 0 {
		// Start no longer waits for the integrity check (it runs in the background), but an upgrade
		// must not build on a damaged file; the backup below reads the whole file anyway.
		if err := CheckFile(ctx, db.Path, false); err != nil {
			return fmt.Errorf("升级前检查未通过，未做任何修改：%w。可用 jiuke restore <备份文件> 从备份恢复", err)
		}
		dest := freePath(filepath.Join(db.BackupDir(), fmt.Sprintf("before-migrate-v%d-%s", current, time.Now().Format("20060102-150405"))))
		if err := db.BackupTo(ctx, dest); err != nil {
			return fmt.Errorf("升级前自动备份失败，未做任何修改: %w", err)
		}
	}
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		for _, m := range pending {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("迁移 %s 失败: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)`,
				m.version, m.name, Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// SchemaVersion reports the highest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.R.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
