package main

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func TestUnknownCommandAndForeignAddressAreRefused(t *testing.T) {
	if err := run([]string{"frobnicate"}); err == nil || !strings.Contains(err.Error(), "未知命令") {
		t.Fatalf("unknown command: %v", err)
	}
	err := run([]string{"serve", "--addr", "0.0.0.0:8421", "--db", filepath.Join(t.TempDir(), "x.db")})
	if err == nil || !strings.Contains(err.Error(), "不是本机地址") {
		t.Fatalf("non-loopback address: %v", err)
	}
}

func TestDemoCommandWritesANewArchiveOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := run([]string{"demo", "--db", path, "--count", "40"}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers`).Scan(&n)
	db.Close()
	if n != 40 {
		t.Fatalf("%d customers", n)
	}
	if err := run([]string{"demo", "--db", path}); err == nil {
		t.Fatal("demo overwrote an existing file")
	}
}

func TestDatabasePathPrefersEnvironmentThenUserFolder(t *testing.T) {
	t.Setenv("JIUKE_DB", "/srv/shop.db")
	if got := defaultDBPath(false); got != "/srv/shop.db" {
		t.Fatalf("JIUKE_DB ignored: %s", got)
	}
	if got := defaultDBPath(true); filepath.Base(got) != "demo.db" || filepath.Base(filepath.Dir(got)) != "Jiuke" {
		t.Fatalf("demo path %s", got)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	if err := run([]string{"demo", "--db", path, "--count", "5"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "usb", "copy.db")
	if err := run([]string{"backup", "--db", path, "--out", out}); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"backup", "--db", path, "--out", out}); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.Exec(`DELETE FROM follow_ups`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.Exec(`UPDATE customers SET name = '改过'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := run([]string{"restore", out, "--db", path}); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var changed int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers WHERE name = '改过'`).Scan(&changed)
	if changed != 0 {
		t.Fatal("restore did not bring the backup back")
	}
	if err := run([]string{"restore", filepath.Join(dir, "missing.db"), "--db", path}); err == nil {
		t.Fatal("restoring a missing file succeeded")
	}
}

func TestDamagedDatabaseIsRefusedAtStartWithTheWayOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00 but then garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"serve", "--addr", "127.0.0.1:0", "--db", path})
	if err == nil || !strings.Contains(err.Error(), "jiuke restore") {
		t.Fatalf("damaged database: %v", err)
	}
}

// The first start of --demo writes the demo shop and then takes the day's backup, so that backup
// holds the demo customers rather than an empty database.
func TestDemoFirstBackupHoldsTheDemoData(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	f := addDBFlags(fs)
	if err := fs.Parse([]string{"--db", path, "--demo"}); err != nil {
		t.Fatal(err)
	}
	core, err := f.open(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked() // the backup follows the integrity check, after start
	backups, err := core.DB.Backups()
	core.DB.Close()
	if err != nil || len(backups) == 0 {
		t.Fatalf("no backup after the first demo start: %v %v", backups, err)
	}
	for _, b := range backups {
		copy, err := sql.Open("sqlite3", "file:"+b.Path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = copy.QueryRow(`SELECT COUNT(*) FROM customers`).Scan(&n)
		copy.Close()
		if err != nil || n != 500 {
			t.Fatalf("backup %s holds %d customers (%v)", b.Path, n, err)
		}
	}
}
