package workbook

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
)

// Style names a cell style of a printable sheet.
type Style int

const (
	Title Style = iota // the big first line
	Sub                // the lines under it
	Head               // a table's header row
	Cell               // a bordered table cell
	Text               // a bordered cell kept as text (phones, card numbers)
	Block              // a bold line opening a block (a table's name)
)

// Printable is a small formatted sheet for paper: title rows, bordered tables, A4 fitted to the page
// width, the header row repeated on every printed page. Cells are set one by one (these sheets are a
// few hundred rows at most); the used range is tracked and declared when the book is written.
type Printable struct {
	b          *Book
	sheet      string
	styles     map[Style]int
	rows, cols int
}

var printableStyles = func() map[Style]excelize.Style {
	grid := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	mid := &excelize.Alignment{Vertical: "center", WrapText: true}
	return map[Style]excelize.Style{
		Title: {Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		Sub:   {Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		Head: {Font: &excelize.Font{Bold: true}, Border: grid, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2E6E6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		Cell: {Border: grid, Alignment: mid},
		// Text format: phones and card numbers stay text, leading zeros and all.
		Text:  {Border: grid, Alignment: mid, NumFmt: 49},
		Block: {Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Vertical: "center"}},
	}
}()

// Printable adds a printable sheet.
func (b *Book) Printable(sheet string) (*Printable, error) {
	if err := b.addSheet(sheet); err != nil {
		return nil, err
	}
	p := &Printable{b: b, sheet: sheet, styles: map[Style]int{}}
	for k, s := range printableStyles {
		id, err := b.style(fmt.Sprintf("print.%d", k), s)
		if err != nil {
			return nil, err
		}
		p.styles[k] = id
	}
	b.printables = append(b.printables, p)
	return p, nil
}

func (p *Printable) used(col, row int) {
	p.cols, p.rows = max(p.cols, col), max(p.rows, row)
}

// Titles writes the merged title lines above a table of cols columns.
func (p *Printable) Titles(cols int, lines ...string) error {
	last, _ := excelize.ColumnNumberToName(cols)
	for i, l := range lines {
		r := strconv.Itoa(i + 1)
		style, h := Sub, 20.0
		if i == 0 {
			style, h = Title, 30
		}
		if err := p.b.f.MergeCell(p.sheet, "A"+r, last+r); err != nil {
			return errs.Internal("merge title", err)
		}
		p.b.f.SetCellValue(p.sheet, "A"+r, l)
		p.b.f.SetCellStyle(p.sheet, "A"+r, last+r, p.styles[style])
		p.b.f.SetRowHeight(p.sheet, i+1, h)
		p.used(cols, i+1)
	}
	return nil
}

// Row writes values from column A of row r; in a Cell row, the columns text names (by index) are
// kept as text.
func (p *Printable) Row(r int, style Style, text map[int]bool, values ...any) {
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		p.b.f.SetCellValue(p.sheet, cell, v)
		s := style
		if style == Cell && text[i] {
			s = Text
		}
		p.b.f.SetCellStyle(p.sheet, cell, cell, p.styles[s])
	}
	p.used(len(values), r)
}

// Height sets a row's height in points.
func (p *Printable) Height(r int, h float64) { p.b.f.SetRowHeight(p.sheet, r, h) }

// Widths sets the columns' widths from A.
func (p *Printable) Widths(ws ...float64) {
	for i, w := range ws {
		c, _ := excelize.ColumnNumberToName(i + 1)
		p.b.f.SetColWidth(p.sheet, c, c, w)
	}
}

// FreezeAbove keeps the rows above row r on screen while scrolling.
func (p *Printable) FreezeAbove(r int) error {
	top, _ := excelize.CoordinatesToCellName(1, r)
	if err := p.b.f.SetPanes(p.sheet, &excelize.Panes{Freeze: true, YSplit: r - 1, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return errs.Internal("freeze header", err)
	}
	return nil
}

// Print sets A4 (landscape or portrait), one page wide, page numbers, and the header row (if any)
// repeated on every page.
func (p *Printable) Print(headerRow int, landscape bool) error {
	a4, orient, one, tall := 9, "portrait", 1, 0
	if landscape {
		orient = "landscape"
	}
	if err := p.b.f.SetPageLayout(p.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return errs.Internal("page layout", err)
	}
	fit := true
	if err := p.b.f.SetSheetProps(p.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return errs.Internal("fit to page", err)
	}
	if err := p.b.f.SetHeaderFooter(p.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return errs.Internal("footer", err)
	}
	if headerRow > 0 {
		r := strconv.Itoa(headerRow)
		if err := p.b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%s:$%s", p.sheet, r, r), Scope: p.sheet}); err != nil {
			return errs.Internal("print titles", err)
		}
	}
	return nil
}
