package sheets

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

// sheetXML is the part of a worksheet the export promises, parsed without excelize.
type sheetXML struct {
	Pane struct {
		State  string `xml:"state,attr"`
		YSplit string `xml:"ySplit,attr"`
	} `xml:"sheetViews>sheetView>pane"`
	Cols []struct {
		Min   int     `xml:"min,attr"`
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	AutoFilter struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R  string `xml:"r,attr"`
			T  string `xml:"t,attr"`
			S  int    `xml:"s,attr"`
			V  string `xml:"v"`
			IS string `xml:"is>t"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

func unzipPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("no %s in the file", name)
	return nil
}

func TestCustomerExportIsAUsableSpreadsheet(t *testing.T) {
	db := storetest.Open(t)
	mustImport(t, db, messyLedger(t), Request{})
	var buf bytes.Buffer
	n, err := WriteCustomers(ctx, db.R, &buf, customers.ListQuery{})
	if err != nil || n != 7 {
		t.Fatalf("%d rows, %v", n, err)
	}
	data := buf.Bytes()

	// Read back by excelize.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.GetSheetList()[0] != "客户" {
		t.Fatalf("sheets %v", f.GetSheetList())
	}
	if typ, _ := f.GetCellType("客户", "B2"); typ != excelize.CellTypeInlineString {
		t.Fatalf("phone cell type %v", typ)
	}
	if v, _ := f.GetCellValue("客户", "B2"); v != "13800138000" {
		t.Fatalf("phone %q", v)
	}
	if v, _ := f.GetCellValue("客户", "E2"); v != "1985-03-12" {
		t.Fatalf("birthday shows as %q", v)
	}
	if v, _ := f.GetCellValue("客户", "O2"); v != "¥2,360.00" {
		t.Fatalf("money shows as %q", v)
	}
	if names := f.GetDefinedName(); len(names) != 1 || names[0].Name != "_xlnm._FilterDatabase" {
		t.Fatalf("defined names %+v", names)
	}

	// Read back independently: the sheet XML itself.
	var ws sheetXML
	if err := xml.Unmarshal(unzipPart(t, data, "xl/worksheets/sheet1.xml"), &ws); err != nil {
		t.Fatal(err)
	}
	if ws.Pane.State != "frozen" || ws.Pane.YSplit != "1" {
		t.Fatalf("pane %+v", ws.Pane)
	}
	if len(ws.Cols) != len(customerColumns) || ws.Cols[0].Min != 1 || ws.Cols[6].Width != 30 {
		t.Fatalf("cols %+v", ws.Cols)
	}
	if strings.ReplaceAll(ws.AutoFilter.Ref, "$", "") != "A1:U8" { // excelize writes it absolute, as Excel accepts

		t.Fatalf("autofilter %q", ws.AutoFilter.Ref)
	}
	type xc = struct {
		R  string `xml:"r,attr"`
		T  string `xml:"t,attr"`
		S  int    `xml:"s,attr"`
		V  string `xml:"v"`
		IS string `xml:"is>t"`
	}
	byRef := map[string]xc{}
	for _, r := range ws.Rows {
		for _, c := range r.Cells {
			byRef[c.R] = c
		}
	}
	if h := byRef["A1"]; h.IS != "姓名" || h.S == 0 {
		t.Fatalf("header cell %+v", h)
	}
	if c := byRef["B2"]; c.T != "inlineStr" || c.IS != "13800138000" {
		t.Fatalf("phone cell %+v", c)
	}
	if c := byRef["E2"]; c.T != "" || c.V != "31118" || c.S == 0 {
		t.Fatalf("birthday cell %+v (want the serial of 1985-03-12, date-styled)", c)
	}
	if c := byRef["O2"]; c.T != "" || c.V != "2360" || c.S == 0 {
		t.Fatalf("money cell %+v", c)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	xml.Unmarshal(unzipPart(t, data, "xl/workbook.xml"), &wb)
	if wb.Sheets[0].Name != "客户" {
		t.Fatalf("workbook sheets %+v", wb.Sheets)
	}

	// An export imports back into an empty archive as the same customers.
	b, err := Open("客户.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	db2 := storetest.Open(t)
	if s := mustImport(t, db2, b, Request{}); s.Created != 7 || s.Failed != 0 {
		t.Fatalf("re-import of the export: %+v", s)
	}
	if c := customerBy(t, db2, "13700137000"); c.Birthday.Calendar != "lunar" || c.Birthday.Month != 3 {
		t.Fatalf("lunar birthday round trip: %+v", c.Birthday)
	}
}

func TestOtherListsExportAndAreLogged(t *testing.T) {
	db := storetest.Open(t)
	mustImport(t, db, messyLedger(t), Request{})
	// A sale made through a group names the group in the purchase export.
	if _, err := db.W.ExecContext(ctx, `INSERT INTO communities (id, name, created_on, created_at, updated_at) VALUES (7, '茅台品鉴群', '', '', '')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.ExecContext(ctx, `UPDATE purchases SET community_id = 7 WHERE id = (SELECT MIN(id) FROM purchases)`); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) (int, error)
		rows  int
		cells []string
	}{
		{ExportMembers, func(b *bytes.Buffer) (int, error) { return WriteMembers(ctx, db.R, b) }, 3, []string{"金卡"}},
		{ExportPoints, func(b *bytes.Buffer) (int, error) { return WritePoints(ctx, db.R, b) }, 2, []string{"期初积分"}},
		{ExportPurchases, func(b *bytes.Buffer) (int, error) { return WritePurchases(ctx, db.R, b, "2024-01-01", "") }, 2, []string{"五粮液", "社群", "茅台品鉴群"}},
	} {
		var buf bytes.Buffer
		n, err := c.write(&buf)
		if err != nil || n != c.rows {
			t.Fatalf("%s: %d rows, %v", c.name, n, err)
		}
		for _, cell := range c.cells {
			if !strings.Contains(string(unzipAll(t, buf.Bytes())), cell) {
				t.Fatalf("%s lacks %q", c.name, cell)
			}
		}
		if err := db.WithTx(ctx, func(tx *sql.Tx) error { return LogExport(ctx, tx, c.name, n, ExportName(c.name), 0) }); err != nil {
			t.Fatal(err)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM export_log`); n != 3 {
		t.Fatalf("%d exports logged", n)
	}
}

func unzipAll(t *testing.T, data []byte) []byte {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		all = append(all, b...)
	}
	return all
}
