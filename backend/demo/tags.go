package demo

import (
	"context"
	"database/sql"
	"math/rand/v2"

	"jiuke/backend/scoring"
	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/tags"
)

// demoTags are the manual tags a Chengdu shop keeps, with the share of customers carrying each.
var demoTags = []struct {
	name, colour, group string
	share               int // per cent
}{
	{"酱香爱好者", "#8B1E3F", "口味", 30}, {"浓香爱好者", "#E6A23C", "口味", 25}, {"红酒爱好者", "#9B59B6", "口味", 12},
	{"商务宴请", "#409EFF", "场景", 18}, {"婚宴客户", "#F56C6C", "场景", 6}, {"收藏客户", "#67C23A", "场景", 5},
	{scoring.CircleTag, "#8B1E3F", "圈层", 3},
}

// fillTags tags the demo customers, marks a few opinion leaders, saves two segments and computes
// the smart tags. It draws from its own generator so the rest of the demo shop does not move.
func fillTags(ctx context.Context, tx *sql.Tx, ids []int64) error {
	r := rand.New(rand.NewPCG(Seed, 11))
	tagIDs := map[string]int64{}
	for _, d := range demoTags {
		t, err := tags.Ensure(ctx, tx, d.name, d.colour, d.group)
		if err != nil {
			return err
		}
		tagIDs[d.name] = t.ID
		var pick []int64
		for _, id := range ids {
			if r.IntN(100) < d.share {
				pick = append(pick, id)
			}
		}
		for len(pick) > 0 {
			n := min(len(pick), tags.MaxBulk)
			if _, _, err := tags.Apply(ctx, tx, t.ID, pick[:n]); err != nil {
				return err
			}
			pick = pick[n:]
		}
	}
	for _, id := range ids {
		if r.IntN(100) < 2 {
			if _, err := scoring.SetOpinionLeader(ctx, tx, id, true); err != nil {
				return err
			}
		}
	}
	f := func(v float64) *float64 { return &v }
	d := func(v int) *int { return &v }
	for _, s := range []segments.Input{
		{Name: "酱香商务客", Description: "酱香爱好者且有商务宴请，适合酱香品鉴会", Definition: segments.Node{Op: "AND", Items: []segments.Node{
			{Field: "tag", Cmp: "has", Num: f(float64(tagIDs["酱香爱好者"]))}, {Field: "tag", Cmp: "has", Num: f(float64(tagIDs["商务宴请"]))}}}},
		{Name: "半年未到店的老客", Description: "买过但180天没来，或一年消费过万", Definition: segments.Node{Op: "OR", Items: []segments.Node{
			{Field: "lastPurchase", Cmp: "olderThan", Days: d(180)}, {Field: "spend", Cmp: "gte", Num: f(10000), Days: d(365)}}}},
	} {
		if _, err := segments.Save(ctx, tx, 0, s, 0); err != nil {
			return err
		}
	}
	_, err := tags.RecomputeAll(ctx, tx, store.Today(), nil)
	return err
}
