package events_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/events"
	"jiuke/backend/sheets/workbook/xlsxcheck"
)

func (f *fixture) exportFixture() events.Event {
	ev := f.event(0, "2026-12-05 19:00")
	a := f.customer("张伟", "13800130001", "M")
	b := f.customer("李娜", "13800130002", "F")
	c := f.customer("陈晨", "13800130003", "F")
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{a, b, c}, 0, 0); err != nil {
			return err
		}
		if _, err := events.AddTables(ctx, tx, ev.ID, 1, 10); err != nil {
			return err
		}
		_, err := events.AutoSeat(ctx, tx, ev.ID, events.AutoSeatOptions{})
		return err
	})
	g := f.guests(ev.ID)
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{g["陈晨"].ID}, events.Declined, 0)
		return err
	})
	return ev
}

func TestSignInSheetReadsBackWithExcelize(t *testing.T) {
	f := newFixture(t)
	ev := f.exportFixture()
	var buf bytes.Buffer
	n, err := events.WriteSignIn(ctx, f.db.R, &buf, ev.ID)
	if err != nil || n != 2 {
		t.Fatalf("%d rows, %v", n, err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("签到表")
	if rows[0][0] != "秋季酱香品鉴会 签到表" || !strings.Contains(rows[1][0], "2026-12-05 19:00") || !strings.Contains(rows[1][0], "蜀香酒行二楼") {
		t.Fatalf("titles %q", rows[:2])
	}
	if strings.Join(rows[2], ",") != "序号,姓名,桌号,手机尾号,签名" {
		t.Fatalf("header %q", rows[2])
	}
	// Two guests (the one who declined is left out), then five blank numbered rows for walk-ins.
	if len(rows) != 3+2+5 || rows[3][3] != "0001" && rows[3][3] != "0002" || rows[3][2] != "1" {
		t.Fatalf("rows %q", rows[3:])
	}
	names := rows[3][1] + rows[4][1]
	if !strings.Contains(names, "张伟") || !strings.Contains(names, "李娜") || strings.Contains(names, "陈晨") {
		t.Fatalf("names %q", names)
	}
}

func TestGuestListAndTableListReadBack(t *testing.T) {
	f := newFixture(t)
	ev := f.exportFixture()
	var buf bytes.Buffer
	if n, err := events.WriteGuestList(ctx, f.db.R, &buf, ev.ID); err != nil || n != 3 {
		t.Fatalf("%d, %v", n, err)
	}
	x, _ := excelize.OpenReader(&buf)
	rows, _ := x.GetRows("宾客名单")
	x.Close()
	if rows[2][3] != "手机" || len(rows) != 6 {
		t.Fatalf("guest list %q", rows)
	}
	found := false
	for _, r := range rows[3:] {
		if r[1] == "陈晨" && r[3] == "13800130003" && r[8] == "婉拒" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the declined guest with full mobile and state: %q", rows[3:])
	}
	buf.Reset()
	if n, err := events.WriteTables(ctx, f.db.R, &buf, ev.ID); err != nil || n != 2 {
		t.Fatalf("%d, %v", n, err)
	}
	x, _ = excelize.OpenReader(&buf)
	rows, _ = x.GetRows("桌位表")
	x.Close()
	if !strings.HasPrefix(rows[3][0], "1号桌（10座，已坐2人）") || rows[4][1] != "姓名" {
		t.Fatalf("table block %q", rows[3:5])
	}
}

type openpyxlView struct {
	Sheet, Title, Subtitle, Orientation, PrintTitleRows, Border string
	Merged, Header, TextCells                                   []string
	Rows                                                        [][]any
	PaperSize, FitToWidth, FitToHeight                          int
	FitToPage                                                   bool
	RowHeight                                                   float64
}

// readWithOpenpyxl writes the export to a file and reads it back with openpyxl.
func readWithOpenpyxl(t *testing.T, py string, data []byte, headerRow string) openpyxlView {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "testdata/read_xlsx.py", path, headerRow).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl could not read the file: %v\n%s", err, out)
	}
	var v openpyxlView
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return v
}

// openpyxl reads the exports as Excel or WPS would: titles, rows and the print settings.
func TestExportsOpenInOpenpyxl(t *testing.T) {
	py := python(t)
	f := newFixture(t)
	ev := f.exportFixture()
	var buf bytes.Buffer
	if _, err := events.WriteSignIn(ctx, f.db.R, &buf, ev.ID); err != nil {
		t.Fatal(err)
	}
	got := readWithOpenpyxl(t, py, buf.Bytes(), "3")
	if got.Sheet != "签到表" || got.Title != "秋季酱香品鉴会 签到表" || !strings.Contains(got.Subtitle, "地点：蜀香酒行二楼") || !slices.Contains(got.Merged, "A1:E1") {
		t.Fatalf("titles %q / %q, merged %v", got.Title, got.Subtitle, got.Merged)
	}
	if strings.Join(got.Header, ",") != "序号,姓名,桌号,手机尾号,签名" || len(got.Rows) != 7 {
		t.Fatalf("header %v, %d rows", got.Header, len(got.Rows))
	}
	if got.PaperSize != 9 || got.Orientation != "portrait" || !got.FitToPage || got.FitToWidth != 1 || got.FitToHeight != 0 {
		t.Fatalf("print: A4 (9) portrait, one page wide: %+v", got)
	}
	if got.PrintTitleRows != "$3:$3" {
		t.Fatalf("header row repeated on every page: %q", got.PrintTitleRows)
	}
	if got.RowHeight < 28 || got.Border != "thin" || !slices.Contains(got.TextCells, "D4") {
		t.Fatalf("rows tall enough to sign, grid lines, mobile tail as text: %+v", got)
	}

	buf.Reset()
	if _, err := events.WriteGuestList(ctx, f.db.R, &buf, ev.ID); err != nil {
		t.Fatal(err)
	}
	got = readWithOpenpyxl(t, py, buf.Bytes(), "3")
	if got.Title != "秋季酱香品鉴会 宾客名单" || got.Header[3] != "手机" || len(got.Rows) != 3 || got.PrintTitleRows != "$3:$3" || got.PaperSize != 9 || got.FitToWidth != 1 {
		t.Fatalf("guest list %+v", got)
	}
	if !slices.Contains(got.TextCells, "D4") || !strings.HasPrefix(got.Rows[0][3].(string), "138") {
		t.Fatalf("phones are text: %v %v", got.TextCells, got.Rows[0])
	}

	buf.Reset()
	if _, err := events.WriteTables(ctx, f.db.R, &buf, ev.ID); err != nil {
		t.Fatal(err)
	}
	got = readWithOpenpyxl(t, py, buf.Bytes(), "5")
	if got.Title != "秋季酱香品鉴会 桌位表" || strings.Join(got.Header, ",") != "序号,姓名,同行,会员等级,手机尾号" || len(got.Rows) < 2 || got.PaperSize != 9 {
		t.Fatalf("table list %+v", got)
	}
}

// python finds a python3 that has openpyxl (Debian's python3-openpyxl). Without python3 at all the
// test is skipped; with python3 but no openpyxl it fails, so a missing reader is never a pass.
func python(t *testing.T) string {
	var found []string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil {
			found = append(found, path)
			if exec.Command(path, "-c", "import openpyxl").Run() == nil {
				return path
			}
		}
	}
	if len(found) == 0 {
		t.Skip("python3 is not installed")
	}
	t.Fatalf("python3 (%s) has no openpyxl: run scripts/setup.sh apt (python3-openpyxl)", strings.Join(found, ", "))
	return ""
}

// The event sheets declare the range their cells fill (openpyxl read-only trusts the declaration):
// titles, header and rows, all columns.
func TestEventExportsDeclareTheirUsedRange(t *testing.T) {
	f := newFixture(t)
	ev := f.exportFixture()
	var books []xlsxcheck.Book
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) (int, error)
		rows  func(n int) int
		cols  int
	}{
		// Two title lines, the header, the guests and five blank rows for walk-ins.
		{"签到表", func(b *bytes.Buffer) (int, error) { return events.WriteSignIn(ctx, f.db.R, b, ev.ID) }, func(n int) int { return 3 + n + 5 }, 5},
		{"宾客名单", func(b *bytes.Buffer) (int, error) { return events.WriteGuestList(ctx, f.db.R, b, ev.ID) }, func(n int) int { return 3 + n }, 16},
		{"桌位表", func(b *bytes.Buffer) (int, error) { return events.WriteTables(ctx, f.db.R, b, ev.ID) }, nil, 5},
	} {
		var buf bytes.Buffer
		n, err := c.write(&buf)
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]int{{0, c.cols}}
		if c.rows != nil {
			want[0][0] = c.rows(n)
		} else {
			// Blocks of title, header and guests after a blank row, and a blank row after each block.
			x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := x.GetRows("桌位表")
			x.Close()
			want[0][0] = len(rows)
		}
		books = append(books, xlsxcheck.Book{Name: c.name, Data: buf.Bytes(), Want: want})
	}
	xlsxcheck.Declared(t, books...)
}
