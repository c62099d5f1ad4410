package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/audit"
	"jiuke/backend/customers"
	"jiuke/backend/staff"
	"jiuke/backend/store/storetest"
)

func services(core *app.Core) (*app.Auth, *app.System, *app.Customers) {
	return service[*app.Auth](core), service[*app.System](core), service[*app.Customers](core)
}

// pickedDialogs stands in for the window's native dialogs: it answers with the file the test names.
type pickedDialogs struct{ file *string }

func (d pickedDialogs) OpenFile(string, string, string) (string, error)         { return *d.file, nil }
func (d pickedDialogs) SaveFile(string, string, string, string) (string, error) { return *d.file, nil }

// auditActions lists the log's backup and restore lines, newest first, through the owner's Audit.List.
func auditActions(t *testing.T, core *app.Core) []string {
	t.Helper()
	page, err := service[*app.Audit](core).List(audit.Filter{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range page.Items {
		if e.TargetType == "backup" {
			out = append(out, e.Action+" "+e.TargetLabel)
		}
	}
	return out
}

// A restore chosen in the window is checked, keeps a safety copy, and takes effect at the next start;
// the backups taken and the restore itself are still in the audit log afterwards, although they were
// logged in the file the restore replaced.
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
	<-core.Checked()
	picked := ""
	core.UseDialogs(pickedDialogs{&picked})
	auth, system, cust := services(core)
	if _, err := auth.Setup(staff.SetupInput{ShopName: "蜀香酒行", OwnerName: "王老板", Password: "jiuke123"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cust.Create(customers.Input{Name: "备份前的客户", Mobile: "13800138000"}); err != nil {
		t.Fatal(err)
	}
	inFolder, err := system.Backup()
	if err != nil || inFolder.Name == "" || inFolder.SavedTo != "" {
		t.Fatalf("backup into the folder: %+v %v", inFolder, err)
	}
	picked = filepath.Join(dir, "usb", "周五.db")
	onUSB, err := system.BackupAs()
	if err != nil || onUSB.SavedTo != picked || !fileExists(picked) {
		t.Fatalf("backup to the picked file: %+v %v", onUSB, err)
	}
	if _, err := system.BackupAs(); err == nil {
		t.Fatal("a backup overwrote an existing file")
	}
	picked = path
	if _, err := system.BackupAs(); err == nil {
		t.Fatal("a backup was written over the live database")
	}
	if _, err := cust.Create(customers.Input{Name: "备份后的客户", Mobile: "13900139000"}); err != nil {
		t.Fatal(err)
	}
	picked = filepath.Join(dir, "nothing.db")
	if _, err := system.RestorePicked(); err == nil {
		t.Fatal("a missing backup file was accepted")
	}
	for _, bad := range []string{"", "../shop.db", "nothing.db", "backups/" + inFolder.Name, inFolder.Name + "/..", path} {
		if err := system.Restore(bad); err == nil {
			t.Fatalf("restore of %q accepted", bad)
		}
	}
	picked = filepath.Join(dir, "usb", "周五.db")
	if res, err := system.RestorePicked(); err != nil || res.Name != "周五.db" {
		t.Fatalf("restore from the picked file: %+v %v", res, err)
	}
	// The listed backup by name is the browser's way; the last one staged wins.
	if err := system.Restore(inFolder.Name); err != nil {
		t.Fatal(err)
	}
	core.DB.Close()

	core, err = f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked()
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
	auth, _, _ = services(core)
	if _, err := auth.SignIn(1, "jiuke123"); err != nil {
		t.Fatal(err)
	}
	got := auditActions(t, core)
	for _, want := range []string{"手动备份 " + inFolder.Name, "手动备份 周五.db", "恢复备份 周五.db", "恢复备份 " + inFolder.Name} {
		if !slices.Contains(got, want) {
			t.Errorf("after the restore the audit log lacks %q: %v", want, got)
		}
	}
	// Starting again appends nothing twice.
	core.DB.Close()
	core, err = f.open(ctx, web.NewHub())
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked()
	defer core.DB.Close()
	auth, _, _ = services(core)
	auth.SignIn(1, "jiuke123")
	again := auditActions(t, core)
	if len(again) != len(got) {
		t.Fatalf("a second start replayed the trail again: %d lines, then %d", len(got), len(again))
	}
}

func mkdir(t *testing.T, p string) {
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}
