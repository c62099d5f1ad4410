package banquets

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// TermsLine is one product's counts as the programme sees them.
type TermsLine struct {
	ProductID int64
	Delivered int64
	Returned  int64
	Opened    int64
	PerCase   int64
}

// TermsFacts are a banquet's counts for its programme to compute on.
type TermsFacts struct {
	ProgrammeID int64
	HeldAt      string // RFC 3339, UTC
	Tables      int64
	Lines       []TermsLine
}

// Terms are what the banquet's brand programme grants for a settlement's counts: the gifts per table
// and extra, and the rebates the distributor owes the outlet and the host.
type Terms struct {
	Programme       string   `json:"programme"`
	Gifts           []Gift   `json:"gifts"`
	RebateOutletFen int64    `json:"rebateOutletFen"`
	RebateHostFen   int64    `json:"rebateHostFen"`
	Notes           []string `json:"notes"` // e.g. no tier reached, outside the programme's dates
}

// The claims package registers the programme computation (claims imports banquets, never the reverse).
var programmeTerms func(ctx context.Context, q store.Querier, f TermsFacts) (Terms, error)

// RegisterProgrammeTerms sets the function that computes a programme's terms. Call it from an init function.
func RegisterProgrammeTerms(fn func(ctx context.Context, q store.Querier, f TermsFacts) (Terms, error)) {
	programmeTerms = fn
}

// ComputeTerms answers what the banquet's programme grants if it is settled with these counts; ok is
// false when the banquet joins no programme. Lines may be partial (the form as it is being filled):
// a product left out counts as nothing returned and nothing opened.
func ComputeTerms(ctx context.Context, q store.Querier, banquetID int64, lines []SettleLine) (Terms, bool, error) {
	b, err := Get(ctx, q, banquetID)
	if err != nil || b.ProgrammeID == 0 || programmeTerms == nil {
		return Terms{}, false, err
	}
	flows, err := Flows(ctx, q, banquetID)
	if err != nil {
		return Terms{}, false, err
	}
	f := TermsFacts{ProgrammeID: b.ProgrammeID, HeldAt: b.HeldAt, Tables: b.Tables}
	if err := each(ctx, q, `SELECT l.product_id, l.bottles_per_case FROM banquet_lines l WHERE l.banquet_id = ? ORDER BY l.id`, []any{banquetID},
		func(r *sql.Rows) error {
			var l TermsLine
			if err := r.Scan(&l.ProductID, &l.PerCase); err != nil {
				return err
			}
			l.Delivered = flows[l.ProductID].Out
			if i := slices.IndexFunc(lines, func(s SettleLine) bool { return s.ProductID == l.ProductID }); i >= 0 {
				l.Returned, l.Opened = max(lines[i].Returned, 0), max(lines[i].Opened, 0)
			}
			f.Lines = append(f.Lines, l)
			return nil
		}); err != nil {
		return Terms{}, false, err
	}
	t, err := programmeTerms(ctx, q, f)
	if t.Gifts == nil {
		t.Gifts = []Gift{}
	}
	if t.Notes == nil {
		t.Notes = []string{}
	}
	return t, err == nil, err
}

// checkOverride compares what the manager entered with what the programme computed: any difference
// needs a reason, which the settlement keeps beside both figures.
func checkOverride(t Terms, in SettleInput) error {
	var diffs []string
	if in.RebateOutletFen != t.RebateOutletFen {
		diffs = append(diffs, fmt.Sprintf("门店返利填%s，政策计算%s", yuan(in.RebateOutletFen), yuan(t.RebateOutletFen)))
	}
	if in.RebateHostFen != t.RebateHostFen {
		diffs = append(diffs, fmt.Sprintf("主家返利填%s，政策计算%s", yuan(in.RebateHostFen), yuan(t.RebateHostFen)))
	}
	entered, computed := giftTotals(in.Gifts), giftTotals(t.Gifts)
	for _, name := range giftNames(in.Gifts, t.Gifts) {
		if entered[name] != computed[name] {
			diffs = append(diffs, fmt.Sprintf("「%s」填%d份，政策计算%d份", name, entered[name], computed[name]))
		}
	}
	if len(diffs) == 0 || strings.TrimSpace(in.OverrideReason) != "" {
		return nil
	}
	return errs.Invalid("overrideReason", "与政策计算不符（"+strings.Join(diffs, "；")+"），请填写调整原因")
}

func giftTotals(gs []Gift) map[string]int64 {
	out := map[string]int64{}
	for _, g := range gs {
		out[strings.TrimSpace(g.Name)] += g.Quantity
	}
	return out
}

func giftNames(lists ...[]Gift) []string {
	var out []string
	for _, gs := range lists {
		for _, g := range gs {
			if n := strings.TrimSpace(g.Name); !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// termsJSON is what the settlement keeps of the computed figures.
func termsJSON(t Terms) string {
	b, _ := json.Marshal(t)
	return string(b)
}
