// Package xlsxcheck reads a written workbook back with openpyxl, an independent reader, for tests:
// in read-only mode openpyxl believes the sheet's declared used range, as some BI tools do, so a
// wrong <dimension> shows up as a wrong max_row/max_column.
package xlsxcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Range is what openpyxl makes of one sheet: the declared range (read-only mode) and the cells
// actually there (normal mode).
type Range struct {
	Sheet    string `json:"sheet"`
	Rows     int    `json:"rows"`
	Cols     int    `json:"cols"`
	RealRows int    `json:"realRows"`
	RealCols int    `json:"realCols"`
}

// script prints, for each workbook path given, the list of its sheets' ranges (one process for all:
// starting python is the slow part).
const script = `
import json, sys, openpyxl
out = []
for path in sys.argv[1:]:
    ro = openpyxl.load_workbook(path, read_only=True)
    full = openpyxl.load_workbook(path)
    out.append([{"sheet": n, "rows": ro[n].max_row or 0, "cols": ro[n].max_column or 0,
        "realRows": full[n].max_row, "realCols": full[n].max_column} for n in ro.sheetnames])
print(json.dumps(out, ensure_ascii=False))
`

// Python finds a python3 with openpyxl (Debian's python3-openpyxl, which CI installs). Only when
// none has it is the test skipped, and the skip says so.
func Python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	t.Skip("python3-openpyxl is missing (no python3 here can import openpyxl): the declared-range check needs it; apt install python3-openpyxl")
	return ""
}

// Ranges reads every sheet of each workbook.
func Ranges(t testing.TB, books ...[]byte) [][]Range {
	t.Helper()
	py := Python(t)
	args := []string{"-c", script}
	dir := t.TempDir()
	for i, data := range books {
		path := filepath.Join(dir, fmt.Sprintf("check%d.xlsx", i))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("openpyxl could not read the workbooks: %v %s", err, out)
	}
	var rs [][]Range
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return rs
}

// Book is one workbook to check: its name for messages, its bytes, and each sheet's rows × columns.
type Book struct {
	Name string
	Data []byte
	Want [][2]int
}

// Declared checks that each sheet (in order) of each book declares exactly the used range its cells
// fill, and that it is rows × cols as the test expects.
func Declared(t testing.TB, books ...Book) {
	t.Helper()
	data := make([][]byte, len(books))
	for i, b := range books {
		data[i] = b.Data
	}
	for i, rs := range Ranges(t, data...) {
		declared(t, books[i].Name, rs, books[i].Want)
	}
}

func declared(t testing.TB, name string, rs []Range, want [][2]int) {
	t.Helper()
	if len(rs) != len(want) {
		t.Fatalf("%s: %d sheets, want %d", name, len(rs), len(want))
	}
	for i, r := range rs {
		if r.Rows != want[i][0] || r.Cols != want[i][1] || r.Rows != r.RealRows || r.Cols != r.RealCols {
			t.Errorf("%s, sheet %s: declared %d×%d, cells fill %d×%d, want %d×%d", name, r.Sheet, r.Rows, r.Cols,
				r.RealRows, r.RealCols, want[i][0], want[i][1])
		}
	}
}
