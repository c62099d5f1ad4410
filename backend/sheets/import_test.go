package sheets

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

// runImport imports in one transaction as the app does; a dry run rolls back.
func runImport(t *testing.T, db *store.DB, b *Book, req Request) (*Result, error) {
	t.Helper()
	if req.FileName == "" {
		req.FileName = b.Name
	}
	if req.Sheet == "" {
		req.Sheet = b.Sheets[0]
	}
	var res *Result
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = Import(ctx, tx, b, req, nil)
		if err == nil && req.DryRun {
			return ErrDryRun
		}
		return err
	})
	if errors.Is(err, ErrDryRun) {
		err = nil
	}
	return res, err
}

func mustImport(t *testing.T, db *store.DB, b *Book, req Request) Summary {
	t.Helper()
	res, err := runImport(t, db, b, req)
	if err != nil {
		t.Fatal(err)
	}
	return res.Summary
}

// card makes a valid card number (Luhn check digit) from a payload.
func card(payload string) string {
	for d := '0'; d <= '9'; d++ {
		if members.ValidCardNumber(payload + string(d)) {
			return payload + string(d)
		}
	}
	panic("no check digit")
}

func customerBy(t *testing.T, db *store.DB, mobile string) customers.Customer {
	t.Helper()
	c, ok, err := customers.ByMobile(ctx, db.R, mobile)
	if err != nil || !ok {
		t.Fatalf("no customer with mobile %s: %v", mobile, err)
	}
	return c
}

func countRows(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.R.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var ledgerHeader = []any{"序号", "客户姓名", "联系电话", "出生日期", "性别", "片区", "住址", "单位", "职务", "会员卡号", "会员等级",
	"剩余积分", "消费日期", "购买商品", "消费金额", "介绍人", "来源", "备注"}

// messyLedger is a hand-kept ledger with every oddity the import must take.
func messyLedger(t *testing.T) *Book {
	row := func(vals ...any) []any { return vals }
	data := excelStyle(t, map[string][][]any{"客户": {
		row("蜀香酒业客户台账（2024）"),
		row("制表：王会计"),
		ledgerHeader,
		row(1, "张三", 13800138000, time.Date(1985, 3, 12, 0, 0, 0, 0, time.UTC), "男", "锦江区", "春熙路1号", "蜀香商贸", "总经理",
			card("8000001"), "金卡", 1200, "2024-05-01", "五粮液", "¥2,360.00", "", "老客户介绍", "喜欢浓香"),
		row(2, "李四", "139 0013 9000", "1978.11.2", "先生", "", "", "", "", "", "VIP银卡", "800分", "2024/6/18", "茅台", "1.2万", "张三"),
		row(3, "王五", "１３７００１３７０００", "农历三月十二", "女士"),
		row(4, "赵六", "+86 136-0013-6000 / 028-86668888", "85-3-12"),
		row(5, "钱七", 13500135000.0, "1990年5月6日"),
		row(6, "孙八", "1.38001E+10"),
		row(7, "", "13300133000"),
		row(),
		row("合计", "", "", "", "", "", "", "", "", "", "", 2000, "", "", 14360),
		row(8, "周九", "13800138000"),
		row(9, "吴十", "13200132000", "3月12日", "", "", "", "", "", "", "", "", "", "", "", "郑十一"),
		row(10, "郑十一", "13100131000", "农历1985-03-12", "", "", "", "", "", "12345678", "黑金卡"),
		row(11, "冯十二", "1380013800"),
	}})
	b, err := Open("台账.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMessyLedgerImportsWhatItCanAndSaysExactlyWhatNot(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, messyLedger(t), Request{OnDuplicate: PolicySkip})
	if s.Read != 11 || s.Created != 7 || s.Skipped != 1 || s.Failed != 3 || s.HeaderRow != 3 {
		t.Fatalf("summary %+v", s)
	}
	if !slices.Equal(s.SubtotalRows, []int{12}) {
		t.Fatalf("subtotal rows %v", s.SubtotalRows)
	}
	reasons := map[string]int{}
	for _, r := range s.FailedBy {
		reasons[r.Reason] = r.Count
	}
	if reasons["手机号为科学计数法，位数已丢失"] != 1 || reasons["缺少姓名"] != 1 || reasons["手机号无效"] != 1 {
		t.Fatalf("failed by %+v", s.FailedBy)
	}
	if s.Skips[0].Row != 13 || !strings.Contains(s.Skips[0].Message, "第 4 行的「张三」") {
		t.Fatalf("skip %+v", s.Skips[0])
	}
	if s.Members != 3 || s.Cards != 1 || s.OpeningPoints != 2000 || s.Purchases != 2 {
		t.Fatalf("extras %+v", s)
	}

	zs := customerBy(t, db, "13800138000")
	if zs.Name != "张三" || zs.Gender != "M" || zs.Birthday != (customers.Birthday{Calendar: "solar", Year: 1985, Month: 3, Day: 12}) ||
		zs.District != "锦江区" || zs.Company != "蜀香商贸" || zs.Source != "转介绍" || zs.Notes != "喜欢浓香" {
		t.Fatalf("张三 %+v", zs)
	}
	if m, ok, _ := members.Get(ctx, db.R, zs.ID); !ok || m.LevelName != "金卡" {
		t.Fatalf("张三 membership %+v", m)
	}
	if k, ok, _ := members.CurrentCard(ctx, db.R, zs.ID); !ok || k.Number != card("8000001") {
		t.Fatalf("张三 card %+v", k)
	}
	if bal, _ := points.Balance(ctx, db.R, zs.ID); bal != 1200 {
		t.Fatalf("张三 balance %d", bal)
	}
	ps, _ := sales.ForCustomer(ctx, db.R, zs.ID, sales.Page{Limit: 10})
	if len(ps) != 1 || ps[0].TotalFen != 236000 || ps[0].Date != "2024-05-01" || ps[0].PointsEarned != 0 || ps[0].Lines[0].ProductName != "五粮液" {
		t.Fatalf("张三 purchases %+v", ps)
	}
	ls := customerBy(t, db, "13900139000")
	if ls.ReferrerID != zs.ID || ls.Birthday.Year != 1978 || ls.Birthday.Day != 2 {
		t.Fatalf("李四 %+v", ls)
	}
	if ps, _ := sales.ForCustomer(ctx, db.R, ls.ID, sales.Page{Limit: 10}); len(ps) != 1 || ps[0].TotalFen != 1200000 {
		t.Fatalf("李四 purchases %+v", ps)
	}
	if ww := customerBy(t, db, "13700137000"); ww.Birthday != (customers.Birthday{Calendar: "lunar", Month: 3, Day: 12}) || ww.Gender != "F" {
		t.Fatalf("王五 %+v", ww)
	}
	if zl := customerBy(t, db, "13600136000"); zl.OtherPhone != "028-86668888" || zl.Birthday.Year != 1985 {
		t.Fatalf("赵六 %+v", zl)
	}
	customerBy(t, db, "13500135000")
	zheng := customerBy(t, db, "13100131000")
	if zheng.Birthday != (customers.Birthday{Calendar: "lunar", Year: 1985, Month: 3, Day: 12}) ||
		!strings.Contains(zheng.Notes, "原会员卡号：12345678") || !strings.Contains(zheng.Notes, "原会员等级：黑金卡") {
		t.Fatalf("郑十一 %+v", zheng)
	}
	if m, _, _ := members.Get(ctx, db.R, zheng.ID); m.LevelName != "普卡" {
		t.Fatalf("unknown level should fall back to the lowest: %+v", m)
	}
	// 吴十 names a referrer only a later row brings.
	if wu := customerBy(t, db, "13200132000"); wu.ReferrerID != zheng.ID || wu.Birthday != (customers.Birthday{Calendar: "solar", Month: 3, Day: 12}) {
		t.Fatalf("吴十 %+v", wu)
	}
	// The failed rows keep their row numbers and original cells.
	res, err := BatchFailures(ctx, db.R, s.BatchID)
	if err != nil || len(res.Failures) != 3 {
		t.Fatalf("failures %v %+v", err, res)
	}
	if f := res.Failures[0]; f.Row != 9 || f.Cells[1] != "孙八" || f.Cells[2] != "1.38001E+10" || !strings.Contains(f.Message, "无法还原") {
		t.Fatalf("failure %+v", f)
	}
}

func TestEveryFormatImportsTheSameRows(t *testing.T) {
	rows := [][]string{{"姓名", "手机", "生日"}, {"张三", "13800138000", "1985-03-12"}, {"李四", "13900139000", "农历三月十二"}}
	csvText := "客户台账\n"
	for _, r := range rows {
		csvText += strings.Join(r, ",") + "\n"
	}
	var biff []biffCell
	for i, r := range rows {
		for j, v := range r {
			biff = append(biff, biffCell{i, j, "s", 15, v, 0})
		}
	}
	files := map[string][]byte{
		"a.csv":  csvGBK(t, csvText),
		"b.csv":  append([]byte("\xEF\xBB\xBF"), csvText...),
		"c.xls":  htmlXLS(t, rows),
		"d.xls":  compoundFile(biffWorkbook("客户", biff, false)),
		"e.xlsx": excelStyle(t, map[string][][]any{"客户": {{"姓名", "手机", "生日"}, {"张三", 13800138000, time.Date(1985, 3, 12, 0, 0, 0, 0, time.UTC)}, {"李四", "13900139000", "农历三月十二"}}}),
	}
	for name, data := range files {
		db := storetest.Open(t)
		b, err := Open(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s := mustImport(t, db, b, Request{}); s.Created != 2 || s.Failed != 0 {
			t.Fatalf("%s: %+v", name, s)
		}
		if c := customerBy(t, db, "13800138000"); c.Birthday.Year != 1985 || c.Source != "导入" {
			t.Fatalf("%s: %+v", name, c)
		}
		if c := customerBy(t, db, "13900139000"); c.Birthday.Calendar != "lunar" {
			t.Fatalf("%s: %+v", name, c)
		}
	}
}

func TestDryRunAndCancelChangeNothing(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, messyLedger(t), Request{DryRun: true})
	if !s.DryRun || s.BatchID != 0 || s.Created != 7 {
		t.Fatalf("dry run %+v", s)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers`) + countRows(t, db, `SELECT COUNT(*) FROM import_batches`) +
		countRows(t, db, `SELECT COUNT(*) FROM points_entries`); n != 0 {
		t.Fatalf("a dry run left %d rows", n)
	}
	// A big file cancelled part-way leaves nothing either.
	rows := [][]any{{"姓名", "手机"}}
	for i := range 3000 {
		rows = append(rows, []any{fmt.Sprintf("客户%d", i), fmt.Sprintf("138%08d", i)})
	}
	b, _ := Open("big.xlsx", excelStyle(t, map[string][][]any{"客户": rows}))
	cctx, cancel := context.WithCancel(ctx)
	err := db.WithTx(cctx, func(tx *sql.Tx) error {
		_, err := Import(cctx, tx, b, Request{FileName: "big.xlsx", Sheet: "客户"}, func(p Progress) {
			if p.Done > 500 {
				cancel()
			}
		})
		return err
	})
	if err == nil || !strings.Contains(errMessage(err), "已取消导入") {
		t.Fatalf("cancel: %v", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers`); n != 0 {
		t.Fatalf("cancelled import left %d customers", n)
	}
}

func TestBadInputChangesNothing(t *testing.T) {
	db := storetest.Open(t)
	noHeader, _ := Open("x.csv", []byte("甲,乙\n1,2\n"))
	empty, _ := Open("y.csv", []byte("\n\n"))
	b := messyLedger(t)
	cases := []struct {
		b    *Book
		req  Request
		want string
	}{
		{noHeader, Request{}, "没有找到表头"},
		{empty, Request{}, "是空的"},
		{b, Request{Sheet: "Sheet9"}, "没有名为「Sheet9」的工作表"},
		{b, Request{Columns: []Column{{Index: 2, Header: "联系电话", Field: "mobile"}}}, "哪一列是「姓名」"},
		{b, Request{Columns: []Column{{Index: 1, Field: "name"}, {Index: 2, Field: "name"}}}, "两列都设成了「姓名」"},
		{b, Request{OnDuplicate: "replace"}, "重复处理方式"},
	}
	for _, c := range cases {
		_, err := runImport(t, db, c.b, c.req)
		if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(errMessage(err), c.want) {
			t.Errorf("want %q, got %v", c.want, err)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM import_batches`); n != 0 {
		t.Fatalf("bad input left %d batches", n)
	}
}

func TestMappingIsRememberedAndTemplateRowsSkipped(t *testing.T) {
	db := storetest.Open(t)
	data := excelStyle(t, map[string][][]any{"客户": {{"客户", "号码", "累计消费"}, {"张三", "13800138000", 500}}})
	b, _ := Open("a.xlsx", data)
	cols := []Column{{Index: 0, Header: "客户", Field: "name"}, {Index: 1, Header: "号码", Field: "mobile"}, {Index: 2, Header: "累计消费", Field: ""}}
	mustImport(t, db, b, Request{Columns: cols})
	pv, err := PreviewSheet(ctx, db.R, b, "客户", nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Columns[1].Field != "mobile" || pv.Columns[1].Origin != "remembered" || pv.Columns[2].Field != "" {
		t.Fatalf("remembered mapping: %+v", pv.Columns)
	}
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl); err != nil {
		t.Fatal(err)
	}
	tb, err := Open("模板.xlsx", tmpl.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if s := mustImport(t, storetest.Open(t), tb, Request{}); s.Read != 0 {
		t.Fatalf("the template's example row was imported: %+v", s)
	}
}

func TestInspectPreselectsTheFirstSheetWithDataAndPreviewExplains(t *testing.T) {
	db := storetest.Open(t)
	data := excelStyle(t, map[string][][]any{
		"1月": {{"备忘"}, {"记得进货"}},
		"2月": {{"二月客户"}, {"姓名", "手机", "生日"}, {"张三", "1380013800", "农历三月卅五"}, {"小计", "", ""}},
	})
	b, _ := Open("a.xlsx", data)
	info, err := Inspect(ctx, db.R, b)
	if err != nil || info.Selected != "2月" || info.Sheets[0].Problem == "" || info.Sheets[1].HeaderRow != 2 {
		t.Fatalf("%v %+v", err, info)
	}
	pv, err := PreviewSheet(ctx, db.R, b, "2月", nil, 10)
	if err != nil || len(pv.Rows) != 2 || pv.Titles[0] != "二月客户" || pv.MappingProblem != "" {
		t.Fatalf("%v %+v", err, pv)
	}
	row := pv.Rows[0]
	if row.Cells[0].Value != "张三" || !strings.Contains(row.Cells[1].Error, "位数不对") || !strings.Contains(row.Cells[2].Warning, "农历") ||
		!strings.HasPrefix(row.Problem, "不能导入") || pv.Rows[1].Kind != "subtotal" {
		t.Fatalf("preview row %+v / %+v", row, pv.Rows[1])
	}
	pv, _ = PreviewSheet(ctx, db.R, b, "2月", []Column{{Index: 1, Header: "手机", Field: "mobile"}}, 10)
	if !strings.Contains(pv.MappingProblem, "姓名") {
		t.Fatalf("mapping problem %q", pv.MappingProblem)
	}
}
