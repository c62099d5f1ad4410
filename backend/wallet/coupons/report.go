package coupons

import (
	"context"
	"io"
	"sort"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// Range is a report's span of shop dates, both ends included.
type Range struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// ReportRow counts the ledger lines of one type or campaign in the span: coupons issued, used (and
// the money they took off), given back by a whole refund, voided and expired.
type ReportRow struct {
	Name        string `json:"name"`
	Issued      int64  `json:"issued"`
	Used        int64  `json:"used"`
	Returned    int64  `json:"returned"`
	Voided      int64  `json:"voided"`
	Expired     int64  `json:"expired"`
	DiscountFen int64  `json:"discountFen"`
}

// Report is the coupons' activity in a span, per type and per campaign, with the totals.
type Report struct {
	Range      Range       `json:"range"`
	ByType     []ReportRow `json:"byType"`
	ByCampaign []ReportRow `json:"byCampaign"`
	Total      ReportRow   `json:"total"`
}

// LoadReport counts the ledger by the day each line was written (an expiry counts on the day the
// sweep wrote it, the day after the coupon's last valid day).
func LoadReport(ctx context.Context, q store.Querier, r Range) (Report, error) {
	from, err1 := time.ParseInLocation(time.DateOnly, r.From, store.Shop)
	to, err2 := time.ParseInLocation(time.DateOnly, r.To, store.Shop)
	switch {
	case err1 != nil:
		return Report{}, errs.Invalid("from", "开始日期格式应为 2026-11-23")
	case err2 != nil:
		return Report{}, errs.Invalid("to", "结束日期格式应为 2026-11-23")
	case to.Before(from):
		return Report{}, errs.Invalid("to", "结束日期不能早于开始日期")
	case to.Sub(from) > 5*366*24*time.Hour:
		return Report{}, errs.Invalid("to", "报表跨度不能超过5年")
	}
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(t.name, c.name), c.campaign, e.kind, COUNT(*), SUM(e.discount_fen)
		FROM coupon_entries e JOIN coupons c ON c.id = e.coupon_id LEFT JOIN coupon_types t ON t.id = c.type_id
		WHERE e.created_at >= ? AND e.created_at < ? GROUP BY c.type_id, c.campaign, e.kind`,
		from.UTC().Format(time.RFC3339), to.AddDate(0, 0, 1).UTC().Format(time.RFC3339))
	if err != nil {
		return Report{}, errs.Internal("coupon report", err)
	}
	defer rows.Close()
	out := Report{Range: r, Total: ReportRow{Name: "合计"}}
	byType, byCampaign := map[string]*ReportRow{}, map[string]*ReportRow{}
	add := func(m map[string]*ReportRow, name, kind string, n, fen int64) {
		row := m[name]
		if row == nil {
			row = &ReportRow{Name: name}
			m[name] = row
		}
		switch kind {
		case EntryIssue:
			row.Issued += n
		case EntryUse:
			row.Used += n
			row.DiscountFen += fen
		case EntryReturn:
			row.Returned += n
		case EntryVoid:
			row.Voided += n
		case EntryExpire:
			row.Expired += n
		}
	}
	for rows.Next() {
		var typeName, campaign, kind string
		var n, fen int64
		if err := rows.Scan(&typeName, &campaign, &kind, &n, &fen); err != nil {
			return out, errs.Internal("scan coupon report", err)
		}
		if campaign == "" {
			campaign = "（未指定活动）"
		}
		add(byType, typeName, kind, n, fen)
		add(byCampaign, campaign, kind, n, fen)
		t := map[string]*ReportRow{"": &out.Total}
		add(t, "", kind, n, fen)
	}
	if err := rows.Err(); err != nil {
		return out, errs.Internal("coupon report", err)
	}
	out.ByType, out.ByCampaign = sorted(byType), sorted(byCampaign)
	return out, nil
}

func sorted(m map[string]*ReportRow) []ReportRow {
	out := make([]ReportRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Issued != out[j].Issued {
			return out[i].Issued > out[j].Issued
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// WriteReport writes the report as an .xlsx workbook: one sheet per type, one per campaign.
func WriteReport(w io.Writer, r Report) (int, error) {
	cols := func(first string) []sheets.ExportColumn {
		return []sheets.ExportColumn{{Header: first, Width: 22, Kind: sheets.KindText}, {Header: "发放", Width: 10, Kind: sheets.KindInt},
			{Header: "使用", Width: 10, Kind: sheets.KindInt}, {Header: "优惠金额", Width: 14, Kind: sheets.KindMoney},
			{Header: "整单退货退回", Width: 14, Kind: sheets.KindInt}, {Header: "作废", Width: 10, Kind: sheets.KindInt},
			{Header: "过期", Width: 10, Kind: sheets.KindInt}}
	}
	table := func(sheet, first string, list []ReportRow) sheets.Table {
		t := sheets.Table{Sheet: sheet, Cols: cols(first)}
		for _, x := range append(list, r.Total) {
			t.Rows = append(t.Rows, []any{x.Name, x.Issued, x.Used, x.DiscountFen, x.Returned, x.Voided, x.Expired})
		}
		return t
	}
	return sheets.WriteTables(w, []sheets.Table{table("按券类型", "券类型", r.ByType), table("按活动", "活动", r.ByCampaign)})
}
