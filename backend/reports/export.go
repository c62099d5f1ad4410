package reports

import (
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
)

// Report kinds the reports page exports, with the name their file and the export log carry.
var exportNames = map[string]string{
	"growth": "会员增长报表",
	"sales":  "销售报表",
	"points": "积分流水报表",
	"staff":  "员工业绩报表",
	"events": "活动效果报表",
}

// ExportName is the Chinese name of a report kind; ok is false for an unknown kind.
func ExportName(kind string) (string, bool) {
	n, ok := exportNames[kind]
	return n, ok
}

var salesCols = []sheets.ExportColumn{col("名称", 14, sheets.KindText), col("笔数", 10, sheets.KindInt), col("销售额", 16, sheets.KindMoney)}

// Tables lays one report out as sheets: Chinese headers, money as numbers in ¥ format.
func Tables(kind string, c Charts) ([]sheets.Table, error) {
	switch kind {
	case "growth":
		t := sheets.Table{Sheet: "会员增长", Cols: []sheets.ExportColumn{col("月份", 10, sheets.KindText), col("新增会员", 12, sheets.KindInt), col("月末会员总数", 14, sheets.KindInt)}}
		for _, r := range c.Growth {
			t.Rows = append(t.Rows, []any{r.Month, r.New, r.Total})
		}
		return []sheets.Table{t}, nil
	case "sales":
		level := sheets.Table{Sheet: "按会员等级", Cols: withName(salesCols, "会员等级")}
		for _, r := range c.ByLevel {
			level.Rows = append(level.Rows, []any{r.Name, r.Orders, r.TotalFen})
		}
		cat := sheets.Table{Sheet: "按品类", Cols: withName(salesCols, "品类")}
		for _, r := range c.ByCategory {
			cat.Rows = append(cat.Rows, []any{r.Name, r.Orders, r.TotalFen})
		}
		return []sheets.Table{level, cat}, nil
	case "points":
		t := sheets.Table{Sheet: "积分流水", Cols: []sheets.ExportColumn{col("月份", 10, sheets.KindText), col("发放", 12, sheets.KindInt),
			col("兑换", 12, sheets.KindInt), col("过期", 12, sheets.KindInt)}}
		for _, r := range c.Points {
			t.Rows = append(t.Rows, []any{r.Month, r.Issued, r.Redeemed, r.Expired})
		}
		return []sheets.Table{t}, nil
	case "staff":
		t := sheets.Table{Sheet: "员工业绩", Cols: []sheets.ExportColumn{col("员工", 12, sheets.KindText), col("注册会员", 10, sheets.KindInt),
			col("成交笔数", 10, sheets.KindInt), col("销售额", 16, sheets.KindMoney), col("回访次数", 10, sheets.KindInt), col("活动签到", 10, sheets.KindInt)}}
		for _, r := range c.Staff {
			t.Rows = append(t.Rows, []any{r.Name, r.Registrations, r.Orders, r.SalesFen, r.FollowUps, r.CheckIns})
		}
		return []sheets.Table{t}, nil
	case "events":
		return []sheets.Table{eventsTable(c.Events)}, nil
	}
	return nil, errs.Invalid("kind", "没有这种报表："+kind)
}

func withName(cols []sheets.ExportColumn, name string) []sheets.ExportColumn {
	out := append([]sheets.ExportColumn{}, cols...)
	out[0].Header = name
	return out
}

func col(header string, width float64, kind int) sheets.ExportColumn {
	return sheets.ExportColumn{Header: header, Width: width, Kind: kind}
}
