package sheets

import (
	"context"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/store"
)

// SheetInfo is one sheet of an opened file.
type SheetInfo struct {
	Name      string `json:"name"`
	Rows      int    `json:"rows"`      // rows in the sheet, header and titles included
	HeaderRow int    `json:"headerRow"` // 0 when no header was found
	Problem   string `json:"problem"`   // why the sheet cannot be imported, if it cannot
}

// FileInfo describes an opened file: its sheets, and the one to preselect (the first with data).
type FileInfo struct {
	Name     string      `json:"name"`
	Format   string      `json:"format"`
	Sheets   []SheetInfo `json:"sheets"`
	Selected string      `json:"selected"`
}

// Inspect looks at every sheet's top rows for a header.
func Inspect(ctx context.Context, q store.Querier, b *Book) (info FileInfo, err error) {
	defer recoverCorrupt(&err)
	remembered, err := rememberedMappings(ctx, q)
	if err != nil {
		return FileInfo{}, err
	}
	info = FileInfo{Name: b.Name, Format: b.Format, Sheets: []SheetInfo{}}
	for _, name := range b.Sheets {
		si := SheetInfo{Name: name}
		sr, err := openSheet(b, name, remembered)
		if err != nil {
			si.Problem = errMessage(err)
		} else {
			si.HeaderRow, si.Rows = sr.headerRow, sr.rs.Total()
			sr.Close()
			if info.Selected == "" {
				info.Selected = name
			}
		}
		info.Sheets = append(info.Sheets, si)
	}
	if info.Selected == "" {
		return info, errs.Invalid("file", "文件中没有可导入的工作表："+info.Sheets[0].Problem)
	}
	return info, nil
}

// PreviewCell is one cell as read and as understood.
type PreviewCell struct {
	Raw     string `json:"raw"`
	Value   string `json:"value"`
	Warning string `json:"warning"`
	Error   string `json:"error"`
}

// PreviewRow is one row of the sheet below the header.
type PreviewRow struct {
	Row     int           `json:"row"`
	Kind    string        `json:"kind"` // "data" or "subtotal" (skipped)
	Cells   []PreviewCell `json:"cells"`
	Problem string        `json:"problem"` // the row's failure or row-level warnings
}

// Preview shows the first rows with the mapping applied, before anything is written.
type Preview struct {
	Sheet     string       `json:"sheet"`
	HeaderRow int          `json:"headerRow"`
	Titles    []string     `json:"titles"` // rows above the header, not imported
	Columns   []Column     `json:"columns"`
	Rows      []PreviewRow `json:"rows"`
	Total     int          `json:"total"` // data rows the import will read (as its summary counts them)
	// MappingProblem is why the import would refuse this mapping (no name column, a field twice).
	MappingProblem string `json:"mappingProblem"`
}

// PreviewSheet reads the header and the first limit rows of a sheet with cols (nil: as guessed).
func PreviewSheet(ctx context.Context, q store.Querier, b *Book, sheet string, cols []Column, limit int) (_ Preview, err error) {
	defer recoverCorrupt(&err)
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	remembered, err := rememberedMappings(ctx, q)
	if err != nil {
		return Preview{}, err
	}
	sr, err := openSheet(b, sheet, remembered)
	if err != nil {
		return Preview{}, err
	}
	defer sr.Close()
	if cols == nil {
		cols = guessColumns(sr.header, remembered)
	}
	levels, err := members.Levels(ctx, q)
	if err != nil {
		return Preview{}, err
	}
	pv := Preview{Sheet: sheet, HeaderRow: sr.headerRow, Titles: sr.titles, Columns: cols, Rows: []PreviewRow{}}
	if err := checkColumns(cols); err != nil {
		pv.MappingProblem = errMessage(err)
	}
	p := newParser(cols, levels, time.Now().In(store.Shop))
	if p.cards, err = members.NewCardChecker(ctx, q); err != nil {
		return Preview{}, err
	}
	if p.walletCap, err = openingCap(ctx, q); err != nil {
		return Preview{}, err
	}
	width := len(sr.header)
	for _, c := range cols {
		width = max(width, c.Index+1)
	}
	// Every row below the header is looked at, so Total counts the rows the import will read (what
	// its summary calls 共读取): not the title rows, blank lines, repeated headers, example rows or
	// 合计 footers. Only the first limit rows are parsed for display.
	for {
		num, cells, ok := sr.next()
		if !ok {
			break
		}
		subtotal := isSubtotal(cells)
		if !subtotal && (p.blank(cells) || isHeaderAgain(cells, sr.header) || isExample(cells)) {
			continue
		}
		if !subtotal {
			pv.Total++
		}
		if len(pv.Rows) >= limit {
			continue
		}
		pv.Rows = append(pv.Rows, previewRow(p, num, cells, width, subtotal))
	}
	return pv, sr.rs.Err()
}

// previewRow is one row below the header, with what the import would make of each cell.
func previewRow(p *parser, num int, cells []string, width int, subtotal bool) PreviewRow {
	row := PreviewRow{Row: num, Kind: "data", Cells: make([]PreviewCell, width)}
	for i := range width {
		if i < len(cells) {
			row.Cells[i].Raw = cells[i]
		}
	}
	if subtotal {
		row.Kind, row.Problem = "subtotal", "合计/小计行，导入时跳过"
		return row
	}
	r := p.parse(num, cells)
	for i, v := range r.display {
		if i < width {
			row.Cells[i].Value = v
		}
	}
	var rowNotes []string
	for _, is := range r.issues {
		if is.Col >= 0 && is.Col < width {
			row.Cells[is.Col].Warning = is.Message
		} else {
			rowNotes = append(rowNotes, is.Message)
		}
	}
	if r.fail != nil {
		if r.fail.Col >= 0 && r.fail.Col < width {
			row.Cells[r.fail.Col].Error = r.fail.Message
		}
		rowNotes = append([]string{"不能导入：" + r.fail.Message}, rowNotes...)
	}
	row.Problem = strings.Join(rowNotes, "；")
	return row
}
