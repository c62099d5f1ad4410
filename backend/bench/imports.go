package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/bench/figures"
	"jiuke/backend/demo"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// benchImports times importing generated messy ledgers of n rows against two floors measured in the
// same run on the same file: the physical floor (excelize's raw rows into a table with only a unique
// mobile index and a name index, one transaction; see physicalFloor) and the schema floor (the same
// raw rows by one prepared INSERT into Jiuke's own customers table, with all its indexes, search
// tables and triggers). The targets are on the physical floor. Then it times exporting n customers.
func benchImports(n int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "jiuke-bench-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Printf("导入基准：%d 行杂乱台账（电话有数字、小数、空格、+86、全角；生日有日期格、点号、农历；含重复、合计行、空行、丢位的 1.38E+10）\n", n)
	fmt.Printf("%-46s %8s %12s %8s\n", "", "用时", "进程内存峰值", "比物理基线")
	rows := fmt.Sprintf("%d 万", n/10000)
	for _, v := range []struct {
		label string
		full  bool
	}{{"客户资料（8 列）", false}, {"完整台账（12 列，另有会员等级、积分、消费）", true}} {
		file := filepath.Join(dir, fmt.Sprintf("台账%v.xlsx", v.full))
		if err := writeLedger(file, n, v.full); err != nil {
			return err
		}
		r, err := compare(ctx, dir, file)
		if err != nil {
			return err
		}
		fmt.Printf("%s\n", v.label)
		line := func(label string, d time.Duration, mem float64) {
			fmt.Printf("  %-40s %7.2f s %9.0f MiB %7.2f×\n", label, d.Seconds(), mem, d.Seconds()/r.physical.Seconds())
		}
		line("物理基线: excelize 原始读取 + 一个事务写入仅有手机号唯一索引和姓名索引的表", r.physical, r.physicalMem)
		line("结构基线: 同样读取 + 预编译 INSERT 进酒客通的客户表（全部索引、搜索表、触发器）", r.schema, r.schemaMem)
		line("导入: 解析、校验、查重、写入一个批次", r.imp, r.impMem)
		s := r.sum
		fmt.Printf("  读取 %d 行：新建 %d，跳过 %d，失败 %d；会员 %d，期初积分 %d 分，历史消费 %d 笔；合计行 %d\n",
			s.Read, s.Created, s.Skipped, s.Failed, s.Members, s.OpeningPoints, s.Purchases, len(s.SubtotalRows))
		floorName := "excelize 原始读取 + 一个事务写入只有手机号唯一索引和姓名索引的表"
		if !v.full {
			record(figures.Figure{Name: "导入 " + rows + "客户（8 列）", Value: r.imp.Seconds(), Unit: "s", Floor: r.physical.Seconds(),
				FloorName: floorName, Limit: 1.5, OnRatio: true})
			record(figures.Figure{Name: "导入 " + rows + "客户（8 列）内存峰值", Value: r.impMem, Unit: "MiB", Floor: r.physicalMem,
				FloorName: "物理基线的进程峰值", Limit: r.physicalMem + 60, Note: "目标为基线 + 60 MiB"})
		} else {
			record(figures.Figure{Name: "导入 " + rows + "行完整台账（12 列）", Value: r.imp.Seconds(), Unit: "s", Floor: r.physical.Seconds(),
				FloorName: floorName, Limit: 2.5, OnRatio: true})
		}
	}
	fmt.Println()
	if err := benchExport(ctx, dir, n); err != nil {
		return fmt.Errorf("导出: %w", err)
	}
	fmt.Println()
	return nil
}

type comparison struct {
	physical, schema, imp          time.Duration
	physicalMem, schemaMem, impMem float64
	sum                            sheets.Summary
}

// compare runs the floors and the import twice each, interleaved, keeping the faster of each and
// the lower peak: on a shared 2-core machine one run can lose a core to something else.
func compare(ctx context.Context, dir, file string) (comparison, error) {
	var c comparison
	keep := func(i int, d *time.Duration, m *float64, nd time.Duration, nm float64) {
		if i == 0 || nd < *d {
			*d = nd
		}
		if i == 0 || nm < *m {
			*m = nm
		}
	}
	for i := range 2 {
		for _, ph := range []struct {
			kind string
			d    *time.Duration
			mem  *float64
		}{{"physical", &c.physical, &c.physicalMem}, {"schema", &c.schema, &c.schemaMem}, {"import", &c.imp, &c.impMem}} {
			db := filepath.Join(dir, fmt.Sprintf("%s%d.db", ph.kind, i))
			d, res, err := phase(ph.kind, db, file)
			if err != nil {
				return c, err
			}
			keep(i, ph.d, ph.mem, d, res.PeakMiB)
			if ph.kind == "import" {
				c.sum = res.Summary
			}
			for _, ext := range []string{"", "-wal", "-shm"} {
				os.Remove(db + ext)
			}
		}
	}
	return c, nil
}

func verdict(ok bool) string {
	if ok {
		return "达标"
	}
	return "未达标"
}

var ledgerHeader = []any{"序号", "客户姓名", "联系电话", "出生日期", "性别", "片区", "住址", "单位", "会员等级", "剩余积分", "消费日期", "消费金额"}

// writeLedger writes n customer rows the way hand-kept ledgers look, under a title row; full adds
// the columns that make members, opening points and purchases.
func writeLedger(path string, n int, full bool) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "客户台账"
	f.SetSheetName("Sheet1", sheet)
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`yyyy"年"m"月"d"日"`)})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"蜀香酒业客户台账（手工）"}); err != nil {
		return err
	}
	header := ledgerHeader
	if !full {
		header = ledgerHeader[:8]
	}
	if err := sw.SetRow("A2", header); err != nil {
		return err
	}
	g := demo.NewGenerator(demo.Seed)
	var mobiles []string
	r := 3
	for i := 0; i < n; i++ {
		p := g.Next().Input
		mobiles = append(mobiles, p.Mobile)
		row := []any{i + 1, p.Name, messyPhone(p.Mobile, i), messyBirthday(i, dateStyle), []string{"男", "女", "先生", "女士"}[i%4],
			p.District, p.Address, p.Company, nil, nil, nil, nil}
		switch {
		case i%50 == 49: // the same customer written twice
			row[2] = mobiles[i-7]
		case i%200 == 123: // a number Excel showed as 1.38E+10 before the sheet was saved
			row[2] = "1.38E+10"
		}
		if !full {
			row = row[:8]
		} else if i%5 == 0 {
			row[8], row[9] = []string{"金卡", "VIP银卡", "普卡"}[i%3], fmt.Sprintf("%d,%03d", 1+i%9, i%1000)
		}
		if full && i%10 == 0 {
			row[10], row[11] = "2024/6/18", "¥2,360.00"
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
		r++
		if i%500 == 499 { // a blank line, then the page's total
			r++
			cell, _ = excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, []any{"小计", nil, nil, nil, nil, nil, nil, nil, nil, 12345}); err != nil {
				return err
			}
			r++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func ptr[T any](v T) *T { return &v }

// messyPhone writes a mobile as ledgers do: a number, a float, with spaces, +86 and dashes, full width.
func messyPhone(m string, i int) any {
	switch i % 5 {
	case 0:
		var v int64
		fmt.Sscan(m, &v)
		return v
	case 1:
		return m + ".0"
	case 2:
		return m[:3] + " " + m[3:7] + " " + m[7:]
	case 3:
		return "+86 " + m[:3] + "-" + m[3:7] + "-" + m[7:]
	}
	return strings.Map(func(r rune) rune { return r + 0xFEE0 }, m)
}

func messyBirthday(i int, dateStyle int) any {
	y, mo, d := 1950+i%50, 1+i%12, 1+i%28
	switch i % 4 {
	case 0:
		return excelize.Cell{StyleID: dateStyle, Value: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)}
	case 1:
		return fmt.Sprintf("%d.%d.%d", y, mo, d)
	case 2:
		return fmt.Sprintf("农历%d月%d", mo, d)
	}
	return fmt.Sprintf("%02d-%d-%d", y%100, mo, d)
}

// importFloor is the least any import must do: read the raw rows and insert them, one transaction.
func importFloor(ctx context.Context, dbPath, file string) error {
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := excelize.OpenFile(file)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows("客户台账")
	if err != nil {
		return err
	}
	defer rows.Close()
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO customers (name, mobile, other_phone, district, address, company,
			notes, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		ts := store.Now()
		col := func(c []string, i int) string {
			if i < len(c) {
				return c[i]
			}
			return ""
		}
		for rows.Next() {
			c, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return err
			}
			if col(c, 1) == "" {
				continue
			}
			if _, err := st.ExecContext(ctx, col(c, 1), col(c, 2), col(c, 3), col(c, 5), col(c, 6), col(c, 7),
				col(c, 4)+col(c, 8)+col(c, 9)+col(c, 10)+col(c, 11), ts, ts); err != nil {
				return err
			}
		}
		return rows.Error()
	})
}

// importFile imports the ledger as the app does, into a fresh archive.
func importFile(ctx context.Context, dbPath, file string) (sheets.Summary, error) {
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return sheets.Summary{}, err
	}
	defer db.Close()
	book, err := sheets.OpenFile(file)
	if err != nil {
		return sheets.Summary{}, err
	}
	defer book.Close()
	var res *sheets.Result
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = sheets.Import(ctx, tx, book, sheets.Request{FileName: book.Name, Sheet: book.Sheets[0], OnDuplicate: sheets.PolicySkip}, nil)
		return err
	})
	if err != nil {
		return sheets.Summary{}, err
	}
	return res.Summary, nil
}
