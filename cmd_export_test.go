package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/segments"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

func TestExportCustomersOfASegment(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "shop.db")
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"张三", "锦江区"}, {"李四", "青羊区"}, {"王五", "锦江区"}} {
		db.W.Exec(`INSERT INTO customers (name, district, created_at, updated_at) VALUES (?, ?, '', '')`, c[0], c[1])
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := segments.Save(ctx, tx, 0, segments.Input{Name: "锦江客户", Definition: segments.Node{Op: "AND",
			Items: []segments.Node{{Field: "district", Cmp: "eq", Text: "锦江区"}}}}, 0)
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "锦江.xlsx")
	if err := run([]string{"export", "customers", "--segment", "锦江客户", "--db", dbPath, "--out", out}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheets.ExportCustomers)
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[0])
	}
	if !slices.Equal(names, []string{"张三", "王五"}) {
		t.Fatalf("segment export rows %v", names)
	}
	if err := run([]string{"export", "customers", "--segment", "没有这个", "--db", dbPath, "--out", out}); err == nil || !strings.Contains(err.Error(), "没有名为“没有这个”的客群") {
		t.Fatalf("unknown segment: %v", err)
	}
	if err := run([]string{"export", "members", "--segment", "锦江客户", "--db", dbPath}); err == nil {
		t.Fatal("--segment accepted for members")
	}
}
