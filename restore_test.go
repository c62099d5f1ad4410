package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/customers"
	"jiuke/backend/staff"
	"jiuke/backend/store/storetest"
)

func services(core *app.Core) (*app.Auth, *app.System, *app.Customers) {
	var a *app.Auth
	var s *app.System
	var c *app.Customers
	for _, v := range app.Services(core) {
		switch v := v.(type) {
		case *app.Auth:
			a = v
		case *app.System:
			s = v
		case *app.Customers:
			c = v
		}
	}
	return a, s, c
}

// A restore chosen in the window is checked, keeps a safety copy, and takes effect at the next start.
func TestRestoreFromTheWindowTakesEffectAtNextStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	demoFlag := false
	f := dbFlags{path: &path, demo: &demoFlag}
	core, err := f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	auth, system, cust := services(core)
	if _, err := auth.Setup(staff.SetupInput{ShopName: "蜀香酒行", OwnerName: "王老板", Password: "jiuke123"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cust.Create(customers.Input{Name: "备份前的客户", Mobile: "13800138000"}); err != nil {
		t.Fatal(err)
	}
	usb := filepath.Join(dir, "usb")
	backup, err := (func() (string, error) { mkdir(t, usb); return system.BackupTo(usb) })()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cust.Create(customers.Input{Name: "备份后的客户", Mobile: "13900139000"}); err != nil {
		t.Fatal(err)
	}
	if err := system.Restore(filepath.Join(dir, "nothing.db")); err == nil {
		t.Fatal("a missing backup file was accepted")
	}
	if err := system.Restore(backup); err != nil {
		t.Fatal(err)
	}
	core.DB.Close()

	core, err = f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	defer core.DB.Close()
	var n int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM customers`).Scan(&n)
	if n != 1 {
		t.Fatalf("after restore: %d customers, want the 1 from the backup", n)
	}
	if fileExists(app.PendingRestore(path)) {
		t.Fatal("the staged restore was left behind")
	}
	files, err := core.DB.Backups()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range files {
		found = found || f.Kind == "before-restore"
	}
	if !found {
		t.Fatal("no safety copy before the restore")
	}
}

func mkdir(t *testing.T, p string) {
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}
