package sheets

import (
	"fmt"
	"io"
	"strings"
	"time"

	"jiuke/backend/sheets/workbook"
	"jiuke/backend/store"
)

// How a column's values are written (see workbook, the one Excel writer).
const (
	KindText  = workbook.KindText
	KindInt   = workbook.KindInt
	KindMoney = workbook.KindMoney
	KindDate  = workbook.KindDate
)

// ExportColumn is one column of an exported sheet (a workbook.Column, kept as this package's own
// type so the column lists here can stay short unkeyed literals).
type ExportColumn struct {
	Header string
	Width  float64
	Kind   int
}

// table is one list sheet: its name, columns, and the rows fill adds.
type table struct {
	sheet string
	cols  []ExportColumn
	fill  func(add func(values ...any) error) error
}

// writeBook writes the tables as one workbook and returns the data rows written.
func writeBook(w io.Writer, tables ...table) (int, error) {
	wb := workbook.New()
	total := 0
	for _, t := range tables {
		cols := make([]workbook.Column, len(t.cols))
		for i, c := range t.cols {
			cols[i] = workbook.Column(c)
		}
		n, err := wb.Table(t.sheet, cols, t.fill)
		total += n
		if err != nil {
			wb.Close()
			return total, err
		}
	}
	return total, wb.Write(w)
}

// writeCounted writes one table whose row count is known before its first row (see workbook.Stream).
func writeCounted(w io.Writer, t table, rows int) (int, error) {
	wb := workbook.New()
	cols := make([]workbook.Column, len(t.cols))
	for i, c := range t.cols {
		cols[i] = workbook.Column(c)
	}
	n, err := wb.Stream(t.sheet, cols, rows, t.fill)
	if err != nil {
		wb.Close()
		return n, err
	}
	return n, wb.Write(w)
}

// ExportName is the file name an export suggests: 客户-20261123.xlsx.
func ExportName(kind string) string {
	return fmt.Sprintf("%s-%s.xlsx", strings.TrimSpace(kind), time.Now().In(store.Shop).Format("20060102-1504"))
}
