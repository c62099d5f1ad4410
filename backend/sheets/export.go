package sheets

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// How a column's values are written.
const (
	// KindText is written as text with the text format, so phones and card numbers never turn into
	// 1.38E+10 and keep their leading zeros when edited.
	KindText = iota
	KindInt
	KindMoney // fen, written as yuan with a ¥ format
	KindDate  // "YYYY-MM-DD" or an RFC 3339 time, written as a real date; any other text stays text
)

// ExportColumn is one column of an exported sheet.
type ExportColumn struct {
	Header string
	Width  float64
	Kind   int
}

// workbook writes sheets with StreamWriter, row by row, so a large export never sits in memory.
type workbook struct {
	f                                  *excelize.File
	header, text, money, date, integer int
	sheets                             int
}

func newWorkbook() (*workbook, error) {
	wb := &workbook{f: excelize.NewFile()}
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&wb.header, excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"8C2A2A"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: "5E1A1A", Style: 1}}}},
		{&wb.text, excelize.Style{NumFmt: 49}},
		{&wb.money, excelize.Style{CustomNumFmt: ptr(`"¥"#,##0.00`)}},
		{&wb.date, excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")}},
		{&wb.integer, excelize.Style{NumFmt: 1}},
	}
	for _, s := range styles {
		id, err := wb.f.NewStyle(&s.s)
		if err != nil {
			wb.f.Close()
			return nil, errs.Internal("export style", err)
		}
		*s.id = id
	}
	return wb, nil
}

func ptr[T any](v T) *T { return &v }

// table writes one sheet: a styled, frozen header with an autofilter, then the rows fill adds.
func (wb *workbook) table(sheet string, cols []ExportColumn, fill func(add func(values ...any) error) error) (int, error) {
	wb.sheets++
	if wb.sheets == 1 {
		if err := wb.f.SetSheetName("Sheet1", sheet); err != nil {
			return 0, errs.Internal("name sheet", err)
		}
	} else if _, err := wb.f.NewSheet(sheet); err != nil {
		return 0, errs.Internal("add sheet", err)
	}
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return 0, errs.Internal("stream writer", err)
	}
	// Widths go before the first row: StreamWriter refuses them afterwards. Each call puts its column
	// first in <cols>, and Excel wants them in order, so they are set last column first.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].Width); err != nil {
			return 0, errs.Internal("column width", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, errs.Internal("freeze header", err)
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: wb.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return 0, errs.Internal("export header", err)
	}
	n := 0
	row := make([]any, len(cols))
	add := func(values ...any) error {
		for i, c := range cols {
			var v any
			if i < len(values) {
				v = values[i]
			}
			row[i] = wb.cell(c.Kind, v)
		}
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, row); err != nil {
			return errs.Internal("export row", err)
		}
		return nil
	}
	if err := fill(add); err != nil {
		return n, err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), n+1)
	// The autofilter goes into the sheet StreamWriter is still writing: it emits it on Flush.
	if err := wb.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return n, errs.Internal("autofilter", err)
	}
	if err := sw.Flush(); err != nil {
		return n, errs.Internal("flush export", err)
	}
	return n, nil
}

func (wb *workbook) cell(kind int, v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if kind == KindDate {
			if t, ok := asDate(v); ok {
				return excelize.Cell{StyleID: wb.date, Value: t}
			}
		}
		if v == "" {
			return nil
		}
		return excelize.Cell{StyleID: wb.text, Value: v}
	case int64:
		if kind == KindMoney {
			return excelize.Cell{StyleID: wb.money, Value: float64(v) / 100}
		}
		return excelize.Cell{StyleID: wb.integer, Value: v}
	}
	return excelize.Cell{Value: fmt.Sprint(v)}
}

// asDate reads a stored date (YYYY-MM-DD) or time (RFC 3339 UTC, shown as the shop's local date).
// Dates are built in UTC: excelize shifts by the zone's offset, and a date has no time of day.
func asDate(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		s = t.In(store.Shop).Format(time.DateOnly)
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func (wb *workbook) write(w io.Writer) error {
	defer wb.f.Close()
	if err := wb.f.Write(w); err != nil {
		return errs.Internal("write workbook", err)
	}
	return nil
}

// ExportName is the file name an export suggests: 客户-20261123.xlsx.
func ExportName(kind string) string {
	return fmt.Sprintf("%s-%s.xlsx", strings.TrimSpace(kind), time.Now().In(store.Shop).Format("20060102-1504"))
}
