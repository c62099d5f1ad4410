package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"jiuke/app"
	"jiuke/backend/customers"
	"jiuke/backend/segments"
	"jiuke/backend/sheets"
)

// exports are the lists the command line can write, by the name it takes, each through the same
// Sheets export the window uses.
var exports = map[string]struct {
	label string
	run   func(sh *app.Sheets, q customers.ListQuery) (app.ExportFile, error)
}{
	"customers": {sheets.ExportCustomers, func(sh *app.Sheets, q customers.ListQuery) (app.ExportFile, error) { return sh.ExportCustomers(q) }},
	"members":   {sheets.ExportMembers, func(sh *app.Sheets, _ customers.ListQuery) (app.ExportFile, error) { return sh.ExportMembers() }},
	"points":    {sheets.ExportPoints, func(sh *app.Sheets, _ customers.ListQuery) (app.ExportFile, error) { return sh.ExportPoints() }},
	"purchases": {sheets.ExportPurchases, func(sh *app.Sheets, _ customers.ListQuery) (app.ExportFile, error) {
		return sh.ExportPurchases("", "")
	}},
}

// runExport writes a list to .xlsx as the owner, logged like an export from the window.
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
	ctx := context.Background()
	core, err := openAsOwner(ctx, *dbPath, argDialogs{save: *out}, nil)
	if err != nil {
		return err
	}
	defer core.DB.Close()
	lq := customers.ListQuery{}
	if *segment != "" {
		seg, err := segments.FindByName(ctx, core.DB.R, *segment)
		if err != nil {
			return message(err)
		}
		lq.SegmentID = seg.ID
	}
	f, err := e.run(service[*app.Sheets](core), lq)
	if err != nil {
		return message(err)
	}
	fmt.Printf("已导出 %d 行%s到 %s\n", f.Rows, e.label, f.SavedTo)
	return nil
}
