package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/store"
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
	db.R.QueryRow(`SELECT COUNT(*) FROM customers`).Scan(&n)
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
