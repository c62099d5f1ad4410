package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Stream declares the row count its caller gives before the first row; a fill that adds more or
// fewer rows than counted fails the export rather than hand out a file whose range lies.
func TestStreamHoldsTheCallerToItsCount(t *testing.T) {
	cols := []Column{{Header: "姓名", Width: 12}, {Header: "积分", Width: 8, Kind: KindInt}}
	rowsOf := func(k int) func(add func(values ...any) error) error {
		return func(add func(values ...any) error) error {
			for i := range k {
				var name any = "客户"
				if i == 0 {
					name = []byte("客户") // as a driver may hand text over
				}
				if err := add(name, int64(i)); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, c := range []struct{ counted, added int }{{3, 2}, {3, 4}, {0, 1}} {
		b := New()
		n, err := b.Stream("客户", cols, c.counted, rowsOf(c.added))
		b.Close()
		if err == nil || !strings.Contains(err.Error(), "counted") {
			t.Fatalf("counted %d, added %d: %d rows, err %v", c.counted, c.added, n, err)
		}
	}

	b := New()
	if n, err := b.Stream("客户", cols, 3, rowsOf(3)); err != nil || n != 3 {
		t.Fatalf("%d rows, %v", n, err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if d, _ := f.GetSheetDimension("客户"); d != "A1:B4" {
		t.Fatalf("declared range %q", d)
	}
	if v, _ := f.GetCellValue("客户", "A2"); v != "客户" {
		t.Fatalf("text given as bytes reads %q", v)
	}
	if v, _ := f.GetCellValue("客户", "B4"); v != "2" {
		t.Fatalf("last row's points %q", v)
	}
}
