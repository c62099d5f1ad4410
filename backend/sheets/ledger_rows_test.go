package sheets

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// oldLedgerCSV is a ledger exported from an old system through CSV: a title and a date line above
// the header (row 3), blank lines, a 合计 footer and a signature line below the data; phones written
// with every dash an input method makes; birthdays kept as Excel day numbers, a year alone, and
// dates after today.
func oldLedgerCSV(t *testing.T) *Book {
	t.Helper()
	tomorrow := time.Now().In(store.Shop).AddDate(0, 0, 1).Format("2006-01-02")
	lines := []string{
		"老台账客户名单,,,",                        // 1
		"导出日期：2024-06-01,,,",                // 2
		"序号,姓名,手机,生日",                       // 3 header
		"1,张一,138—0013—8001,32874",          // 4  em dash; 1990-01-01
		"2,张二,138–0013–8002,1985",           // 5  en dash; a year alone
		",,,",                               // 6  blank
		"3,张三,138－0013－8003," + tomorrow,    // 7  full-width hyphen-minus; after today
		"4,张四,138‐0013‐8004,31118.0",        // 8  hyphen; 1985-03-12
		"5,张五,＋８６　１３８ ０013 8005,2030-01-01", // 9  full-width +86 and spaces; after today
		"6,张六,138﹣0013﹣8006,1985",           // 10 small hyphen-minus; a year alone
		",,,",                               // 11 blank (Excel writes the blank rows of its used range as commas)
		"7,张七,138·0013·8007,1984",           // 12 middle dots; a year alone
		"8,张八,138―0013―8008,1983",           // 13 horizontal bar
		"9,张九,138‒0013‒8009,1982",           // 14 figure dash
		"10,张十,138‑0013‑8010,1981",          // 15 non-breaking hyphen
		"11,张十一,138 0013 8011,1980",         // 16 a sixth year alone
		",,,",                               // 17
		"合计,11人,,",                          // 18 footer
		"制表人：王会计,,,",                        // 19 signature in the 序号 column
	}
	b, err := Open("老台账.csv", []byte(strings.Join(lines, "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOldLedgerDashPhonesDayNumbersAndRowsNamed(t *testing.T) {
	db := storetest.Open(t)
	b := oldLedgerCSV(t)
	pv, err := PreviewSheet(ctx, db.R, b, b.Sheets[0], nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	// 表头在第 3 行，共 11 行数据: not the 19 lines of the file, nor the 16 below the title.
	if pv.HeaderRow != 3 || pv.Total != 11 || len(pv.Rows) != 5 {
		t.Fatalf("preview header row %d, total %d, %d rows", pv.HeaderRow, pv.Total, len(pv.Rows))
	}
	s := mustImport(t, db, b, Request{OnDuplicate: PolicySkip})
	if s.Read != pv.Total || s.Created != 11 || s.Failed != 0 || s.HeaderRow != 3 || !slices.Equal(s.SubtotalRows, []int{18}) {
		t.Fatalf("summary %+v", s)
	}
	for i, name := range []string{"张一", "张二", "张三", "张四", "张五", "张六", "张七", "张八", "张九", "张十", "张十一"} {
		mobile := "138001380" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"}[i]
		if c := customerBy(t, db, mobile); c.Name != name {
			t.Errorf("%s has %s", mobile, c.Name)
		}
	}
	if c := customerBy(t, db, "13800138001"); c.Birthday != (customers.Birthday{Calendar: "solar", Year: 1990, Month: 1, Day: 1}) {
		t.Errorf("day number 32874: %+v", c.Birthday)
	}
	if c := customerBy(t, db, "13800138004"); c.Birthday != (customers.Birthday{Calendar: "solar", Year: 1985, Month: 3, Day: 12}) {
		t.Errorf("day number 31118.0: %+v", c.Birthday)
	}
	if c := customerBy(t, db, "13800138002"); c.Birthday.Month != 0 || !strings.Contains(c.Notes, "生日：1985") {
		t.Errorf("a year alone is kept in the notes, not read as day 1985: %+v", c)
	}
	if c := customerBy(t, db, "13800138003"); c.Birthday.Month != 0 || !strings.Contains(c.Notes, "生日：") {
		t.Errorf("a birthday after today is not imported: %+v", c)
	}
	by := map[string]ReasonCount{}
	for _, r := range s.WarningsBy {
		by[r.Reason] = r
	}
	// Each reason names its rows: all of them when few, the first five and the count when more.
	if r := by["生日晚于今天"]; r.Count != 2 || !slices.Equal(r.Rows, []int{7, 9}) {
		t.Errorf("future birthdays %+v", r)
	}
	if r := by["生日无法识别"]; r.Count != 7 || !slices.Equal(r.Rows, []int{5, 10, 12, 13, 14}) {
		t.Errorf("unreadable birthdays %+v", r)
	}
	for _, w := range s.Warnings {
		if w.Reason == "生日晚于今天" && !strings.Contains(w.Message, "晚于今天") {
			t.Errorf("future birthday message %q", w.Message)
		}
		if w.Reason == "生日无法识别" && !strings.Contains(w.Message, "只有年份") {
			t.Errorf("year alone message %q", w.Message)
		}
	}
}
