package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/sheets"
)

// The export's floor is only a floor if it writes what users get: the same cells, byte for byte,
// with the same styles. Only what is not a cell (frozen header, autofilter, declared range) differs.
func TestExportFloorWritesTheExportsCells(t *testing.T) {
	ctx := context.Background()
	db, err := exportArchive(ctx, filepath.Join(t.TempDir(), "export.db"), 2000)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var floor, real bytes.Buffer
	if err := exportFloor(ctx, db.R, &floor); err != nil {
		t.Fatal(err)
	}
	if n, err := sheets.WriteCustomers(ctx, db.R, &real, customers.ListQuery{}); err != nil || n != 2000 {
		t.Fatalf("%d rows, %v", n, err)
	}
	part := func(data []byte, name string) string {
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range z.File {
			if f.Name == name {
				rc, _ := f.Open()
				defer rc.Close()
				b, _ := io.ReadAll(rc)
				return string(b)
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	cells := func(sheet string) string {
		i, j := strings.Index(sheet, "<cols>"), strings.Index(sheet, "</sheetData>")
		if i < 0 || j < i {
			t.Fatalf("no columns or rows in %.200s", sheet)
		}
		return sheet[i:j]
	}
	f, r := cells(part(floor.Bytes(), "xl/worksheets/sheet1.xml")), cells(part(real.Bytes(), "xl/worksheets/sheet1.xml"))
	if f != r {
		at := 0
		for at < min(len(f), len(r)) && f[at] == r[at] {
			at++
		}
		t.Fatalf("the floor writes other cells from byte %d:\nfloor  %.300s\nexport %.300s", at, f[at:], r[at:])
	}
	for _, s := range []string{"生日", "农历", "男", "女"} { // the cells the floor once left out or wrote otherwise
		if !strings.Contains(r, s) {
			t.Fatalf("the generated customers no longer show %q: the comparison proves less", s)
		}
	}
	if part(floor.Bytes(), "xl/styles.xml") != part(real.Bytes(), "xl/styles.xml") {
		t.Fatal("the floor's styles differ from the export's")
	}
}
