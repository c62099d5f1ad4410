package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"jiuke/backend/errs"
)

// maxZipEntries caps the parts of an .xlsx: the zip directory is read whole (some 200 bytes an
// entry), and a workbook has tens of parts, hundreds with pictures.
const maxZipEntries = 10_000

// openXLSX opens an .xlsx (or .xlsm, or a renamed one). It reads only the parts a ledger needs
// (workbook, relationships, styles, shared strings and the sheets), each through a size cap, and the
// sheets as a stream: nothing is unpacked to disk and nothing is allocated per missing row or
// column. Cells are read raw; numbers and dates are rendered here from the cell's style.
func openXLSX(data []byte) (*Book, error) {
	if bytes.Count(data, []byte("PK\x01\x02")) > maxZipEntries {
		return nil, errs.Invalid("file", "文件中的部件过多，不是普通的 Excel 表格")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt()
	}
	x := &xlsxFile{parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		x.parts[partKey(f.Name)] = f
	}
	if x.parts["xl/workbook.xml"] == nil {
		return nil, errs.Invalid("file", "这是压缩包或其他 Office 文档，不是 Excel 表格")
	}
	if err := x.readWorkbook(); err != nil {
		return nil, err
	}
	if len(x.sheets) == 0 {
		return nil, errs.Invalid("file", "文件中没有工作表")
	}
	if err := x.readStyles(); err != nil {
		return nil, err
	}
	if err := x.readStrings(); err != nil {
		return nil, err
	}
	// One pass over every sheet now: a sheet beyond the limits is refused when the file is opened,
	// before any preview or import, and the pass gives each sheet's row count for progress.
	totals := map[string]int{}
	names := make([]string, len(x.sheets))
	for i, s := range x.sheets {
		names[i] = s.name
		if _, ok := totals[s.name]; ok {
			continue
		}
		sc, err := x.scan(s, false)
		if err != nil {
			if isLimit(err) {
				return nil, err
			}
			totals[s.name] = -1 // unreadable: said so when the sheet is chosen
			continue
		}
		for sc.next() {
		}
		sc.close()
		if err := sc.err; err != nil {
			if isLimit(err) {
				return nil, err
			}
			totals[s.name] = -1
			continue
		}
		totals[s.name] = sc.last
	}
	b := &Book{Format: FormatXLSX, Sheets: names}
	b.rows = func(sheet string) (rowSource, error) {
		for _, s := range x.sheets {
			if s.name == sheet {
				if totals[sheet] < 0 {
					return nil, corrupt()
				}
				sc, err := x.scan(s, true)
				if err != nil {
					return nil, err
				}
				return &xlsxRows{sc: sc, total: totals[sheet]}, nil
			}
		}
		return nil, errs.Invalid("sheet", "没有该工作表")
	}
	return b, nil
}

// xlsxFile is an opened .xlsx: its parts by name, and what the workbook and style parts say.
type xlsxFile struct {
	parts      map[string]*zip.File // by partKey
	sheets     []xlsxSheet
	dateStyles []bool // cellXfs index → its number format shows a date
	date1904   bool
	strings    strTable
}

type xlsxSheet struct {
	name string
	part string
}

// partKey is how a part is looked up: writers differ in case and in the slash they use.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// open opens a part through a cap of limit bytes: the declared size is checked first, and a limited
// reader enforces it, since a zip header can lie.
func (x *xlsxFile) open(name string, limit int64) (io.ReadCloser, error) {
	f := x.parts[partKey(name)]
	if f == nil {
		return nil, errMissingPart
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, partTooBig(name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt()
	}
	return struct {
		io.Reader
		io.Closer
	}{&capReader{r: rc, n: limit, fail: partTooBig(name, limit)}, rc}, nil
}

var errMissingPart = errors.New("missing part")

// decodePart reads a small part into v. A part over its cap is refused; a missing or malformed
// one is errMissingPart or a corrupt-file error for the caller to weigh.
func (x *xlsxFile) decodePart(name string, v any) error {
	rc, err := x.open(name, maxSmallXML)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

func (x *xlsxFile) readWorkbook() error {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := x.decodePart("xl/workbook.xml", &wb); err != nil {
		return orCorrupt(err)
	}
	if err := x.decodePart("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return orCorrupt(err)
	}
	x.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = path.Clean(strings.TrimPrefix(r.Target, "/"))
		} else {
			targets[r.ID] = path.Clean("xl/" + r.Target)
		}
	}
	for _, s := range wb.Sheets {
		sh := xlsxSheet{name: s.Name}
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
				sh.part = targets[a.Value]
			}
		}
		x.sheets = append(x.sheets, sh)
	}
	return nil
}

// orCorrupt keeps a refusal for a limit and calls anything else a damaged file.
func orCorrupt(err error) error {
	if isLimit(err) {
		return err
	}
	return corrupt()
}

// readStyles learns which cell styles show dates. A missing or unreadable styles part only means no
// dates are recognised; one over its cap is refused.
func (x *xlsxFile) readStyles() error {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := x.decodePart("xl/styles.xml", &st); err != nil {
		if isLimit(err) {
			return err
		}
		return nil
	}
	codes := map[int]string{}
	for _, f := range st.NumFmts {
		codes[f.ID] = f.Code
	}
	for _, xf := range st.Xfs {
		x.dateStyles = append(x.dateStyles, isDateFormat(xf.NumFmtID, codes[xf.NumFmtID]))
	}
	return nil
}

// xlsxRows serves a sheet's rows that hold a value, in file order, with their own row numbers.
type xlsxRows struct {
	sc    *sheetScan
	total int
}

func (r *xlsxRows) Next() bool      { return r.sc.next() }
func (r *xlsxRows) Num() int        { return r.sc.num }
func (r *xlsxRows) Cells() []string { return r.sc.cells }
func (r *xlsxRows) Total() int      { return r.total }
func (r *xlsxRows) Err() error      { return r.sc.err }
func (r *xlsxRows) Close() error    { return r.sc.close() }
