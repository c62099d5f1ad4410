package claims

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Dimensions the banquet report groups by, besides the month.
var Dimensions = map[string]string{"kind": "宴席类型", "district": "区域", "outlet": "酒店/终端", "staff": "负责员工"}

// BanquetStat is one month and one group of banquets: how many, how big, and the bottles that went
// out, were opened and came back.
type BanquetStat struct {
	Month     string `json:"month"`
	Key       string `json:"key"`
	Banquets  int64  `json:"banquets"`
	Tables    int64  `json:"tables"`
	Delivered int64  `json:"delivered"`
	Opened    int64  `json:"opened"`
	Returned  int64  `json:"returned"`
}

// BanquetStats groups the banquets held from..to (shop-local days, inclusive; cancelled ones left out)
// by month and the chosen dimension.
func BanquetStats(ctx context.Context, q store.Querier, from, to, by string) ([]BanquetStat, error) {
	key, ok := map[string]string{
		"kind":     `b.kind`,
		"district": `COALESCE(NULLIF(v.district, ''), '未填区域')`,
		"outlet":   `COALESCE(NULLIF(v.shop_name, ''), v.name)`,
		"staff":    `COALESCE(s.name, '未指定')`,
	}[by]
	if !ok {
		return nil, errs.Invalid("by", "请选择按类型、区域、酒店或员工统计")
	}
	lo, hi, err := dayRange(from, to)
	if err != nil {
		return nil, err
	}
	type agg struct{ out, opened, returned int64 }
	var stats []BanquetStat
	idx := map[[2]string]int{}
	err = store.Each(ctx, q, `SELECT b.held_at, `+key+`, b.tables_count,
			COALESCE((SELECT SUM(bottles) FROM stock_movements m WHERE m.banquet_id = b.id AND m.kind = 'out'), 0),
			COALESCE((SELECT SUM(bottles) FROM stock_movements m WHERE m.banquet_id = b.id AND m.kind = 'opened'), 0),
			COALESCE((SELECT SUM(bottles) FROM stock_movements m WHERE m.banquet_id = b.id AND m.kind = 'returned'), 0)
		FROM banquets b JOIN customers v ON v.id = b.venue_id LEFT JOIN staff s ON s.id = b.staff_id
		WHERE b.state != '取消' AND b.held_at >= ? AND b.held_at < ? ORDER BY b.held_at`, []any{lo, hi}, func(r *sql.Rows) error {
		var held, k string
		var tables int64
		var a agg
		if err := r.Scan(&held, &k, &tables, &a.out, &a.opened, &a.returned); err != nil {
			return err
		}
		month := localDate(held)[:7]
		i, ok := idx[[2]string{month, k}]
		if !ok {
			i = len(stats)
			idx[[2]string{month, k}] = i
			stats = append(stats, BanquetStat{Month: month, Key: k})
		}
		s := &stats[i]
		s.Banquets++
		s.Tables += tables
		s.Delivered += a.out
		s.Opened += a.opened
		s.Returned += a.returned
		return nil
	})
	if stats == nil {
		stats = []BanquetStat{}
	}
	return stats, err
}

// ProgrammeROI is what a programme paid out against the sales it brought.
type ProgrammeROI struct {
	ProgrammeID int64  `json:"programmeId"`
	Brand       string `json:"brand"`
	Name        string `json:"name"`
	Banquets    int64  `json:"banquets"`
	Events      int64  `json:"events"`
	Cost        int64  `json:"cost"`       // gifts, rebates and sponsorship the programme earns
	OwnSales    int64  `json:"ownSales"`   // what the banquets' opened bottles were sold for
	LaterSales  int64  `json:"laterSales"` // hosts' purchases within Days after their banquet, net of refunds
	Days        int    `json:"days"`
}

// ProgrammeROIs measures every programme: its cost is what its banquets and sponsored tastings earn
// under its rules; its sales are the banquets' own settled sales plus what each host bought in the
// days after. (Banquet guests are not recorded one by one, so their later purchases are not counted.)
func ProgrammeROIs(ctx context.Context, q store.Querier, days int) ([]ProgrammeROI, error) {
	if days <= 0 || days > 730 {
		return nil, errs.Invalid("days", "统计天数应在1到730之间")
	}
	ps, err := Programmes(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []ProgrammeROI{}
	for _, p := range ps {
		items, err := Candidates(ctx, q, p.ID)
		if err != nil {
			return nil, err
		}
		r := ProgrammeROI{ProgrammeID: p.ID, Brand: p.Brand, Name: p.Name, Days: days}
		for _, it := range items {
			r.Cost += it.Amount
			if it.Kind == KindEvent {
				r.Events++
				continue
			}
			r.Banquets++
			var own, later int64
			var held string
			if err := q.QueryRowContext(ctx, `SELECT b.held_at, COALESCE(s.goods_fen, 0) FROM banquets b
				LEFT JOIN banquet_settlements s ON s.banquet_id = b.id WHERE b.id = ?`, it.RefID).Scan(&held, &own); err != nil {
				return nil, err
			}
			start := localDate(held)
			t, _ := time.Parse(time.DateOnly, start)
			end := t.AddDate(0, 0, days).Format(time.DateOnly)
			if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(total_fen - refunded_fen), 0) FROM purchases
				WHERE customer_id = ? AND date > ? AND date <= ?`, it.HostID, start, end).Scan(&later); err != nil {
				return nil, err
			}
			r.OwnSales += own
			r.LaterSales += later
		}
		out = append(out, r)
	}
	return out, nil
}

// dayRange turns shop-local days into the UTC bounds banquets.held_at is compared with.
func dayRange(from, to string) (string, string, error) {
	if from == "" {
		from = "2000-01-01"
	}
	if to == "" {
		to = "2999-12-31"
	}
	lo, err1 := time.ParseInLocation(time.DateOnly, from, store.Shop)
	hi, err2 := time.ParseInLocation(time.DateOnly, to, store.Shop)
	switch {
	case err1 != nil:
		return "", "", errs.Invalid("from", "开始日期格式应为 2026-01-31")
	case err2 != nil:
		return "", "", errs.Invalid("to", "结束日期格式应为 2026-01-31")
	case hi.Before(lo):
		return "", "", errs.Invalid("to", "结束日期不能早于开始日期")
	}
	return lo.UTC().Format(time.RFC3339), hi.AddDate(0, 0, 1).UTC().Format(time.RFC3339), nil
}

// String is a report row as one line, for logs and tests.
func (s BanquetStat) String() string {
	return fmt.Sprintf("%s %s: %d场 %d桌 出%d 开%d 退%d", s.Month, s.Key, s.Banquets, s.Tables, s.Delivered, s.Opened, s.Returned)
}
