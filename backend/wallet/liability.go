package wallet

import (
	"context"
	"fmt"
	"sort"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// LiabilityQuery asks for the stored-value report: flows between From and To (YYYY-MM-DD, shop
// time) by day or month, and the outstanding balance at AsOf.
type LiabilityQuery struct {
	From string `json:"from"`
	To   string `json:"to"`
	By   string `json:"by"` // "day" or "month"
	AsOf string `json:"asOf"`
}

// Flow is one period's or one staff member's movements, in fen (principal and bonus together, the
// bonus also shown apart).
type Flow struct {
	Label       string `json:"label"`
	RechargeFen int64  `json:"rechargeFen"` // money paid in
	BonusFen    int64  `json:"bonusFen"`    // bonus given with recharges
	SpendFen    int64  `json:"spendFen"`
	RefundFen   int64  `json:"refundFen"` // returned to stored value by refunds
	CloseFen    int64  `json:"closeFen"`  // principal paid back by 退卡
	ForfeitFen  int64  `json:"forfeitFen"`
	OtherFen    int64  `json:"otherFen"` // adjustments and opening balances
}

// Quarter is the outstanding balance at the end of a quarter and the custody it calls for.
type Quarter struct {
	Label        string `json:"label"` // 2026年第3季度
	End          string `json:"end"`
	PrincipalFen int64  `json:"principalFen"`
	BonusFen     int64  `json:"bonusFen"`
	CustodyFen   int64  `json:"custodyFen"`
}

// Liability is the report (预收款).
type Liability struct {
	AsOf       string    `json:"asOf"`
	Balance    Balance   `json:"balance"`
	Periods    []Flow    `json:"periods"`
	Staff      []Flow    `json:"staff"`
	Quarters   []Quarter `json:"quarters"`
	CustodyPct int64     `json:"custodyPct"`
}

// endOf is the first instant after the shop day, in the ledger's UTC text.
func endOf(day time.Time) string {
	return day.AddDate(0, 0, 1).UTC().Format(time.RFC3339)
}

// BalanceAt is the shop's outstanding stored value at the end of the shop day.
func BalanceAt(ctx context.Context, q store.Querier, day time.Time) (Balance, error) {
	var b Balance
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(principal_fen), 0), COALESCE(SUM(bonus_fen), 0) FROM wallet_entries
		WHERE created_at < ?`, endOf(day)).Scan(&b.PrincipalFen, &b.BonusFen)
	if err != nil {
		return b, errs.Internal("balance at", err)
	}
	return b, nil
}

func parseDay(field, v string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, v, store.Shop)
	if err != nil {
		return d, errs.Invalid(field, "日期格式应为 2026-11-23")
	}
	return d, nil
}

// LoadLiability builds the report. The range is at most three years.
func LoadLiability(ctx context.Context, q store.Querier, in LiabilityQuery) (Liability, error) {
	today := store.Today()
	if in.To == "" {
		in.To = today
	}
	if in.AsOf == "" {
		in.AsOf = in.To
	}
	if in.From == "" {
		in.From = in.To[:8] + "01"
	}
	from, err := parseDay("from", in.From)
	if err != nil {
		return Liability{}, err
	}
	to, err := parseDay("to", in.To)
	if err != nil {
		return Liability{}, err
	}
	asOf, err := parseDay("asOf", in.AsOf)
	if err != nil {
		return Liability{}, err
	}
	if to.Before(from) {
		return Liability{}, errs.Invalid("to", "结束日期不能早于开始日期")
	}
	if to.After(from.AddDate(3, 0, 0)) {
		return Liability{}, errs.Invalid("to", "一次最多查询三年")
	}
	if in.By != "month" {
		in.By = "day"
	}
	rules, err := LoadRules(ctx, q)
	if err != nil {
		return Liability{}, err
	}
	out := Liability{AsOf: in.AsOf, CustodyPct: rules.CustodyPct, Periods: []Flow{}, Staff: []Flow{}, Quarters: []Quarter{}}
	if out.Balance, err = BalanceAt(ctx, q, asOf); err != nil {
		return out, err
	}
	rows, err := q.QueryContext(ctx, `SELECT e.created_at, e.kind, e.principal_fen, e.bonus_fen, COALESCE(s.name, '')
		FROM wallet_entries e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.created_at >= ? AND e.created_at < ?`,
		from.UTC().Format(time.RFC3339), endOf(to))
	if err != nil {
		return out, errs.Internal("liability flows", err)
	}
	periods, staff := map[string]*Flow{}, map[string]*Flow{}
	for rows.Next() {
		var at, kind, who string
		var p, b int64
		if err := rows.Scan(&at, &kind, &p, &b, &who); err != nil {
			rows.Close()
			return out, errs.Internal("scan flow", err)
		}
		t, _ := time.Parse(time.RFC3339, at)
		key := t.In(store.Shop).Format(time.DateOnly)
		if in.By == "month" {
			key = key[:7]
		}
		if who == "" {
			who = "（系统）"
		}
		for _, f := range []*Flow{get(periods, key), get(staff, who)} {
			add(f, kind, p, b)
		}
	}
	rows.Close()
	out.Periods, out.Staff = sorted(periods), sorted(staff)
	out.Quarters, err = quarters(ctx, q, asOf, rules.CustodyPct)
	return out, err
}

func get(m map[string]*Flow, k string) *Flow {
	if m[k] == nil {
		m[k] = &Flow{Label: k}
	}
	return m[k]
}

func add(f *Flow, kind string, p, b int64) {
	switch kind {
	case KindRecharge:
		f.RechargeFen += p
		f.BonusFen += b
	case KindSpend:
		f.SpendFen -= p + b
	case KindRefund:
		f.RefundFen += p + b
	case KindClose:
		f.CloseFen -= p
		f.ForfeitFen -= b
	case KindTransferIn, KindTransferOut: // a merge moves money between customers, not in or out
	default:
		f.OtherFen += p + b
	}
}

func sorted(m map[string]*Flow) []Flow {
	out := make([]Flow, 0, len(m))
	for _, f := range m {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// quarters are the last eight quarter ends up to asOf, newest first, with the custody each calls for
// (the rules base custody on the previous quarter's prepaid balance).
func quarters(ctx context.Context, q store.Querier, asOf time.Time, pct int64) ([]Quarter, error) {
	first := time.Date(asOf.Year(), time.Month((int(asOf.Month())-1)/3*3+1), 1, 0, 0, 0, 0, store.Shop)
	out := []Quarter{}
	for i := 0; i < 8; i++ {
		start := first.AddDate(0, -3*i, 0)
		end := start.AddDate(0, 3, -1)
		if end.After(asOf) {
			continue // the quarter is not over yet
		}
		b, err := BalanceAt(ctx, q, end)
		if err != nil {
			return nil, err
		}
		out = append(out, Quarter{Label: fmt.Sprintf("%d年第%d季度", start.Year(), (int(start.Month())-1)/3+1), End: end.Format(time.DateOnly),
			PrincipalFen: b.PrincipalFen, BonusFen: b.BonusFen, CustodyFen: (b.PrincipalFen + b.BonusFen) * pct / 100})
	}
	return out, nil
}
