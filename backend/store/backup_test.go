package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAutoBackupRotatesDailyAndWeekly(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	day := time.Date(2026, 9, 1, 10, 0, 0, 0, Shop)
	for i := 0; i < 40; i++ {
		if _, err := db.AutoBackup(ctx, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	again, err := db.AutoBackup(ctx, day.AddDate(0, 0, 39))
	if err != nil || again != "" {
		t.Fatalf("second backup the same day: %q %v", again, err)
	}
	files, _ := db.Backups()
	kinds := map[string]int{}
	for _, f := range files {
		kinds[f.Kind]++
	}
	if kinds["daily"] != 7 || kinds["weekly"] != 4 {
		t.Fatalf("kept %v", kinds)
	}
	if _, err := os.Stat(filepath.Join(db.BackupDir(), "daily-20261010.db")); err != nil {
		t.Fatal("the newest daily backup is missing")
	}
}

func TestRestoreChecksTheFileAndBacksUpTheCurrentOne(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	db, err := Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	db.W.Exec(`INSERT INTO settings(key, value) VALUES ('shop.name', '旧店名')`)
	snapshot := filepath.Join(dir, "usb", "copy.db")
	if err := db.BackupTo(ctx, snapshot); err != nil {
		t.Fatal(err)
	}
	db.W.Exec(`UPDATE settings SET value = '新店名' WHERE key = 'shop.name'`)
	db.Close()

	// Not a database, a damaged one: refused, nothing changes.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("这不是数据库"), 0o644)
	if _, err := RestoreFile(ctx, junk, live); err == nil || !strings.Contains(err.Error(), "不是酒客通的数据文件") {
		t.Fatalf("junk: %v", err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	data, _ := os.ReadFile(snapshot)
	for i := 4096; i < len(data) && i < 4096*3; i++ {
		data[i] ^= 0x5a
	}
	os.WriteFile(damaged, data, 0o644)
	if _, err := RestoreFile(ctx, damaged, live); err == nil {
		t.Fatal("a damaged file was restored")
	}
	saved, err := RestoreFile(ctx, snapshot, live)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(saved), "before-restore-") {
		t.Fatalf("backup before restore: %q", saved)
	}
	db, err = Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var name string
	if err := db.R.QueryRow(`SELECT value FROM settings WHERE key = 'shop.name'`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if name != "旧店名" {
		t.Fatalf("restored shop name %q", name)
	}
	if err := CheckFile(ctx, saved, true); err != nil {
		t.Fatalf("the safety copy is not a good database: %v", err)
	}
}

// A backup and the writer do not wait for each other: with a write transaction open (a sale at the
// counter), the day's backup completes, holding what was committed before it and not the open write.
func TestBackupDoesNotWaitForTheWriter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, filepath.Join(dir, "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.W.Exec(`INSERT INTO settings (key, value) VALUES ('committed', '1')`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('open', '1')`); err != nil {
		t.Fatal(err)
	}
	waited, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	dest := filepath.Join(dir, "copy.db")
	if err := db.BackupTo(waited, dest); err != nil {
		t.Fatalf("backup with a write open: %v", err)
	}
	copyDB, err := sql.Open("sqlite3", "file:"+dest+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var keys string
	if err := copyDB.QueryRow(`SELECT group_concat(key) FROM settings WHERE key IN ('committed', 'open')`).Scan(&keys); err != nil {
		t.Fatal(err)
	}
	if keys != "committed" {
		t.Fatalf("the backup holds %q, want only what was committed before it", keys)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("the write after the backup: %v", err)
	}
}
