package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/app/web"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// A shop whose archive is damaged in the middle (an index page overwritten, as a disk fault does)
// still starts at once: the integrity check runs after start, finds the damage, and from then on
// every change is refused with what to do, shown in System.Info; the owner can still sign in and
// stage a restore, and no automatic backup copies the damaged file over good ones.
func TestDamagedArchiveStartsReadOnlyAndCanBeRestored(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	demoFlag := false
	f := dbFlags{path: &path, demo: &demoFlag}
	core, err := f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked()
	auth, system, cust := services(core)
	if _, err := auth.Setup(staff.SetupInput{ShopName: "蜀香酒行", OwnerName: "王老板", Password: "jiuke123"}); err != nil {
		t.Fatal(err)
	}
	good, err := system.Backup()
	if err != nil {
		t.Fatal(err)
	}
	err = core.DB.WithTx(ctx, func(tx *sql.Tx) error {
		b, err := customers.NewBulk(ctx, tx, 0)
		if err != nil {
			return err
		}
		defer b.Close()
		for i := range 5000 {
			if _, err := b.Add(customers.Input{Name: "客户" + strings.Repeat("甲", 1+i%5), Mobile: fmt.Sprintf("139%08d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	core.DB.Close()
	damageIndexPage(t, path, "customers_name")
	for _, b := range []string{"daily-*.db", "weekly-*.db"} {
		m, _ := filepath.Glob(filepath.Join(dir, "backups", b))
		for _, p := range m {
			os.Remove(p) // so a backup of the damaged file would show
		}
	}

	core, err = f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatalf("a damaged index must not stop start: %v", err)
	}
	defer core.DB.Close()
	<-core.Checked()
	auth, system, cust = services(core)
	if _, err := auth.SignIn(1, "jiuke123"); err != nil {
		t.Fatalf("the owner signs in on a damaged archive: %v", err)
	}
	info, err := system.Info()
	if err != nil || info.Health.State != store.HealthFailed || !strings.Contains(info.Health.Message, "数据备份") {
		t.Fatalf("Info on a damaged archive: %+v %v", info.Health, err)
	}
	_, err = cust.Create(customers.Input{Name: "新客户", Mobile: "13700137000"})
	if errs.CodeOf(err) != errs.CodeForbidden || !strings.Contains(err.Error(), "完整性检查") {
		t.Fatalf("a change on a damaged archive: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "backups", "daily-*.db")); len(m) != 0 {
		t.Fatalf("the damaged file was backed up as the day's backup: %v", m)
	}
	if err := system.Restore(good.Name); err != nil {
		t.Fatalf("staging a restore on a damaged archive: %v", err)
	}
	core.DB.Close()

	core, err = f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	defer core.DB.Close()
	<-core.Checked()
	if h := core.DB.Health(); h.State != store.HealthOK {
		t.Fatalf("after the restore: %+v", h)
	}
	auth, _, cust = services(core)
	if _, err := auth.SignIn(1, "jiuke123"); err != nil {
		t.Fatal(err)
	}
	if _, err := cust.Create(customers.Input{Name: "新客户", Mobile: "13700137000"}); err != nil {
		t.Fatalf("a change after the restore: %v", err)
	}
}

// damageIndexPage writes garbage over the root page of index of a closed archive.
func damageIndexPage(t *testing.T, path, index string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = ?`, index).Scan(&root, &pageSize)
	if err == nil {
		_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xff\x13", int(pageSize)/4)), (root-1)*pageSize+8); err != nil {
		t.Fatal(err)
	}
}
