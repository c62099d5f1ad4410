package events

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"jiuke/backend/sheets/workbook"
	"jiuke/backend/store"
)

// Export kinds (the export log's names and the files' stems).
const (
	ExportGuests = "活动宾客名单"
	ExportSignIn = "活动签到表"
	ExportTables = "活动桌位表"
)

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
	book := workbook.New()
	defer book.Close()
	b, err := book.Printable("签到表")
	if err != nil {
		return 0, err
	}
	if err := b.Titles(5, ev.Name+" 签到表", subtitle(ev)); err != nil {
		return 0, err
	}
	const head = 3
	b.Row(head, workbook.Head, nil, "序号", "姓名", "桌号", "手机尾号", "签名")
	b.Height(head, 24)
	text := map[int]bool{3: true}
	for i, g := range gs {
		name := g.Name
		if g.Companions > 0 {
			name = fmt.Sprintf("%s（+%d）", g.Name, g.Companions)
		}
		b.Row(head+1+i, workbook.Cell, text, i+1, name, tableLabel(g), last4(g.Mobile), "")
		b.Height(head+1+i, 30)
	}
	for i := 0; i < signInBlank; i++ {
		r := head + 1 + len(gs) + i
		b.Row(r, workbook.Cell, text, len(gs)+i+1, "", "", "", "")
		b.Height(r, 30)
	}
	b.Widths(7, 20, 8, 12, 36)
	if err := b.Print(head, false); err != nil {
		return 0, err
	}
	return len(gs), book.Write(w)
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
	book := workbook.New()
	defer book.Close()
	b, err := book.Printable("宾客名单")
	if err != nil {
		return 0, err
	}
	cols := []string{"序号", "姓名", "称呼", "手机", "区域", "单位", "会员等级", "卡号", "状态", "同行人数", "候补", "临时到场", "桌号", "签到时间", "状态更新", "更新人"}
	if err := b.Titles(len(cols), ev.Name+" 宾客名单", subtitle(ev)); err != nil {
		return 0, err
	}
	const head = 3
	hv := make([]any, len(cols))
	for i, c := range cols {
		hv[i] = c
	}
	b.Row(head, workbook.Head, nil, hv...)
	text := map[int]bool{3: true, 7: true}
	yes := func(v bool) string {
		if v {
			return "是"
		}
		return ""
	}
	for i, g := range gs {
		b.Row(head+1+i, workbook.Cell, text, i+1, g.Name, salutation(g.Name, g.Gender), g.Mobile, g.District, g.Company, g.LevelName, g.CardNumber,
			guestNames[g.Status], g.Companions, yes(g.Waitlisted), yes(g.WalkIn), tableLabel(g), localTime(g.CheckedInAt), localTime(g.StatusAt), g.StatusBy)
	}
	b.Widths(6, 12, 10, 14, 10, 18, 9, 16, 8, 8, 6, 8, 6, 17, 17, 9)
	if err := b.FreezeAbove(head + 1); err != nil {
		return 0, err
	}
	// Sixteen columns read better across the page.
	if err := b.Print(head, true); err != nil {
		return 0, err
	}
	return len(gs), book.Write(w)
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
	book := workbook.New()
	defer book.Close()
	b, err := book.Printable("桌位表")
	if err != nil {
		return 0, err
	}
	if err := b.Titles(5, ev.Name+" 桌位表", subtitle(ev)); err != nil {
		return 0, err
	}
	r, n := 4, 0
	text := map[int]bool{4: true}
	block := func(title string, gs []Guest) {
		b.Row(r, workbook.Block, nil, title)
		b.Height(r, 22)
		r++
		b.Row(r, workbook.Head, nil, "序号", "姓名", "同行", "会员等级", "手机尾号")
		r++
		for i, g := range gs {
			b.Row(r, workbook.Cell, text, i+1, g.Name, g.Companions, g.LevelName, last4(g.Mobile))
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
	b.Widths(7, 20, 8, 12, 12)
	if err := b.Print(0, false); err != nil {
		return 0, err
	}
	return n, book.Write(w)
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
