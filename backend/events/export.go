package events

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Export kinds (the export log's names and the files' stems).
const (
	ExportGuests = "活动宾客名单"
	ExportSignIn = "活动签到表"
	ExportTables = "活动桌位表"
)

// sheetBook is a small formatted workbook: title rows, a bordered table, A4 portrait fitted to
// the page width, the header row repeated on every printed page.
type sheetBook struct {
	f                                *excelize.File
	sheet                            string
	title, sub, head, cell, txt, blk int
}

func newSheetBook(sheet string) (*sheetBook, error) {
	b := &sheetBook{f: excelize.NewFile(), sheet: sheet}
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, errs.Internal("name sheet", err)
	}
	grid := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	mid := &excelize.Alignment{Vertical: "center", WrapText: true}
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.sub, excelize.Style{Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.head, excelize.Style{Font: &excelize.Font{Bold: true}, Border: grid, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2E6E6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.cell, excelize.Style{Border: grid, Alignment: mid}},
		// Text format: phones and card numbers stay text, leading zeros and all.
		{&b.txt, excelize.Style{Border: grid, Alignment: mid, NumFmt: 49}},
		{&b.blk, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Vertical: "center"}}},
	}
	for _, s := range styles {
		id, err := b.f.NewStyle(&s.s)
		if err != nil {
			return nil, errs.Internal("export style", err)
		}
		*s.id = id
	}
	return b, nil
}

// titles writes the merged title lines above a table of cols columns.
func (b *sheetBook) titles(cols int, lines ...string) error {
	last, _ := excelize.ColumnNumberToName(cols)
	for i, l := range lines {
		r := strconv.Itoa(i + 1)
		style, h := b.sub, 20.0
		if i == 0 {
			style, h = b.title, 30
		}
		if err := b.f.MergeCell(b.sheet, "A"+r, last+r); err != nil {
			return errs.Internal("merge title", err)
		}
		b.f.SetCellValue(b.sheet, "A"+r, l)
		b.f.SetCellStyle(b.sheet, "A"+r, last+r, style)
		b.f.SetRowHeight(b.sheet, i+1, h)
	}
	return nil
}

// row writes values at row r; text columns (by index) get the text style.
func (b *sheetBook) row(r int, style int, text map[int]bool, values ...any) {
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		b.f.SetCellValue(b.sheet, cell, v)
		s := style
		if style == b.cell && text[i] {
			s = b.txt
		}
		b.f.SetCellStyle(b.sheet, cell, cell, s)
	}
}

func (b *sheetBook) widths(ws ...float64) {
	for i, w := range ws {
		c, _ := excelize.ColumnNumberToName(i + 1)
		b.f.SetColWidth(b.sheet, c, c, w)
	}
}

// print sets A4 portrait, one page wide, page numbers, and the header row repeated on every page.
func (b *sheetBook) print(headerRow int) error {
	a4, portrait, one, tall := 9, "portrait", 1, 0
	if err := b.f.SetPageLayout(b.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return errs.Internal("page layout", err)
	}
	fit := true
	if err := b.f.SetSheetProps(b.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return errs.Internal("fit to page", err)
	}
	if err := b.f.SetHeaderFooter(b.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return errs.Internal("footer", err)
	}
	if headerRow > 0 {
		r := strconv.Itoa(headerRow)
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%s:$%s", b.sheet, r, r), Scope: b.sheet}); err != nil {
			return errs.Internal("print titles", err)
		}
	}
	return nil
}

func (b *sheetBook) write(w io.Writer) error {
	defer b.f.Close()
	if err := b.f.Write(w); err != nil {
		return errs.Internal("write workbook", err)
	}
	return nil
}

func last4(mobile string) string {
	if len(mobile) >= 4 {
		return mobile[len(mobile)-4:]
	}
	return mobile
}

func place(ev Event) string {
	if ev.Address == "" {
		return ev.Venue
	}
	return ev.Venue + "（" + ev.Address + "）"
}

func subtitle(ev Event) string {
	return fmt.Sprintf("时间：%s–%s    地点：%s", ev.StartsAt, ev.EndsAt[11:], place(ev))
}

func tableLabel(g Guest) string {
	if g.TableNumber == 0 {
		return ""
	}
	return strconv.Itoa(g.TableNumber)
}

// expected are the guests the event waits for: not declined, not waitlisted.
func expected(gs []Guest) []Guest {
	out := []Guest{}
	for _, g := range gs {
		if g.Status != Declined && !g.Waitlisted {
			out = append(out, g)
		}
	}
	return out
}

// signInBlank is how many empty numbered rows the sign-in sheet keeps for walk-ins.
const signInBlank = 5

// WriteSignIn writes the printable sign-in sheet (签到表): guests by table then name, each row tall
// enough to sign, and blank rows for walk-ins. It returns the number of guest rows.
func WriteSignIn(ctx context.Context, q store.Querier, w io.Writer, eventID int64) (int, error) {
	ev, err := Get(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	all, err := Guests(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	gs := expected(all)
	sort.SliceStable(gs, func(i, j int) bool {
		ti, tj := gs[i].TableNumber, gs[j].TableNumber
		if (ti == 0) != (tj == 0) {
			return tj == 0
		}
		return ti < tj
	})
	b, err := newSheetBook("签到表")
	if err != nil {
		return 0, err
	}
	if err := b.titles(5, ev.Name+" 签到表", subtitle(ev)); err != nil {
		return 0, err
	}
	const head = 3
	b.row(head, b.head, nil, "序号", "姓名", "桌号", "手机尾号", "签名")
	b.f.SetRowHeight(b.sheet, head, 24)
	text := map[int]bool{3: true}
	for i, g := range gs {
		name := g.Name
		if g.Companions > 0 {
			name = fmt.Sprintf("%s（+%d）", g.Name, g.Companions)
		}
		b.row(head+1+i, b.cell, text, i+1, name, tableLabel(g), last4(g.Mobile), "")
		b.f.SetRowHeight(b.sheet, head+1+i, 30)
	}
	for i := 0; i < signInBlank; i++ {
		r := head + 1 + len(gs) + i
		b.row(r, b.cell, text, len(gs)+i+1, "", "", "", "")
		b.f.SetRowHeight(b.sheet, r, 30)
	}
	b.widths(7, 20, 8, 12, 36)
	if err := b.print(head); err != nil {
		return 0, err
	}
	return len(gs), b.write(w)
}

// WriteGuestList writes every guest with what a host needs, waitlist included.
func WriteGuestList(ctx context.Context, q store.Querier, w io.Writer, eventID int64) (int, error) {
	ev, err := Get(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	gs, err := Guests(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	b, err := newSheetBook("宾客名单")
	if err != nil {
		return 0, err
	}
	cols := []string{"序号", "姓名", "称呼", "手机", "区域", "单位", "会员等级", "卡号", "状态", "同行人数", "候补", "临时到场", "桌号", "签到时间", "状态更新", "更新人"}
	if err := b.titles(len(cols), ev.Name+" 宾客名单", subtitle(ev)); err != nil {
		return 0, err
	}
	const head = 3
	hv := make([]any, len(cols))
	for i, c := range cols {
		hv[i] = c
	}
	b.row(head, b.head, nil, hv...)
	text := map[int]bool{3: true, 7: true}
	yes := func(v bool) string {
		if v {
			return "是"
		}
		return ""
	}
	for i, g := range gs {
		b.row(head+1+i, b.cell, text, i+1, g.Name, salutation(g.Name, g.Gender), g.Mobile, g.District, g.Company, g.LevelName, g.CardNumber,
			guestNames[g.Status], g.Companions, yes(g.Waitlisted), yes(g.WalkIn), tableLabel(g), localTime(g.CheckedInAt), localTime(g.StatusAt), g.StatusBy)
	}
	b.widths(6, 12, 10, 14, 10, 18, 9, 16, 8, 8, 6, 8, 6, 17, 17, 9)
	if err := b.f.SetPanes(b.sheet, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return 0, errs.Internal("freeze header", err)
	}
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := b.print(head); err != nil {
		return 0, err
	}
	// Sixteen columns read better across the page.
	if err := b.f.SetPageLayout(b.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return 0, errs.Internal("page layout", err)
	}
	return len(gs), b.write(w)
}

// WriteTables writes one block per table (title line, header, guests), then who has no seat yet.
func WriteTables(ctx context.Context, q store.Querier, w io.Writer, eventID int64) (int, error) {
	ev, err := Get(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	tables, err := Tables(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	all, err := Guests(ctx, q, eventID)
	if err != nil {
		return 0, err
	}
	b, err := newSheetBook("桌位表")
	if err != nil {
		return 0, err
	}
	if err := b.titles(5, ev.Name+" 桌位表", subtitle(ev)); err != nil {
		return 0, err
	}
	r, n := 4, 0
	text := map[int]bool{4: true}
	block := func(title string, gs []Guest) {
		b.f.SetCellValue(b.sheet, "A"+strconv.Itoa(r), title)
		b.f.SetCellStyle(b.sheet, "A"+strconv.Itoa(r), "A"+strconv.Itoa(r), b.blk)
		b.f.SetRowHeight(b.sheet, r, 22)
		r++
		b.row(r, b.head, nil, "序号", "姓名", "同行", "会员等级", "手机尾号")
		r++
		for i, g := range gs {
			b.row(r, b.cell, text, i+1, g.Name, g.Companions, g.LevelName, last4(g.Mobile))
			r++
			n++
		}
		r++
	}
	for _, t := range tables {
		title := fmt.Sprintf("%d号桌", t.Number)
		if t.Name != "" {
			title += " · " + t.Name
		}
		title += fmt.Sprintf("（%d座，已坐%d人）", t.Seats, t.Used)
		if t.HostName != "" {
			title += " 主持：" + t.HostName
		}
		block(title, t.Guests)
	}
	var loose []Guest
	for _, g := range expected(all) {
		if g.TableID == 0 {
			loose = append(loose, g)
		}
	}
	if len(loose) > 0 {
		block("未安排座位", loose)
	}
	b.widths(7, 20, 8, 12, 12)
	if err := b.print(0); err != nil {
		return 0, err
	}
	return n, b.write(w)
}

// localTime shows a stored UTC time as shop time to the minute.
func localTime(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(store.Shop).Format("2006-01-02 15:04")
}
