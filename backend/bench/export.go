package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/bench/figures"
	"jiuke/backend/customers"
	"jiuke/backend/demo"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// benchExport fills an archive with n generated customers and times exporting them all, against a
// floor of the same cells (same values, styles and widths) read by one plain SELECT and written with
// excelize's StreamWriter, the faster of two runs each, interleaved.
func benchExport(ctx context.Context, dir string, n int) error {
	db, err := exportArchive(ctx, filepath.Join(dir, "export.db"), n)
	if err != nil {
		return err
	}
	defer db.Close()
	var real, floor time.Duration
	var rows int
	var size, floorSize int
	for i := range 2 {
		var buf bytes.Buffer
		start := time.Now()
		if err := exportFloor(ctx, db.R, &buf); err != nil {
			return fmt.Errorf("导出基线: %w", err)
		}
		if d := time.Since(start); i == 0 || d < floor {
			floor = d
		}
		floorSize = buf.Len()
		buf.Reset()
		start = time.Now()
		if rows, err = sheets.WriteCustomers(ctx, db.R, &buf, customers.ListQuery{}); err != nil {
			return err
		}
		if d := time.Since(start); i == 0 || d < real {
			real = d
		}
		size = buf.Len()
	}
	fmt.Printf("导出 %d 位客户：%.2f s（%.1f MiB）；基线 %.2f s（%.1f MiB）\n", rows, real.Seconds(), float64(size)/(1<<20),
		floor.Seconds(), float64(floorSize)/(1<<20))
	record(figures.Figure{Name: fmt.Sprintf("导出 %d 万客户", n/10000), Value: real.Seconds(), Unit: "s", Floor: floor.Seconds(),
		FloorName: "同样单元格：一条 SELECT + excelize StreamWriter", Limit: 1.3, OnRatio: true})
	return nil
}

// exportArchive is a new archive at path holding n generated customers.
func exportArchive(ctx context.Context, path string, n int) (*store.DB, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	g := demo.NewGenerator(demo.Seed)
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		bulk, err := customers.NewBulk(ctx, tx, 0)
		if err != nil {
			return err
		}
		defer bulk.Close()
		for range n {
			if _, err := bulk.Add(g.Next().Input); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// exportFloor writes the customer export's 21 columns for every customer with the least work: the
// customers' own columns in one SELECT (bench customers have no membership, card, points or
// purchases, so those cells are the export's empties and zeros), each cell with the export's value,
// style and column width: 男/女, a full solar birthday as a date and any other as its text, the
// creation time as the shop's date. It leaves out what is not a cell (frozen header, autofilter,
// declared range).
func exportFloor(ctx context.Context, q *sql.DB, buf *bytes.Buffer) error {
	f := excelize.NewFile()
	defer f.Close()
	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"8C2A2A"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "5E1A1A", Style: 1}}})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`"¥"#,##0.00`)})
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	integer, _ := f.NewStyle(&excelize.Style{NumFmt: 1})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	widths := []float64{12, 14, 16, 6, 14, 10, 30, 20, 10, 8, 10, 10, 16, 10, 14, 30, 12, 10, 10, 20, 10}
	for i := len(widths); i >= 1; i-- {
		if err := sw.SetColWidth(i, i, widths[i-1]); err != nil {
			return err
		}
	}
	head := make([]any, 21)
	for i, h := range []string{"姓名", "手机号", "其他电话", "性别", "生日", "区域", "地址", "单位", "职务", "来源", "推荐人", "会员等级",
		"会员卡号", "剩余积分", "累计消费", "备注", "建档日期", "客户类型", "门店类型", "门店名称", "联系人"} {
		head[i] = excelize.Cell{StyleID: header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT name, COALESCE(mobile, ''), other_phone,
		CASE gender WHEN 'M' THEN '男' WHEN 'F' THEN '女' ELSE '' END, birth_calendar, COALESCE(birth_year, 0),
		COALESCE(birth_month, 0), COALESCE(birth_day, 0), birth_leap, district, address, company, title, source, notes, created_at,
		kind, outlet_type, shop_name, contact_person FROM customers ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	// The least work StreamWriter allows: one row of cells used again for every row and handed over
	// by pointer, text scanned as the driver's own values (no copy, no second boxing).
	cells, row := make([]excelize.Cell, 21), make([]any, 21)
	set := func(i, style int, v any) {
		row[i] = nil
		if v != nil && v != "" {
			cells[i] = excelize.Cell{StyleID: style, Value: v}
			row[i] = &cells[i]
		}
	}
	var name, mobile, other, gender, district, address, company, title, source, notes, kind, outlet, shop, contact any
	var cal, created string
	var y, m, d int
	var leap bool
	r := 1
	for rows.Next() {
		if err := rows.Scan(&name, &mobile, &other, &gender, &cal, &y, &m, &d, &leap, &district, &address, &company, &title, &source,
			&notes, &created, &kind, &outlet, &shop, &contact); err != nil {
			return err
		}
		for i, v := range []any{name, mobile, other, gender} {
			set(i, text, v)
		}
		if cal == "solar" && y != 0 && m != 0 {
			set(4, date, time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
		} else if m != 0 {
			set(4, text, birthdayText(cal, y, m, d, leap))
		} else {
			set(4, text, nil)
		}
		for i, v := range []any{district, address, company, title, source} {
			set(5+i, text, v)
		}
		set(13, integer, 0)
		set(14, money, 0.0)
		set(15, text, notes)
		at, _ := time.Parse(time.RFC3339, created)
		ay, am, ad := at.In(store.Shop).Date()
		set(16, date, time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC))
		for i, v := range []any{kind, outlet, shop, contact} {
			set(17+i, text, v)
		}
		r++
		if err := sw.SetRow("A"+strconv.Itoa(r), row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(buf)
}

// birthdayText is the export's text for a birthday that is not a full solar date: 农历1990年闰4月8日, 3月26日.
func birthdayText(calendar string, y, m, d int, leap bool) string {
	s := fmt.Sprintf("%d月%d日", m, d)
	if leap {
		s = "闰" + s
	}
	if y != 0 {
		s = fmt.Sprintf("%d年%s", y, s)
	}
	if calendar == "lunar" {
		s = "农历" + s
	}
	return s
}
