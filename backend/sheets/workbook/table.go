package workbook

import (
	"fmt"
	"strconv"
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

// Column is one column of a list sheet.
type Column struct {
	Header string
	Width  float64
	Kind   int
}

type listStyles struct{ header, text, money, date, integer int }

func (b *Book) listStyles() (st listStyles, err error) {
	for _, s := range []struct {
		id   *int
		name string
		s    excelize.Style
	}{
		{&st.header, "list.header", excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"8C2A2A"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: "5E1A1A", Style: 1}}}},
		{&st.text, "list.text", excelize.Style{NumFmt: 49}},
		{&st.money, "list.money", excelize.Style{CustomNumFmt: ptr(`"¥"#,##0.00`)}},
		{&st.date, "list.date", excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")}},
		{&st.integer, "list.integer", excelize.Style{NumFmt: 1}},
	} {
		if *s.id, err = b.style(s.name, s.s); err != nil {
			return st, err
		}
	}
	return st, nil
}

func ptr[T any](v T) *T { return &v }

// Table writes one list sheet: a styled, frozen header with an autofilter, then the rows fill adds,
// streamed so a large export never sits in memory. The rows go to a temp file first: the used range
// is written at the top of the sheet, before any row, so it has to be known before streaming starts.
// It returns the number of data rows. A caller that can count its rows beforehand uses Stream.
func (b *Book) Table(sheet string, cols []Column, fill func(add func(values ...any) error) error) (int, error) {
	sp, err := newSpool()
	if err != nil {
		return 0, err
	}
	defer sp.remove()
	if err := fill(func(values ...any) error { return sp.add(values) }); err != nil {
		return sp.rows, err
	}
	return b.Stream(sheet, cols, sp.rows, func(add func(values ...any) error) error {
		return sp.replay(func(values []any) error { return add(values...) })
	})
}

// Stream is Table for a caller that knows the row count before the first row (a COUNT(*) read in
// the same snapshot as the rows): the rows go straight into the sheet, without the temp file that
// cost a quarter of a large export. fill must add exactly rows rows, or the declared range would
// lie; any other number fails the export.
func (b *Book) Stream(sheet string, cols []Column, rows int, fill func(add func(values ...any) error) error) (int, error) {
	n := rows
	st, err := b.listStyles()
	if err != nil {
		return 0, err
	}
	if err := b.addSheet(sheet); err != nil {
		return 0, err
	}
	if err := b.dimension(sheet, len(cols), n+1); err != nil {
		return 0, err
	}
	sw, err := b.f.NewStreamWriter(sheet)
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
		head[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return 0, errs.Internal("export header", err)
	}
	// The row's cells are reused from row to row and handed over by pointer (StreamWriter writes them
	// out before SetRow returns): boxing a fresh excelize.Cell per cell cost an allocation for each.
	row, cells := make([]any, len(cols)), make([]excelize.Cell, len(cols))
	i := 0
	miscount := func() error {
		return errs.Internal("export rows", fmt.Errorf("%s: counted %d rows, got at least %d", sheet, n, i))
	}
	if err := fill(func(values ...any) error {
		if i == n {
			i++
			return miscount()
		}
		for c, col := range cols {
			var v any
			if c < len(values) {
				v = values[c]
			}
			row[c] = nil
			if st.cell(&cells[c], col.Kind, v) {
				row[c] = &cells[c]
			}
		}
		i++
		if err := sw.SetRow("A"+strconv.Itoa(i+1), row); err != nil {
			return errs.Internal("export row", err)
		}
		return nil
	}); err != nil {
		return i, err
	}
	if i != n {
		return i, miscount()
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), n+1)
	// The autofilter goes into the sheet StreamWriter is still writing: it emits it on Flush.
	if err := b.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return n, errs.Internal("autofilter", err)
	}
	if err := sw.Flush(); err != nil {
		return n, errs.Internal("flush export", err)
	}
	return n, nil
}

// cell sets *c to the value v of a column of the kind, and says whether there is a cell at all. The
// value goes into the cell as the caller boxed it: unboxing a string and boxing it again allocates.
func (st listStyles) cell(c *excelize.Cell, kind int, v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		if kind == KindDate {
			if t, ok := asDate(x); ok {
				*c = excelize.Cell{StyleID: st.date, Value: t}
				return true
			}
		}
		if x == "" {
			return false
		}
		*c = excelize.Cell{StyleID: st.text, Value: v}
	case []byte: // text the driver handed over as bytes
		return st.cell(c, kind, string(x))
	case time.Time: // a date the caller already has as one (no text round trip)
		if kind == KindDate {
			*c = excelize.Cell{StyleID: st.date, Value: v}
		} else {
			*c = excelize.Cell{StyleID: st.text, Value: x.Format(time.DateOnly)}
		}
	case int64:
		if kind == KindMoney {
			*c = excelize.Cell{StyleID: st.money, Value: float64(x) / 100}
		} else {
			*c = excelize.Cell{StyleID: st.integer, Value: v}
		}
	default:
		*c = excelize.Cell{Value: fmt.Sprint(v)}
	}
	return true
}

// asDate reads a stored date (YYYY-MM-DD) or time (RFC 3339 UTC, shown as the shop's local date).
// Dates are built in UTC: excelize shifts by the zone's offset, and a date has no time of day.
func asDate(s string) (time.Time, bool) {
	if len(s) > len(time.DateOnly) {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return t, false
		}
		y, m, d := t.In(store.Shop).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
