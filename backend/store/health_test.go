package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/errs"
)

// DamageIndex writes garbage over the root page of one of the customers' indexes of a closed
// archive: the file still opens and reads its schema, as a disk fault in the middle of a file does,
// but the integrity check fails. The archive gets enough rows first that the index has pages of
// its own below the root.
func damageIndex(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root, pageSize int64
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'customers_name'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := []byte(strings.Repeat("\xff\x13", int(pageSize)/4))
	if _, err := f.WriteAt(garbage, (root-1)*pageSize+8); err != nil {
		t.Fatal(err)
	}
}

func fill(t *testing.T, db *DB, n int) {
	t.Helper()
	err := db.WithTx(context.Background(), func(tx *sql.Tx) error {
		for i := range n {
			if _, err := tx.Exec(`INSERT INTO customers (name, mobile, created_at, updated_at) VALUES (?, ?, '', '')`,
				strings.Repeat("张", 1+i%7)+string(rune('甲'+i%300)), 13800000000+i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A damaged archive opens (start does not read the whole file), then the check finds the damage:
// every write is refused with what to do, the few writes a restore needs run and are discarded,
// and reading goes on.
func TestFailedCheckStopsWritesAndSaysWhatToDo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 5000)
	if h := db.Check(ctx); h.State != HealthOK || h.CheckedAt == "" {
		t.Fatalf("healthy archive: %+v", h)
	}
	db.Close()
	damageIndex(t, path)

	if err := CheckOpenable(ctx, path); err != nil {
		t.Fatalf("a damaged index page should not stop opening: %v", err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	done := make(chan Health, 1)
	db.CheckInBackground(ctx, func(h Health) { done <- h })
	h := <-done
	if h.State != HealthFailed || db.Health() != h {
		t.Fatalf("damaged archive: %+v (now %+v)", h, db.Health())
	}
	for _, says := range []string{"完整性检查", "暂停所有修改", "设置 › 数据备份", "jiuke restore"} {
		if !strings.Contains(h.Message, says) {
			t.Errorf("message %q does not say %q", h.Message, says)
		}
	}
	if strings.Contains(h.Message, filepath.Dir(path)) {
		t.Errorf("message names a server path: %q", h.Message)
	}

	ran := false
	err = db.WithTx(ctx, func(tx *sql.Tx) error { ran = true; return nil })
	if ran || errs.CodeOf(err) != errs.CodeForbidden || !strings.Contains(err.Error(), "数据备份") {
		t.Fatalf("write after a failed check: ran=%v err=%v", ran, err)
	}
	err = db.WithTxOrDiscard(ctx, func(tx *sql.Tx) error {
		ran = true
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('signed-in', 'x')`)
		return err
	})
	var kept int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM settings WHERE key = 'signed-in'`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if err != nil || !ran || kept != 0 {
		t.Fatalf("WithTxOrDiscard on a damaged archive: err=%v ran=%v kept=%d", err, ran, kept)
	}
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM customers WHERE id > 0`).Scan(&n); err != nil || n != 5000 {
		t.Fatalf("reading the customers table: %d %v", n, err)
	}
	if _, err := db.KeepDamaged(); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(db.BackupDir(), "damaged-*.db")); len(m) != 1 {
		t.Fatalf("damaged copy: %v", m)
	}
}

// An upgrade does not build on a damaged file: with a migration pending the check runs first and
// the file is left as it was.
func TestPendingMigrationChecksFirst(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := openWith(ctx, path, ms[:len(ms)-1])
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 5000)
	db.Close()
	damageIndex(t, path)
	before, _ := os.ReadFile(path)
	if _, err := openWith(ctx, path, ms); err == nil || !strings.Contains(err.Error(), "升级前检查未通过") {
		t.Fatalf("upgrade of a damaged file: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the damaged file was changed")
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*")); len(m) != 0 {
		t.Fatalf("backups made of a damaged file: %v", m)
	}
}
