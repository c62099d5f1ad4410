package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"jiuke/backend/errs"
)

// Hostile files are built here, by hand, small: the readers must refuse each with a message naming
// the limit, or read it, without allocating anything that grows with what the file claims.

// allocated is how many bytes fn allocated in all.
func allocated(fn func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// openAll opens data and reads every row of every sheet, as preview and import do.
func openAll(name string, data []byte) error {
	b, err := Open(name, data)
	if err != nil {
		return err
	}
	defer b.Close()
	for _, s := range b.Sheets {
		rs, err := b.Rows(s)
		if err != nil {
			return err
		}
		for rs.Next() {
		}
		if err := rs.Err(); err != nil {
			return err
		}
		rs.Close()
	}
	return nil
}

// refused checks that opening data fails with an invalid-input message containing want, allocating
// under maxMB in all.
func refused(t *testing.T, name string, data []byte, want string, maxMB uint64) {
	t.Helper()
	var err error
	n := allocated(func() { err = openAll(name, data) })
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.CodeInvalid || !strings.Contains(e.Message, want) {
		t.Fatalf("%s: %v, want a refusal naming %q", name, err, want)
	}
	if n > maxMB<<20 {
		t.Fatalf("%s: allocated %d MB before refusing (limit %d MB)", name, n>>20, maxMB)
	}
}

// withPart rebuilds an .xlsx with one part replaced (or added) by what add writes.
func withPart(t *testing.T, data []byte, name string, add func(z *zip.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := z.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	add(z)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflated writes a part of prefix and then fill n times, compressed, with declared as its claimed
// size (0: the true size). A repeated fill compresses some thousand to one.
func deflated(t *testing.T, z *zip.Writer, name, prefix, fill string, n int, declared uint64) {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, prefix)
	per := max(1, (1<<20)/len(fill))
	chunk := bytes.Repeat([]byte(fill), per)
	for left := n; left > 0; left -= per {
		w.Write(chunk[:min(left, per)*len(fill)])
	}
	fw.Close()
	size := uint64(len(prefix) + n*len(fill))
	if declared == 0 {
		declared = size
	}
	out, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	out.Write(comp.Bytes())
}

func sheetPart(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		rows + `</sheetData></worksheet>`
}

func TestXLSXSparseRowsAndColumnsCostNothing(t *testing.T) {
	header := `<row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row>`
	// The attacker's file: one row numbered 2,000,000,000. Before, a per-row table grew to it.
	far := handXLSX(t, header+`<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>`, nil, false)
	if len(far) > 3000 {
		t.Fatalf("the file is %d bytes, meant to be tiny", len(far))
	}
	refused(t, "far.xlsx", far, "20 万行", 2)
	refused(t, "xfd.xlsx", handXLSX(t, header+`<row r="2"><c r="XFD2"><v>1</v></c></row>`, nil, false), "1000 列", 2)
	refused(t, "zzz.xlsx", handXLSX(t, header+`<row r="2"><c r="`+strings.Repeat("Z", 40)+`2"><v>1</v></c></row>`, nil, false), "1000 列", 2)

	// Empty, styled cells and rows out there (Excel writes them for formatting) are no data: the
	// sheet reads, and rows keep their own numbers.
	ok := handXLSX(t, header+`<row r="5"><c r="A5" t="inlineStr"><is><t>张三</t></is></c><c r="XFD5" s="1"/></row><row r="1048576" s="1"/>`, nil, false)
	var rows [][]string
	n := allocated(func() {
		b, err := Open("ok.xlsx", ok)
		if err != nil {
			t.Fatal(err)
		}
		rows = rowsOf(t, b, "台账")
	})
	if len(rows) != 5 || len(rows[4]) != 1 || rows[4][0] != "张三" || n > 2<<20 {
		t.Fatalf("rows %q, %d bytes allocated", rows, n)
	}
}

func TestXLSXCellAndSharedStringBombs(t *testing.T) {
	long := strings.Repeat("长", MaxCellChars+1)
	refused(t, "inline.xlsx", handXLSX(t, `<row><c t="inlineStr"><is><t>`+long+`</t></is></c></row>`, nil, false), "32767 字", 8)
	refused(t, "value.xlsx", handXLSX(t, `<row><c t="str"><v>`+strings.Repeat("a", 20<<20)+`</v></c></row>`, nil, false), "32767 字", 8)
	refused(t, "shared.xlsx", handXLSX(t, `<row><c t="s"><v>0</v></c></row>`, []string{long}, false), "32767 字", 8)

	// Five million empty shared strings, 25 MB of XML in a file of some 50 KB.
	base := handXLSX(t, `<row><c t="s"><v>0</v></c></row>`, []string{"姓名"}, false)
	many := withPart(t, base, "xl/sharedStrings.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/sharedStrings.xml", `<sst><si><t>姓名</t></si>`, `<si/>`, 5_000_000, 0)
	})
	refused(t, "many.xlsx", many, "400 万条", 40)
}

func TestXLSXZipBombsAreRefusedBeforeTheyInflate(t *testing.T) {
	base := handXLSX(t, `<row><c t="inlineStr"><is><t>姓名</t></is></c></row>`, nil, false)
	// The attacker's styles.xml: 2 GB as its header says. Refused on the header, nothing inflated.
	honest := withPart(t, base, "xl/styles.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/styles.xml", "<styleSheet>", " ", 1<<20, 2<<30)
	})
	refused(t, "styles.xlsx", honest, "xl/styles.xml」超过 16 MB", 2)
	// The same with a header that lies (1 KB) over 64 MB: reading stops at the claim; the styles
	// are then unreadable, which costs only the date formats.
	lying := withPart(t, base, "xl/styles.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/styles.xml", "<styleSheet>", " ", 64<<20, 1024)
	})
	var err error
	if n := allocated(func() { err = openAll("lying.xlsx", lying) }); err != nil || n > 2<<20 {
		t.Fatalf("lying styles: %v, %d MB allocated", err, n>>20)
	}
	// A worksheet is streamed, under a larger cap.
	sheet := withPart(t, base, "xl/worksheets/sheet1.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/worksheets/sheet1.xml", `<worksheet><sheetData>`, " ", 1024, maxSheetXML+1)
	})
	refused(t, "sheet.xlsx", sheet, "sheet1.xml」超过 512 MB", 2)
	// So is a workbook part declared too big.
	wb := withPart(t, base, "xl/workbook.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/workbook.xml", "<workbook>", " ", 1024, 1<<40)
	})
	refused(t, "workbook.xlsx", wb, "workbook.xml」超过 16 MB", 2)
	// A zip directory of twenty thousand entries is refused before it is read.
	crowd := withPart(t, base, "", func(z *zip.Writer) {
		for i := range 20_000 {
			z.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store})
		}
	})
	refused(t, "crowd.xlsx", crowd, "部件过多", 8)
}

func TestCapReaderRefusesPastItsLimit(t *testing.T) {
	limit := errors.New("over")
	for n, want := range map[int]error{10: nil, 11: limit} {
		got, err := io.ReadAll(&capReader{r: bytes.NewReader(make([]byte, n)), n: 10, fail: limit})
		if err != want || (want == nil && len(got) != 10) {
			t.Errorf("%d bytes through a cap of 10: %d, %v", n, len(got), err)
		}
	}
}

func TestCSVOfCommasAndOfAMillionColumns(t *testing.T) {
	// The attacker's files: 20 MB of commas, and a row of a million columns, as UTF-8 and as GBK.
	commas := bytes.Repeat([]byte(","), 20<<20)
	// The text is kept as one string (a copy of the file, or its UTF-8 decoding); nothing more.
	refused(t, "commas.csv", commas, "1000 列", 20+2)
	wide := strings.Repeat("列,", 1_000_000)
	refused(t, "wide.csv", []byte(wide), "1000 列", 4+2)
	refused(t, "wide-gbk.csv", csvGBK(t, wide), "1000 列", 6+2)
	refused(t, "long.csv", []byte("姓名\n\""+strings.Repeat("长", MaxCellChars+1)+"\"\n"), "32767 字", 2)
	refused(t, "rows.csv", bytes.Repeat([]byte("张三\n"), MaxRows+1), "20 万行", 2+2)

	// Within the limits a file of commas reads, a row at a time: 20 MB as 20,000 lines of 999.
	lines := bytes.Repeat(append(bytes.Repeat([]byte(","), 999), '\n'), 20_000)
	b, err := Open("lines.csv", lines)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := b.Rows("CSV")
	if rs.Total() != 20_000 || !rs.Next() || len(rs.Cells()) != 1000 {
		t.Fatalf("total %d, first row %d cells", rs.Total(), len(rs.Cells()))
	}
}

func TestXLSRecordAndStringBombs(t *testing.T) {
	// A cell in the last column of each of 65,536 rows: laid out whole, that was 268 MB of empty
	// strings from a 1.2 MB stream. Now the rows are counted at opening and laid out one at a time.
	var cells []biffCell
	for r := range 65536 {
		cells = append(cells, biffCell{r, 255, "n", 15, "", 1})
	}
	stream := biffWorkbook("表", cells, false)
	var b *Book
	var err error
	if n := allocated(func() { b, err = openXLS(stream) }); err != nil || n > 4<<20 {
		t.Fatalf("open: %v, %d MB allocated", err, n>>20)
	}
	rs, _ := b.Rows("表")
	if rs.Total() != 65536 || !rs.Next() || rs.Num() != 1 || len(rs.Cells()) != 256 || rs.Cells()[255] != "1" {
		t.Fatalf("total %d, row %d, %d cells", rs.Total(), rs.Num(), len(rs.Cells()))
	}

	// A shared-string table claiming four billion strings, and a label over the cell limit.
	claim := biffWorkbook("表", []biffCell{{0, 0, "s", 15, "姓名", 0}}, false)
	at := bytes.Index(claim, []byte{0xFC, 0x00})
	copy(claim[at+4+4:], []byte{0xFF, 0xFF, 0xFF, 0xFF})
	if _, err := openXLS(claim); err == nil || !strings.Contains(errMessage(err), "400 万条") {
		t.Fatalf("sst claim: %v", err)
	}
	long := biffWorkbook("表", []biffCell{{0, 0, "label", 15, strings.Repeat("长", MaxCellChars+1), 0}}, false)
	if _, err := openXLS(long); err == nil || !strings.Contains(errMessage(err), "32767 字") {
		t.Fatalf("long label: %v", err)
	}
}

func TestHTMLTagAndColspanBombs(t *testing.T) {
	refused(t, "tags.xls", []byte("<html><table><tr>"+strings.Repeat("<td>", maxHTMLTags)+"</table>"), "60 万个标记", 8)
	refused(t, "span.xls", []byte("<html><table>"+strings.Repeat(`<tr><td colspan="256">x</td></tr>`, 10_000)+"</table>"), "200 万个单元格", 96)
}
