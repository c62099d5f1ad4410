package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"jiuke/app"
	"jiuke/backend/sheets"
)

const importUsage = `用法: jiuke import customers 文件 [--db 路径] [--sheet 工作表] [--map 表头=字段,...]
                     [--on-duplicate skip|update|overwrite|merge] [--dry-run] [--json]
字段: %s（留空表示不导入该列，如 --map 序号=）`

// runImport imports customers from a spreadsheet with the same code as the window. It fails (exit 1)
// only when the file cannot be read or not one row could be imported.
func runImport(args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dbPath := fs.String("db", "", "数据库文件路径")
	sheet := fs.String("sheet", "", "工作表名称（默认第一个有数据的工作表）")
	mapping := fs.String("map", "", "列对应关系，如 联系人电话=mobile,客户=name")
	policy := fs.String("on-duplicate", sheets.PolicySkip, "手机号或卡号重复时：skip 跳过、update 补全空白、overwrite 覆盖、merge 合并")
	dryRun := fs.Bool("dry-run", false, "只试运行，不写入数据库")
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	keys := make([]string, len(sheets.Fields))
	for i, f := range sheets.Fields {
		keys[i] = f.Key + "(" + f.Label + ")"
	}
	fs.Usage = func() { fmt.Fprintf(fs.Output(), importUsage+"\n", strings.Join(keys, " ")) }
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "customers" {
		fs.Usage()
		return errors.New("请指定要导入的客户文件：jiuke import customers 文件")
	}
	for _, pair := range strings.Split(*mapping, ",") {
		if *mapping != "" && !strings.Contains(pair, "=") {
			return fmt.Errorf("--map 的格式应为 表头=字段，收到 %q", pair)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	core, err := openAsOwner(ctx, *dbPath, argDialogs{open: pos[1]}, &progressPrinter{quiet: *asJSON})
	if err != nil {
		return err
	}
	defer core.DB.Close()
	sh := service[*app.Sheets](core)
	opened, err := sh.OpenPicked()
	if err != nil {
		return message(err)
	}
	defer sh.CloseFile(opened.FileID)
	if *sheet == "" {
		*sheet = opened.Selected
	}
	var cols []sheets.Column
	if *mapping != "" {
		pv, err := sh.Preview(app.PreviewRequest{FileID: opened.FileID, Sheet: *sheet, Rows: 1})
		if err != nil {
			return message(err)
		}
		if cols, err = applyMap(pv.Columns, *mapping); err != nil {
			return err
		}
	}
	req := app.ImportRequest{JobID: "command-line", FileID: opened.FileID, Sheet: *sheet, Columns: cols, OnDuplicate: *policy}
	run := sh.Import
	if *dryRun {
		run = sh.DryRun
	}
	s, err := run(req)
	if err != nil {
		return message(err)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			return err
		}
	} else {
		printSummary(s)
	}
	if s.Read == 0 || s.Created+s.Updated+s.Merged == 0 && s.Failed > 0 {
		return errors.New("没有导入任何客户")
	}
	return nil
}

// parseInterspersed lets flags come after the positional arguments, as people type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if f := fs.Lookup(name); f != nil && !strings.Contains(name, "=") && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return pos, fs.Parse(flags)
}

// applyMap changes the guessed mapping: "表头=字段" pairs, the field by key or by label, empty to skip.
func applyMap(cols []sheets.Column, spec string) ([]sheets.Column, error) {
	for _, pair := range strings.Split(spec, ",") {
		header, field, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			return nil, fmt.Errorf("--map 的格式应为 表头=字段，收到 %q", pair)
		}
		key := ""
		if field = strings.TrimSpace(field); field != "" {
			for _, f := range sheets.Fields {
				if f.Key == field || f.Label == field {
					key = f.Key
				}
			}
			if key == "" {
				return nil, fmt.Errorf("--map 中的字段 %q 不存在", field)
			}
		}
		found := false
		for i := range cols {
			if cols[i].Header == strings.TrimSpace(header) {
				cols[i].Field, found = key, true
			}
		}
		if !found {
			return nil, fmt.Errorf("--map 中的表头 %q 在表中不存在", header)
		}
	}
	return cols, nil
}

func printSummary(s sheets.Summary) {
	fmt.Fprint(os.Stderr, "\r")
	mode := "导入"
	if s.DryRun {
		mode = "试运行"
	}
	fmt.Printf("%s %s「%s」（表头在第 %d 行，重复时：%s），用时 %.1f 秒\n", mode, s.FileName, s.Sheet, s.HeaderRow, sheets.PolicyLabel(s.OnDuplicate), float64(s.Millis)/1000)
	fmt.Printf("读取 %d 行：新建 %d，更新 %d，合并 %d，跳过 %d，失败 %d\n", s.Read, s.Created, s.Updated, s.Merged, s.Skipped, s.Failed)
	fmt.Printf("登记会员 %d，发卡 %d，期初积分 %d 分，历史消费 %d 笔\n", s.Members, s.Cards, s.OpeningPoints, s.Purchases)
	reasons := func(label string, list []sheets.ReasonCount) {
		if len(list) == 0 {
			return
		}
		var parts []string
		for _, r := range list {
			parts = append(parts, fmt.Sprintf("%s %d", r.Reason, r.Count))
		}
		fmt.Printf("%s：%s\n", label, strings.Join(parts, "；"))
	}
	reasons("跳过原因", s.SkippedBy)
	reasons("失败原因", s.FailedBy)
	reasons("提醒", s.WarningsBy)
	if len(s.SubtotalRows) > 0 {
		fmt.Printf("合计/小计行（已跳过）：第 %s 行\n", joinInts(s.SubtotalRows))
	}
	for i, f := range s.Failures {
		if i == 20 {
			fmt.Printf("  ……共 %d 行失败\n", s.Failed)
			break
		}
		fmt.Printf("  第 %d 行：%s\n", f.Row, f.Message)
	}
	switch {
	case s.DryRun:
		fmt.Println("（试运行，没有写入任何数据）")
	case s.BatchID != 0:
		fmt.Printf("导入批次 #%d，可在「导入记录」中整批撤销\n", s.BatchID)
	}
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, "、")
}
