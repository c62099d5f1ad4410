package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"jiuke/backend/errs"
)

// rowsOf reads every row of a sheet.
func rowsOf(t *testing.T, b *Book, sheet string) [][]string {
	t.Helper()
	rs, err := b.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out [][]string
	for rs.Next() {
		for len(out) < rs.Num()-1 {
			out = append(out, nil)
		}
		out = append(out, slices.Clone(rs.Cells()))
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func cell(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

func TestXLSXFromExcelKeepsNumbersExactAndDatesAsDates(t *testing.T) {
	data := excelStyle(t, map[string][][]any{
		"客户": {
			{"XX酒业客户台账"},
			{"姓名", "手机", "生日", "积分", "备注"},
			{"张三", 13800138000, time.Date(1985, 3, 12, 0, 0, 0, 0, time.UTC), 1200, 31118},
		},
		"空表": {},
	})
	b, err := Open("台账.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if b.Format != FormatXLSX || !slices.Equal(b.Sheets, []string{"客户", "空表"}) {
		t.Fatalf("format %s sheets %v", b.Format, b.Sheets)
	}
	rows := rowsOf(t, b, "客户")
	want := []string{"张三", "13800138000", "1985-03-12", "1200", "31118"}
	if !slices.Equal(rows[2], want) {
		t.Fatalf("row 3 = %q, want %q (a General number is never a date)", rows[2], want)
	}
}

func TestHandWrittenXLSXFormulasRichTextAndPrefixedTags(t *testing.T) {
	sheet := `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>` +
		`<x:row><x:c t="s"><x:v>4</x:v></x:c><x:c s="3"><x:v>1.3800138E10</x:v></x:c><x:c s="2"><x:v>31118</x:v></x:c><x:c t="str"><x:f>A2&amp;"先生"</x:f><x:v>李四先生</x:v></x:c></x:row>` +
		`<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>王五</x:t></x:is></x:c><x:c r="C4" s="1"><x:v>0</x:v></x:c><x:c r="D4"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c></x:row>`
	data := handXLSX(t, sheet, []string{"姓名", "手机号", "出生日期", "备注", `<r><t>李</t></r><r><rPr><b/></rPr><t>四</t></r>`}, true)
	b, err := Open("wps.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, b, "台账")
	// 1904 date system: serial 31118 is 1989-03-13.
	if got := rows[1]; !slices.Equal(got, []string{"李四", "13800138000", "1989-03-13", "李四先生"}) {
		t.Fatalf("row 2 = %q", got)
	}
	if got := rows[3]; cell(rows, 3, 0) != "王五" || cell(rows, 3, 2) != "0" || cell(rows, 3, 3) != "3" {
		t.Fatalf("row 4 = %q (serial 0 is no date; a formula gives its cached value)", got)
	}
	if len(rows[2]) != 0 {
		t.Fatalf("missing row 3 should be empty, got %q", rows[2])
	}
}

func TestCSVInEveryEncodingAndDelimiter(t *testing.T) {
	text := "姓名,手机,地址\n张三,13800138000,\"成都市锦江区,春熙路\"\n"
	cases := map[string][]byte{
		"utf8":     []byte(text),
		"utf8-bom": append([]byte("\xEF\xBB\xBF"), text...),
		"gbk":      csvGBK(t, text),
		"tabs":     csvGBK(t, "姓名\t手机\t地址\n张三\t13800138000\t成都市锦江区,春熙路\n"),
	}
	for name, data := range cases {
		b, err := Open("客户.csv", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows := rowsOf(t, b, "CSV")
		if cell(rows, 0, 0) != "姓名" || cell(rows, 1, 0) != "张三" || cell(rows, 1, 2) != "成都市锦江区,春熙路" {
			t.Fatalf("%s: %q", name, rows)
		}
	}
}

func TestHTMLDisguisedAsXLSUsesExactNumbers(t *testing.T) {
	data := htmlXLS(t, [][]string{{"姓名", "电话", "生日"}, {"赵六", "num:13900139000|1.39E+10", "1985/3/12"}})
	b, err := Open("导出.xls", data)
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, b, "表1")
	if b.Format != FormatHTML || cell(rows, 0, 0) != "蜀香酒业客户台账" || !slices.Equal(rows[2], []string{"赵六", "13900139000", "1985/3/12"}) {
		t.Fatalf("%s %q", b.Format, rows)
	}
}

func TestRealXLSReadsSharedStringsDatesAndFormulaResults(t *testing.T) {
	long := strings.Repeat("长", 30) // crosses a CONTINUE record boundary
	cells := []biffCell{
		{0, 0, "s", 15, "姓名", 0}, {0, 1, "s", 15, "手机", 0}, {0, 2, "s", 15, "生日", 0}, {0, 3, "s", 15, "备注", 0}, {0, 4, "s", 15, "积分", 0},
		{1, 0, "s", 15, "张三", 0}, {1, 1, "n", 15, "", 13800138000}, {1, 2, "rk", 16, "", 31118}, {1, 3, "s", 15, long, 0}, {1, 4, "fn", 15, "", 1500},
		{2, 0, "label", 15, "李四", 0}, {2, 1, "fs", 15, "13900139000", 0}, {2, 2, "n", 17, "", 31119}, {2, 3, "mulrk", 15, "", 7},
	}
	b, err := Open("旧台账.xls", compoundFile(biffWorkbook("会员", cells, false)))
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, b, "会员")
	want := [][]string{{"姓名", "手机", "生日", "备注", "积分"}, {"张三", "13800138000", "1985-03-12", long, "1500"}, {"李四", "13900139000", "1985-03-13", "7", "7"}}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Fatalf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
}

func TestBadFilesGetAClearMessageAndNoPanic(t *testing.T) {
	good := excelStyle(t, map[string][][]any{"客户": {{"姓名", "手机"}, {"张三", "13800138000"}}})
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":          {nil, "文件是空的"},
		"truncated xlsx": {good[:len(good)/2], "已损坏"},
		"zip not xlsx":   {zipOf(t, "readme.txt", "hello"), "不是 Excel"},
		"encrypted xls":  {compoundFile(biffWorkbook("表", []biffCell{{0, 0, "s", 15, "姓名", 0}}, true)), "密码"},
		"password xlsx":  {compoundNamed("EncryptedPackage", make([]byte, 4096)), "密码"},
		"word document":  {compoundNamed("WordDocument", make([]byte, 4096)), "不是 Excel"},
		"garbage ole":    {append(append([]byte{}, oleMagic...), bytes.Repeat([]byte{0xAB}, 600)...), "损坏"},
		"binary":         {[]byte{0x00, 0x01, 0x02, 0x03, 0xFF}, "无法识别"},
		"too big":        {make([]byte, MaxFileSize+1), fmt.Sprintf("超过 %d MB 的上限", MaxFileMB)},
	}
	for name, c := range cases {
		_, err := Open(name, c.data)
		var e *errs.Error
		if !errors.As(err, &e) || e.Code != errs.CodeInvalid || !strings.Contains(e.Message, c.want) {
			t.Errorf("%s: %v, want a message containing %q", name, err, c.want)
		}
	}
	// A truncated BIFF stream panics nowhere: the record walker stops at the end.
	stream := biffWorkbook("表", []biffCell{{0, 0, "s", 15, "姓名", 0}}, false)
	for cut := 8; cut < 400; cut += 7 {
		Open("cut.xls", compoundFile(stream[:cut]))
	}
}

func TestPasswordProtectedXLSXAndMissingFileAndWrongSheet(t *testing.T) {
	if _, err := OpenFile(filepath.Join(t.TempDir(), "nope.xlsx")); err == nil || !strings.Contains(errMessage(err), "找不到文件") {
		t.Fatalf("missing file: %v", err)
	}
	path := filepath.Join(t.TempDir(), "客户.xls")
	os.WriteFile(path, excelStyle(t, map[string][][]any{"客户": {{"姓名"}}}), 0o644)
	b, err := OpenFile(path)
	if err != nil || b.Name != "客户.xls" || b.Format != FormatXLSX {
		t.Fatalf("renamed xlsx: %v %+v", err, b)
	}
	if _, err := b.Rows("Sheet9"); err == nil || !strings.Contains(errMessage(err), "没有名为「Sheet9」的工作表") {
		t.Fatalf("wrong sheet: %v", err)
	}
}

func zipOf(t *testing.T, name, body string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create(name)
	w.Write([]byte(body))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
