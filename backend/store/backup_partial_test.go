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

// A day's backup cut short (the program closed while it copied) must leave nothing under the day's
// name, so the next start makes that day's backup whole instead of keeping the partial file.
func TestBackupCutShortLeavesNoFileAndIsMadeAgain(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	// Enough data that the copy takes a while to write.
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
			INSERT INTO filler (id, body) SELECT i, hex(randomblob(300)) FROM n`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 9, 1, 10, 0, 0, 0, Shop)
	daily := filepath.Join(db.BackupDir(), "daily-20260901.db")
	cut, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { _, err := db.AutoBackup(cut, day); done <- err }()
	// Cancel as soon as the copy has started writing.
	for started := false; !started; {
		select {
		case err := <-done:
			t.Fatalf("the backup ended (%v) before it could be cut short: make the filler bigger", err)
		default:
		}
		entries, _ := os.ReadDir(db.BackupDir())
		for _, e := range entries {
			if info, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), "daily-") && info.Size() > 0 {
				started = true
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the backup finished before it could be cut short: make the filler bigger")
	}
	if _, err := os.Stat(daily); !os.IsNotExist(err) {
		t.Fatalf("a backup cut short left a file under the day's name: %v", err)
	}
	made, err := db.AutoBackup(ctx, day)
	if err != nil || made != daily {
		t.Fatalf("the day's backup after one cut short: %q %v", made, err)
	}
	if err := CheckFile(ctx, daily, true); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(db.BackupDir())
	for _, e := range entries {
		if strings.Contains(e.Name(), ".part") {
			t.Fatalf("left behind: %s", e.Name())
		}
	}
}
