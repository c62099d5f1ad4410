package claims

import (
	"context"
	"io"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/sheets/workbook"
	"jiuke/backend/store"
)

// ReportNames are the reports of the 宴席与核销 page that export to .xlsx, by kind.
var ReportNames = map[string]string{"banquets": "宴席统计", "roi": "品牌政策投入产出", "receivables": "厂家应收账龄"}

// ReportArgs are what the reports take: a date range and a grouping (banquets), a window (roi).
type ReportArgs struct {
	From, To, By string
	Days         int
	Now          time.Time
}

// WriteReport writes one report to .xlsx and returns its number of rows.
func WriteReport(ctx context.Context, q store.Querier, w io.Writer, kind string, a ReportArgs) (int, error) {
	b := workbook.New()
	defer b.Close()
	var n int
	var err error
	switch kind {
	case "banquets":
		var stats []BanquetStat
		if stats, err = BanquetStats(ctx, q, a.From, a.To, a.By); err != nil {
			return 0, err
		}
		n, err = b.Table(ReportNames[kind], []workbook.Column{{Header: "月份", Width: 10}, {Header: Dimensions[a.By], Width: 20},
			{Header: "场次", Width: 8, Kind: workbook.KindInt}, {Header: "桌数", Width: 8, Kind: workbook.KindInt},
			{Header: "出库瓶数", Width: 10, Kind: workbook.KindInt}, {Header: "开瓶数", Width: 10, Kind: workbook.KindInt},
			{Header: "退回瓶数", Width: 10, Kind: workbook.KindInt}}, func(add func(values ...any) error) error {
			for _, s := range stats {
				if err := add(s.Month, s.Key, s.Banquets, s.Tables, s.Delivered, s.Opened, s.Returned); err != nil {
					return err
				}
			}
			return nil
		})
	case "roi":
		var rs []ProgrammeROI
		if rs, err = ProgrammeROIs(ctx, q, a.Days); err != nil {
			return 0, err
		}
		n, err = b.Table(ReportNames[kind], []workbook.Column{{Header: "品牌", Width: 14}, {Header: "政策", Width: 20},
			{Header: "宴席场次", Width: 10, Kind: workbook.KindInt}, {Header: "赞助活动", Width: 10, Kind: workbook.KindInt},
			{Header: "政策投入", Width: 14, Kind: workbook.KindMoney}, {Header: "宴席销售", Width: 14, Kind: workbook.KindMoney},
			{Header: "主家后续消费", Width: 14, Kind: workbook.KindMoney}, {Header: "统计天数", Width: 10, Kind: workbook.KindInt}},
			func(add func(values ...any) error) error {
				for _, r := range rs {
					if err := add(r.Brand, r.Name, r.Banquets, r.Events, r.Cost, r.OwnSales, r.LaterSales, int64(r.Days)); err != nil {
						return err
					}
				}
				return nil
			})
	case "receivables":
		var rs []Receivable
		if rs, err = Receivables(ctx, q, a.Now); err != nil {
			return 0, err
		}
		n, err = b.Table(ReportNames[kind], []workbook.Column{{Header: "品牌", Width: 14}, {Header: "申报单数", Width: 10, Kind: workbook.KindInt},
			{Header: "申报金额", Width: 14, Kind: workbook.KindMoney}, {Header: "核销金额", Width: 14, Kind: workbook.KindMoney},
			{Header: "已到账", Width: 14, Kind: workbook.KindMoney}, {Header: "尚欠", Width: 14, Kind: workbook.KindMoney},
			{Header: "30天内", Width: 12, Kind: workbook.KindMoney}, {Header: "31-60天", Width: 12, Kind: workbook.KindMoney},
			{Header: "61-90天", Width: 12, Kind: workbook.KindMoney}, {Header: "90天以上", Width: 12, Kind: workbook.KindMoney}},
			func(add func(values ...any) error) error {
				for _, r := range rs {
					if err := add(r.Brand, int64(r.Claims), r.Claimed, r.Approved, r.Received, r.Outstanding, r.Age0, r.Age30, r.Age60, r.Age90); err != nil {
						return err
					}
				}
				return nil
			})
	default:
		return 0, errs.Invalid("kind", "没有这种报表")
	}
	if err != nil {
		return n, err
	}
	return n, b.Write(w)
}
