package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// exports are the lists the command line can write, by the name it takes; segment is the saved
// segment (客群) customers are limited to, 0 for all.
var exports = map[string]struct {
	kind  string
	write func(ctx context.Context, q store.Querier, w io.Writer) (int, error)
}{
	"customers": {sheets.ExportCustomers, nil},
	"members":   {sheets.ExportMembers, sheets.WriteMembers},
	"points":    {sheets.ExportPoints, sheets.WritePoints},
	"purchases": {sheets.ExportPurchases, func(ctx context.Context, q store.Querier, w io.Writer) (int, error) {
		return sheets.WritePurchases(ctx, q, w, "", "")
	}},
}

// runExport writes a list to .xlsx and logs the export as the owner.
func runExport(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbPath := fs.String("db", "", "数据库文件路径")
	out := fs.String("out", "", "输出文件（默认当前目录下的 客户-日期.xlsx）")
	segment := fs.String("segment", "", "只导出这个客群的客户（客群名称或编号，仅用于 customers）")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "用法: jiuke export customers|members|points|purchases [--db 路径] [--out 文件.xlsx] [--segment 客群]")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errors.New("请指定要导出的列表，如 jiuke export customers")
	}
	e, ok := exports[pos[0]]
	if !ok {
		fs.Usage()
		return fmt.Errorf("不能导出 %q", pos[0])
	}
	if *segment != "" && pos[0] != "customers" {
		return errors.New("--segment 只能用于导出客户（customers）")
	}
	if *out == "" {
		*out = sheets.ExportName(e.kind)
	}
	ctx := context.Background()
	db, err := openSheetsDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	owner, err := staff.EnsureOwner(ctx, db)
	if err != nil {
		return err
	}
	write := e.write
	if pos[0] == "customers" {
		lq := customers.ListQuery{}
		if *segment != "" {
			seg, err := segments.FindByName(ctx, db.R, *segment)
			if err != nil {
				return errors.New(errs.ToPayload(err).Message)
			}
			lq.SegmentID = seg.ID
		}
		write = func(ctx context.Context, q store.Querier, w io.Writer) (int, error) {
			return sheets.WriteCustomers(ctx, q, w, lq)
		}
	}
	var buf bytes.Buffer
	n, err := write(ctx, db.R, &buf)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("无法写入 %s：%w", *out, err)
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error { return sheets.LogExport(ctx, tx, e.kind, n, *out, owner.ID) }); err != nil {
		return err
	}
	fmt.Printf("已导出 %d 行%s到 %s\n", n, e.kind, *out)
	return nil
}
