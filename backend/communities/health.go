package communities

import (
	"context"
	"slices"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Health is one group's vital signs on the health page; the list is its ranking.
type Health struct {
	Group
	Joins30      int    `json:"joins30"`
	Leaves30     int    `json:"leaves30"`
	Activities30 int    `json:"activities30"`
	LastActivity string `json:"lastActivity"`
	Sales90Fen   int64  `json:"sales90Fen"` // purchases recorded as coming from the group, refunds deducted
	Cost90Fen    int64  `json:"cost90Fen"`
	Dormant      bool   `json:"dormant"`  // live but nothing logged for 30 days
	Oversize     bool   `json:"oversize"` // past the best size of 200
	Rank         int    `json:"rank"`
}

func daysBefore(today string, n int) string {
	t, _ := time.Parse(time.DateOnly, today)
	return t.AddDate(0, 0, -n).Format(time.DateOnly)
}

// HealthReport measures every group that is not dissolved as of today (YYYY-MM-DD) and ranks them by
// attributed sales, then activity, then size.
func HealthReport(ctx context.Context, q store.Querier, today string) ([]Health, error) {
	if today == "" {
		today = store.Today()
	}
	d30, d90 := daysBefore(today, 30), daysBefore(today, 90)
	groups, err := List(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []Health{}
	for _, g := range groups {
		if g.State == "已解散" {
			continue
		}
		h := Health{Group: g}
		err := q.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM community_members WHERE community_id = ?1 AND joined_on > ?2 AND joined_on <= ?4),
			(SELECT COUNT(*) FROM community_members WHERE community_id = ?1 AND left_on > ?2 AND left_on <= ?4),
			(SELECT COUNT(*) FROM community_activities WHERE community_id = ?1 AND date > ?2 AND date <= ?4),
			(SELECT COALESCE(MAX(date), '') FROM community_activities WHERE community_id = ?1 AND date <= ?4),
			(SELECT COALESCE(SUM(p.total_fen - COALESCE((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id), 0)), 0)
				FROM purchases p WHERE p.community_id = ?1 AND p.date > ?3 AND p.date <= ?4),
			(SELECT COALESCE(SUM(cost_fen), 0) FROM community_activities WHERE community_id = ?1 AND date > ?3 AND date <= ?4)`,
			g.ID, d30, d90, today).Scan(&h.Joins30, &h.Leaves30, &h.Activities30, &h.LastActivity, &h.Sales90Fen, &h.Cost90Fen)
		if err != nil {
			return nil, errs.Internal("group health", err)
		}
		h.Dormant = h.Activities30 == 0 && g.State != "筹建"
		h.Oversize = g.Members > BestSize
		out = append(out, h)
	}
	slices.SortStableFunc(out, func(a, b Health) int {
		switch {
		case a.Sales90Fen != b.Sales90Fen:
			return cmpDesc(a.Sales90Fen, b.Sales90Fen)
		case a.Activities30 != b.Activities30:
			return cmpDesc(int64(a.Activities30), int64(b.Activities30))
		default:
			return cmpDesc(int64(a.Members), int64(b.Members))
		}
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

func cmpDesc(a, b int64) int {
	if a > b {
		return -1
	}
	if a < b {
		return 1
	}
	return 0
}
