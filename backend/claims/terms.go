package claims

import (
	"context"
	"fmt"
	"slices"

	"jiuke/backend/banquets"
	"jiuke/backend/store"
)

// The banquet settlement form is prefilled with what the banquet's programme grants, computed here by
// the same rules a claim uses.
func init() { banquets.RegisterProgrammeTerms(settlementTerms) }

// programmeFacts sums a banquet's counts as the programme counts them: only its products, cases kept
// (delivered less returned, whole cases) and bottles opened.
func programmeFacts(p Programme, lines []banquets.TermsLine, tables int64) BanquetFacts {
	f := BanquetFacts{Tables: tables}
	for _, l := range lines {
		if len(p.ProductIDs) > 0 && !slices.Contains(p.ProductIDs, l.ProductID) {
			continue
		}
		f.Cases += (l.Delivered - l.Returned) / max(l.PerCase, 1)
		f.Opened += l.Opened
	}
	return f
}

// settlementTerms computes the gifts (per table and extra, by the tier reached) and the outlet's and
// host's rebates for a settlement's counts.
func settlementTerms(ctx context.Context, q store.Querier, in banquets.TermsFacts) (banquets.Terms, error) {
	p, err := GetProgramme(ctx, q, in.ProgrammeID)
	if err != nil {
		return banquets.Terms{}, err
	}
	f := programmeFacts(p, in.Lines, in.Tables)
	e := p.Rules.BanquetEarns(f)
	t := banquets.Terms{Programme: p.Brand + " " + p.Name, Gifts: []banquets.Gift{}, RebateOutletFen: e.Outlet, RebateHostFen: e.Host, Notes: []string{}}
	if e.Tier >= 0 {
		tier := p.Rules.Banquet.Tiers[e.Tier]
		for _, g := range tier.PerTable {
			t.Gifts = append(t.Gifts, banquets.Gift{Name: g.Name, PerTable: g.Qty, Quantity: g.Qty * in.Tables})
		}
		for _, g := range tier.Extra {
			t.Gifts = append(t.Gifts, banquets.Gift{Name: g.Name, Quantity: g.Qty})
		}
	} else if len(p.Rules.Banquet.Tiers) > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("未达到礼品门槛（本场%d箱、%d桌）", f.Cases, f.Tables))
	}
	if e.RebateCapped {
		t.Notes = append(t.Notes, fmt.Sprintf("返利已按每场封顶%s计", yuan(p.Rules.Banquet.RebateCap)))
	}
	if d := localDate(in.HeldAt); d < p.StartsOn || d > p.EndsOn {
		t.Notes = append(t.Notes, fmt.Sprintf("宴席日期不在政策期内（%s 至 %s），厂家可能不予核销", p.StartsOn, p.EndsOn))
	}
	return t, nil
}
