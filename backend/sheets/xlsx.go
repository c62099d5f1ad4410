package sheets

import (
	"archive/zip"
	"bytes"
	"slices"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
)

// openXLSX opens an .xlsx (or .xlsm, or a renamed one). Cells are read raw (formatted reading costs
// more than the whole import); numbers and dates are rendered here from the cell flags.
func openXLSX(data []byte) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt()
	}
	if !slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == "xl/workbook.xml" }) {
		return nil, errs.Invalid("file", "这是压缩包或其他 Office 文档，不是 Excel 表格")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt()
	}
	meta := readXLSXMeta(zr)
	b := &Book{Format: FormatXLSX, Sheets: f.GetSheetList(), close: f.Close}
	b.rows = func(sheet string) (rowSource, error) {
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, corrupt()
		}
		flags, total, err := scanCells(zr, meta.paths[sheet], meta.dateStyles)
		if err != nil {
			// Without the flags the values are still right; only dates stay serial numbers.
			flags, total = cellFlags{}, 0
		}
		return &xlsxRows{rows: rows, flags: flags, total: total, date1904: meta.date1904}, nil
	}
	if len(b.Sheets) == 0 {
		f.Close()
		return nil, errs.Invalid("file", "文件中没有工作表")
	}
	return b, nil
}

type xlsxRows struct {
	rows     *excelize.Rows
	flags    cellFlags
	total    int
	date1904 bool
	num      int
	cells    []string
	err      error
}

var raw = excelize.Options{RawCellValue: true}

// Next advances one row number at a time: excelize returns an empty row for a number with no <row>.
func (r *xlsxRows) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	r.num++
	cells, err := r.rows.Columns(raw)
	if err != nil {
		r.err = corrupt()
		return false
	}
	for i, v := range cells {
		if v == "" {
			continue
		}
		switch num, date := r.flags.at(r.num, i+1); {
		case date:
			if t, ok := dateText(v, r.date1904); ok {
				cells[i] = t
			}
		case num:
			cells[i] = numberText(v)
		}
	}
	r.cells = cells
	return true
}

func (r *xlsxRows) Num() int        { return r.num }
func (r *xlsxRows) Cells() []string { return r.cells }
func (r *xlsxRows) Total() int      { return r.total }
func (r *xlsxRows) Close() error    { return r.rows.Close() }

func (r *xlsxRows) Err() error {
	if r.err != nil {
		return r.err
	}
	if r.rows.Error() != nil {
		return corrupt()
	}
	return nil
}
