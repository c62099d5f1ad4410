package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/sheets"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func TestImportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "shop.db")
	csv := filepath.Join(dir, "台账.csv")
	os.WriteFile(csv, []byte("客户台账\n客户,电话,积分,序号\n张三,13800138000,100,1\n李四,1.38E+10,,2\n合计,,100,\n"), 0o644)

	if err := run([]string{"import", "customers", csv, "--db", dbPath, "--dry-run", "--json"}); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"import", "customers", csv, "--db", dbPath, "--map", "积分=,序号=", "--on-duplicate", "merge"}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var n, pts int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), (SELECT COUNT(*) FROM points_entries) FROM customers`).Scan(&n, &pts)
	db.Close()
	if n != 1 || pts != 0 {
		t.Fatalf("dry run or --map ignored: %d customers, %d ledger entries", n, pts)
	}
	// Nothing importable is the one failure exit.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("姓名,手机\n王五,1.38E+10\n"), 0o644)
	if err := run([]string{"import", "customers", bad, "--db", dbPath}); err == nil || !strings.Contains(err.Error(), "没有导入任何客户") {
		t.Fatalf("all rows failed: %v", err)
	}
	for _, args := range [][]string{{"import", "customers"}, {"import", "customers", csv, "--map", "电话"}, {"import", "customers", csv, "--on-duplicate", "x", "--db", dbPath}} {
		if err := run(args); err == nil {
			t.Fatalf("%v accepted", args)
		}
	}

	out := filepath.Join(dir, "客户.xlsx")
	if err := run([]string{"export", "customers", "--db", dbPath, "--out", out}); err != nil {
		t.Fatal(err)
	}
	b, err := sheets.OpenFile(out)
	if err != nil || b.Sheets[0] != sheets.ExportCustomers {
		t.Fatalf("export: %v %+v", err, b)
	}
	if err := run([]string{"export", "gifts", "--db", dbPath}); err == nil {
		t.Fatal("unknown list exported")
	}
	if err := run([]string{"backup", "--db", dbPath, "--out", filepath.Join(dir, "备份.db")}); err != nil {
		t.Fatal(err)
	}

	// The command line acts as the owner through the same services as the window, so what it did
	// is in the operation log like anything done on screen.
	db, err = store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, action := range []string{"导入客户", "导出", "手动备份"} {
		var n int
		var who string
		storetest.QueryRow(t, db.R, `SELECT COUNT(*), COALESCE(MAX(staff_name), '') FROM audit_entries WHERE action = ?`, action).Scan(&n, &who)
		if n == 0 || who == "" {
			t.Errorf("the command line's %s is not in the operation log (%d lines, by %q)", action, n, who)
		}
	}
}
