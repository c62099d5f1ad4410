package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
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
	db, err := store.Open(ctx, filepath.Join(dir, "export.db"))
	if err != nil {
		return err
	}
	defer db.Close()
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
		return err
	}
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

// exportFloor writes the customer export's 21 columns for every customer with the least work: the
// customers' own columns in one SELECT (bench customers have no membership, card, points or
// purchases, so those cells are the export's empties and zeros), each cell with the export's style.
func exportFloor(ctx context.Context, q *sql.DB, buf *bytes.Buffer) error {
	f := excelize.NewFile()
	defer f.Close()
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`"¥"#,##0.00`)})
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	integer, _ := f.NewStyle(&excelize.Style{NumFmt: 1})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i := 21; i >= 1; i-- {
		if err := sw.SetColWidth(i, i, 12); err != nil {
			return err
		}
	}
	head := make([]any, 21)
	for i := range head {
		head[i] = fmt.Sprintf("列%d", i+1)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT name, COALESCE(mobile, ''), other_phone, gender, birth_calendar, COALESCE(birth_year, 0),
		COALESCE(birth_month, 0), COALESCE(birth_day, 0), district, address, company, title, source, notes, created_at, kind,
		outlet_type, shop_name, contact_person FROM customers ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	t := func(s string) any {
		if s == "" {
			return nil
		}
		return excelize.Cell{StyleID: text, Value: s}
	}
	r := 1
	for rows.Next() {
		var name, mobile, other, gender, cal, district, address, company, title, source, notes, created, kind, outlet, shop, contact string
		var y, m, d int
		if err := rows.Scan(&name, &mobile, &other, &gender, &cal, &y, &m, &d, &district, &address, &company, &title, &source,
			&notes, &created, &kind, &outlet, &shop, &contact); err != nil {
			return err
		}
		var birthday any
		if cal == "solar" && y != 0 && m != 0 {
			birthday = excelize.Cell{StyleID: date, Value: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}
		}
		at, _ := time.Parse(time.RFC3339, created)
		r++
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{t(name), t(mobile), t(other), t(gender), birthday, t(district), t(address), t(company),
			t(title), t(source), nil, nil, nil, excelize.Cell{StyleID: integer, Value: 0}, excelize.Cell{StyleID: money, Value: 0.0},
			t(notes), excelize.Cell{StyleID: date, Value: at}, t(kind), t(outlet), t(shop), t(contact)}); err != nil {
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
