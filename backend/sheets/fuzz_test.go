package sheets

import (
	"errors"
	"testing"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

// The parsers read whatever a clerk ever typed into a cell: they must never panic, and what they
// accept must be what the archive can store. Run longer with: go test -fuzz FuzzParseBirthday ./backend/sheets
// (phone cells are fuzzed beside their parser, in backend/customers).

func FuzzParseBirthday(f *testing.F) {
	for _, s := range []string{"1985-03-12", "农历闰四月初八", "85-3-12", "3月12日", "农历1985-03-12", "19850312", "腊月廿三",
		"农历十十月卅卅", "2月29日", "0000-00-00", "农历闰", "1985年13月45日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBirthday(s, now)
		if err != nil || b.Month == 0 {
			return
		}
		if b.Month < 1 || b.Month > 12 || b.Day < 1 || b.Day > 31 || (b.Year != 0 && (b.Year < 1900 || b.Year > now.Year())) {
			t.Fatalf("%q gave %+v", s, b)
		}
		if b.Leap && b.Calendar != "lunar" {
			t.Fatalf("%q gave a solar leap month", s)
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"¥1,280.50", "3.5万", "-1", "1.2.3", ".5", "999999999999.999", "0.005", "万元", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fen, err := ParseMoney(s); err == nil && (fen < 0 || fen > maxFen) {
			t.Fatalf("%q gave %d fen", s, fen)
		}
		if n, err := ParsePoints(s); err == nil && n < 0 {
			t.Fatalf("%q gave %d points", s, n)
		}
		ParseGender(s)
		ParseSource(s)
		if k := headerKey(s); !utf8.ValidString(k) && utf8.ValidString(s) {
			t.Fatalf("header key of %q is not text", s)
		}
	})
}

// FuzzOpen feeds damaged files to every reader: the answer is rows or a clear error, never a panic.
func FuzzOpen(f *testing.F) {
	f.Add([]byte("姓名,手机\n张三,13800138000\n"))
	f.Add([]byte("<html><table><tr><td colspan=3>x</td></tr></table></html>"))
	f.Add(compoundFile(biffWorkbook("表", []biffCell{{0, 0, "s", 15, "姓名", 0}, {1, 0, "fs", 15, "张三", 0}}, false)))
	f.Add(handXLSX(f, `<row><c t="s"><v>0</v></c></row>`, []string{"姓名"}, false))
	db := storetest.Open(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Open("fuzz", data)
		var e *errs.Error
		if err != nil {
			if !errors.As(err, &e) || e.Code != errs.CodeInvalid {
				t.Fatalf("unclear error %v", err)
			}
			return
		}
		defer b.Close()
		for _, s := range b.Sheets {
			if _, err := PreviewSheet(ctx, db.R, b, s, []Column{{Index: 0, Field: "name"}}, 5); err != nil && !errors.As(err, &e) {
				t.Fatalf("unclear error %v", err)
			}
		}
	})
}
