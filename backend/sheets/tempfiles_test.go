package sheets

import (
	"archive/zip"
	"os"
	"strings"
	"testing"
)

// An import writes no temporary files: the .xlsx reader streams its parts from the upload in memory.
// Before, excelize unpacked any sheet over 16 MB into the system temp folder (excelize-*), where a
// killed import left it. The temp folder here is a fresh one, checked at every step.
func TestReadingALargeXLSXWritesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	empty := func(step string) {
		t.Helper()
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Fatalf("%s: %d files in the temp folder, first %s", step, len(entries), entries[0].Name())
		}
	}
	row := `<row><c t="inlineStr"><is><t>张三</t></is></c><c><v>13800138000</v></c><c t="inlineStr"><is><t>四川省成都市锦江区春熙路一号院</t></is></c></row>`
	base := handXLSX(t, `<row><c t="inlineStr"><is><t>姓名</t></is></c></row>`, nil, false)
	data := withPart(t, base, "xl/worksheets/sheet1.xml", func(z *zip.Writer) {
		deflated(t, z, "xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>手机</t></is></c><c t="inlineStr"><is><t>地址</t></is></c></row>`,
			row+strings.Repeat(" ", 40), 150_000, 0)
	})
	b, err := Open("big.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	empty("opened")
	rs, err := b.Rows("台账")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000 && rs.Next(); i++ {
	}
	empty("reading")
	rs.Close() // as a cancelled import stops reading
	rows := rowsOf(t, b, "台账")
	if len(rows) != 150_001 || rows[150_000][1] != "13800138000" {
		t.Fatalf("%d rows, last %q", len(rows), rows[len(rows)-1])
	}
	empty("read through")
	b.Close()
	empty("closed")
}
