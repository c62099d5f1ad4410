package web_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"jiuke/backend/sheets"
)

// Resident memory stays under 300 MB for any upload within the size limit. Each file goes, in a
// child process of its own, through the real HTTP handler: upload, then (when it opens) preview and
// dry run; the child reports its peak resident size (VmHWM), the hostile files their refusal. The
// legitimate CSV is the largest allowed: just under 30 MB and 200,000 rows (about 275 MB at peak,
// most of it the dry run's own bookkeeping of 200,000 customers).
const maxResidentMB = 300

func TestPeakMemoryOfHostileAndLargeUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and imports files of tens of MB")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc to read the peak resident size")
	}
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	wide := strings.Repeat("列,", 1_000_000)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(wide)
	legitCSV := filepath.Join(dir, "ledger.csv")
	writeLedgerCSV(t, legitCSV, sheets.MaxFileSize-4096, sheets.MaxRows-1)
	cases := []struct{ name, path, want string }{
		{"far-row.xlsx", file("far-row.xlsx", tinyXLSX(t, `<row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row><row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>`, nil)), "20 万行"},
		{"styles-bomb.xlsx", file("styles-bomb.xlsx", tinyXLSX(t, `<row><c t="inlineStr"><is><t>姓名</t></is></c></row>`, map[string]bomb{"xl/styles.xml": {"<styleSheet>", " ", 64 << 20, 2 << 30}})), "16 MB"},
		{"styles-lie.xlsx", file("styles-lie.xlsx", tinyXLSX(t, `<row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>手机</t></is></c></row>`, map[string]bomb{"xl/styles.xml": {"<styleSheet>", " ", 256 << 20, 1024}})), ""},
		{"strings-bomb.xlsx", file("strings-bomb.xlsx", tinyXLSX(t, `<row><c t="s"><v>0</v></c></row>`, map[string]bomb{"xl/sharedStrings.xml": {"<sst><si><t>姓名</t></si>", "<si/>", 5_000_000, 0}})), "400 万条"},
		{"commas.csv", file("commas.csv", bytes.Repeat([]byte(","), 20<<20)), "1000 列"},
		{"million-columns.csv", file("million-columns.csv", []byte(wide)), "1000 列"},
		{"million-columns-gbk.csv", file("million-columns-gbk.csv", []byte(gbk)), "1000 列"},
		{"ledger.csv", legitCSV, ""},
		{"ledger.xlsx", file("ledger.xlsx", ledgerXLSX(t, 50_000)), ""},
	}
	only := os.Getenv("JIUKE_MEMORY_ONLY") // one case, when looking into it
	for _, c := range cases {
		if only != "" && c.name != only {
			continue
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryChild$", "-test.count=1")
		cmd.Env = append(cleanEnv(), "JIUKE_MEMORY_CHILD="+c.path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: child failed: %v\n%s", c.name, err, out)
		}
		got := map[string]string{}
		for _, line := range strings.Split(string(out), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(k, "child.") {
				got[strings.TrimPrefix(k, "child.")] = v
			}
		}
		kb, _ := strconv.Atoi(got["vmhwm"])
		t.Logf("%-24s peak %4d MB  %s", c.name, kb>>10, got["outcome"])
		switch {
		case kb == 0:
			t.Fatalf("%s: no peak reported:\n%s", c.name, out)
		case c.want != "" && !strings.Contains(got["outcome"], c.want):
			t.Errorf("%s: %s, want a refusal naming %q", c.name, got["outcome"], c.want)
		case c.want == "" && !strings.HasPrefix(got["outcome"], "dry run read "):
			t.Errorf("%s: %s, want a dry run", c.name, got["outcome"])
		}
		if kb>>10 >= maxResidentMB {
			t.Errorf("%s: peak resident %d MB, over %d MB", c.name, kb>>10, maxResidentMB)
		}
	}
}

// cleanEnv is the environment without settings that would make the child's garbage collector
// behave other than the server's.
func cleanEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOGC=") && !strings.HasPrefix(e, "GOMEMLIMIT=") {
			env = append(env, e)
		}
	}
	return env
}

// TestMemoryChild is the child of TestPeakMemoryOfHostileAndLargeUploads.
func TestMemoryChild(t *testing.T) {
	path := os.Getenv("JIUKE_MEMORY_CHILD")
	if path == "" {
		t.Skip("run by TestPeakMemoryOfHostileAndLargeUploads")
	}
	b := newShop(t).owner()
	status, body := b.upload(filepath.Base(path), path)
	outcome := fmt.Sprintf("refused %d %v", status, body["message"])
	if status == http.StatusOK {
		id := body["fileId"]
		sheet := body["selected"]
		b.must("Sheets/Preview", map[string]any{"fileId": id, "sheet": sheet, "columns": nil, "rows": 200})
		sum := b.must("Sheets/DryRun", map[string]any{"jobId": "mem", "fileId": id, "sheet": sheet, "columns": nil, "onDuplicate": "skip"})
		outcome = fmt.Sprintf("dry run read %v rows", sum["read"])
	}
	status2, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status2), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Printf("\nchild.vmhwm=%s\n", strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
	fmt.Printf("child.outcome=%s\n", outcome)
}

// bomb is a part made of prefix and fill repeated n times, compressed, declaring size declared
// (0: its true size).
type bomb struct {
	prefix, fill string
	n            int
	declared     uint64
}

// tinyXLSX is a one-sheet workbook with its sheet data and any parts replaced by bombs.
func tinyXLSX(t *testing.T, sheetData string, bombs map[string]bomb) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/styles.xml":              `<styleSheet><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>`,
		"xl/sharedStrings.xml":       `<sst></sst>`,
		"xl/worksheets/sheet1.xml":   `<worksheet><sheetData>` + sheetData + `</sheetData></worksheet>`,
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range parts {
		if bm, ok := bombs[name]; ok {
			writeBomb(t, z, name, bm)
			continue
		}
		w, _ := z.Create(name)
		io.WriteString(w, body)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeBomb(t *testing.T, z *zip.Writer, name string, bm bomb) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, bm.prefix)
	per := max(1, (1<<20)/len(bm.fill))
	chunk := bytes.Repeat([]byte(bm.fill), per)
	for left := bm.n; left > 0; left -= per {
		w.Write(chunk[:min(left, per)*len(bm.fill)])
	}
	fw.Close()
	size := uint64(len(bm.prefix) + bm.n*len(bm.fill))
	if bm.declared == 0 {
		bm.declared = size
	}
	out, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: bm.declared})
	if err != nil {
		t.Fatal(err)
	}
	out.Write(comp.Bytes())
}

// ledgerXLSX is a legitimate ledger of rows customers, as Excel writes one (shared strings, styles).
func ledgerXLSX(t *testing.T, rows int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"姓名", "手机", "生日", "地址", "积分", "备注"})
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("客户%d", i), 13800000000 + i, "1985-03-12", fmt.Sprintf("四川省成都市锦江区春熙路%d号", i), i % 5000, "老客户，爱喝酱香型"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
