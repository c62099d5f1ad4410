// Package workbook is Jiuke's one Excel writer: every .xlsx a user takes away (list exports, reports,
// the import template and error report, the printable event sheets) is written here, so styles,
// text-safe phone cells and the declared used range are right everywhere. It knows nothing of the
// domains, so both sheets and events can use it without an import cycle.
package workbook

import (
	"io"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
)

// Book is a workbook being written; sheets are added in order, then Write sends it.
type Book struct {
	f          *excelize.File
	sheets     int
	styles     map[string]int
	printables []*Printable
	closed     bool
}

// New starts an empty workbook.
func New() *Book {
	return &Book{f: excelize.NewFile(), styles: map[string]int{}}
}

// style registers s once under name and returns its id.
func (b *Book) style(name string, s excelize.Style) (int, error) {
	if id, ok := b.styles[name]; ok {
		return id, nil
	}
	id, err := b.f.NewStyle(&s)
	if err != nil {
		return 0, errs.Internal("export style", err)
	}
	b.styles[name] = id
	return id, nil
}

// addSheet names the first sheet (the file starts with Sheet1) or adds the next one.
func (b *Book) addSheet(name string) error {
	b.sheets++
	if b.sheets == 1 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return errs.Internal("name sheet", err)
		}
		return nil
	}
	if _, err := b.f.NewSheet(name); err != nil {
		return errs.Internal("add sheet", err)
	}
	return nil
}

// dimension declares the sheet's used range, A1 to the last column and row. Readers that trust it
// (openpyxl read-only, some BI tools) otherwise see a single cell.
func (b *Book) dimension(sheet string, cols, rows int) error {
	last, err := excelize.CoordinatesToCellName(max(cols, 1), max(rows, 1))
	if err != nil {
		return errs.Internal("sheet range", err)
	}
	if err := b.f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return errs.Internal("sheet range", err)
	}
	return nil
}

// Write sends the workbook and releases it.
func (b *Book) Write(w io.Writer) error {
	defer b.Close()
	for _, p := range b.printables {
		if err := b.dimension(p.sheet, p.cols, p.rows); err != nil {
			return err
		}
	}
	if err := b.f.Write(w); err != nil {
		return errs.Internal("write workbook", err)
	}
	return nil
}

// Close releases a workbook that will not be written (an export that failed half-way); after Write
// it does nothing, so a deferred Close is always safe.
func (b *Book) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	return b.f.Close()
}
