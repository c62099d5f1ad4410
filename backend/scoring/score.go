package scoring

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"sort"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// Score is one customer's score with every part that went into it, so staff can see why.
type Score struct {
	CustomerID  int64  `json:"customerId"`
	Name        string `json:"name"`
	LevelName   string `json:"levelName"`
	LevelColour string `json:"levelColour"`
	TopLevel    bool   `json:"topLevel"`

	// Buying power: where the 12-month spend stands among everyone who spent (percentile).
	Spend12mFen int64   `json:"spend12mFen"`
	BuyingPower float64 `json:"buyingPower"`
	// Influence: 20 per referral (at most 60), 1 per ¥1,000 the referred spent in 12 months
	// (at most 40), 40 for a 意见领袖; capped at 100.
	Referrals        int     `json:"referrals"`
	ReferredSpendFen int64   `json:"referredSpendFen"`
	OpinionLeader    bool    `json:"opinionLeader"`
	Influence        float64 `json:"influence"`
	// Participation: 25 per event attended and 10 per follow-up in the last 12 months; capped at 100.
	Events        int     `json:"events"`
	FollowUps     int     `json:"followUps"`
	Participation float64 `json:"participation"`

	Total     float64 `json:"total"`
	Rank      int     `json:"rank"`
	InCircle  bool    `json:"inCircle"`
	Suggested bool    `json:"suggested"`
}

// CircleTag is the manual tag the VIP circle (VIP圈) is kept with.
const CircleTag = "VIP圈"

// SuggestTop is how far down the ranking "建议纳入VIP圈" looks; SuggestMin the score it needs.
const (
	SuggestTop = 20
	SuggestMin = 40
)

const scoreSQL = `WITH spend AS (
	SELECT p.customer_id AS id, SUM(p.total_fen - COALESCE((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id), 0)) AS fen
	FROM purchases p WHERE p.date > ? GROUP BY p.customer_id),
ranked AS (SELECT id, fen, CUME_DIST() OVER (ORDER BY fen) AS pct FROM spend WHERE fen > 0),
refs AS (SELECT r.referrer_id AS id, COUNT(*) AS n, COALESCE(SUM(s.fen), 0) AS fen FROM customers r LEFT JOIN spend s ON s.id = r.id
	WHERE r.referrer_id IS NOT NULL AND r.merged_into_id IS NULL GROUP BY r.referrer_id),
ev AS (SELECT g.customer_id AS id, COUNT(*) AS n FROM event_guests g JOIN events e ON e.id = g.event_id
	WHERE g.status = 'checked_in' AND substr(e.starts_at, 1, 10) > ? GROUP BY g.customer_id),
fu AS (SELECT customer_id AS id, COUNT(*) AS n FROM follow_ups WHERE date > ? GROUP BY customer_id)
SELECT c.id, c.name, c.opinion_leader, COALESCE(rk.fen, 0), COALESCE(rk.pct, 0), COALESCE(rf.n, 0), COALESCE(rf.fen, 0),
	COALESCE(ev.n, 0), COALESCE(fu.n, 0), COALESCE(l.name, ''), COALESCE(l.colour, ''),
	COALESCE(l.rank = (SELECT MAX(rank) FROM member_levels), 0),
	EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id AND t.name = ?)
FROM customers c LEFT JOIN ranked rk ON rk.id = c.id LEFT JOIN refs rf ON rf.id = c.id LEFT JOIN ev ON ev.id = c.id
	LEFT JOIN fu ON fu.id = c.id LEFT JOIN memberships m ON m.customer_id = c.id LEFT JOIN member_levels l ON l.id = m.level_id
WHERE c.archived = 0`

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// compute scores every active customer (or just one, id != 0) as of today.
func compute(ctx context.Context, q store.Querier, w Weights, today string, id int64) ([]Score, error) {
	since := segments.DaysBefore(today, 365)
	query, args := scoreSQL, []any{since, since, since, CircleTag}
	if id != 0 {
		query += ` AND c.id = ?`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Internal("scores", err)
	}
	defer rows.Close()
	sum := w.Buying + w.Influence + w.Participation
	out := []Score{}
	for rows.Next() {
		var s Score
		var pct float64
		if err := rows.Scan(&s.CustomerID, &s.Name, &s.OpinionLeader, &s.Spend12mFen, &pct, &s.Referrals, &s.ReferredSpendFen,
			&s.Events, &s.FollowUps, &s.LevelName, &s.LevelColour, &s.TopLevel, &s.InCircle); err != nil {
			return nil, errs.Internal("scan score", err)
		}
		s.BuyingPower = round1(100 * pct)
		inf := math.Min(60, 20*float64(s.Referrals)) + math.Min(40, float64(s.ReferredSpendFen)/100_000)
		if s.OpinionLeader {
			inf += 40
		}
		s.Influence = round1(math.Min(100, inf))
		s.Participation = round1(math.Min(100, 25*float64(s.Events)+10*float64(s.FollowUps)))
		if sum > 0 {
			s.Total = round1((w.Buying*s.BuyingPower + w.Influence*s.Influence + w.Participation*s.Participation) / sum)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Ranking is the ranked list with the weights used.
type Ranking struct {
	Items   []Score `json:"items"`
	Total   int     `json:"total"`
	Weights Weights `json:"weights"`
}

// Rank returns the top limit customers by total score (ties by spend, then id), with suggestions:
// among the top SuggestTop, scoring at least SuggestMin, not yet in the VIP circle.
func Rank(ctx context.Context, q store.Querier, limit int, today string) (Ranking, error) {
	w, err := LoadWeights(ctx, q)
	if err != nil {
		return Ranking{}, err
	}
	all, err := compute(ctx, q, w, today, 0)
	if err != nil {
		return Ranking{}, err
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		if a.Spend12mFen != b.Spend12mFen {
			return a.Spend12mFen > b.Spend12mFen
		}
		return a.CustomerID < b.CustomerID
	})
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	r := Ranking{Total: len(all), Weights: w}
	for i := range all {
		all[i].Rank = i + 1
		all[i].Suggested = i < SuggestTop && all[i].Total >= SuggestMin && !all[i].InCircle
	}
	r.Items = all[:min(limit, len(all))]
	return r, nil
}

// Totals is every active customer's total score, for seating guests by importance.
func Totals(ctx context.Context, q store.Querier, today string) (map[int64]float64, error) {
	w, err := LoadWeights(ctx, q)
	if err != nil {
		return nil, err
	}
	all, err := compute(ctx, q, w, today, 0)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]float64, len(all))
	for _, s := range all {
		out[s.CustomerID] = s.Total
	}
	return out, nil
}

// Of is one customer's score and parts, for the customer page.
func Of(ctx context.Context, q store.Querier, customerID int64, today string) (Score, error) {
	w, err := LoadWeights(ctx, q)
	if err != nil {
		return Score{}, err
	}
	s, err := compute(ctx, q, w, today, customerID)
	if err != nil {
		return Score{}, err
	}
	if len(s) == 0 {
		return Score{}, errs.NotFound("客户不存在或已停用")
	}
	return s[0], nil
}

// SetOpinionLeader marks or unmarks a customer as 意见领袖.
func SetOpinionLeader(ctx context.Context, tx *sql.Tx, customerID int64, on bool) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, customerID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.NotFound("客户不存在")
	}
	if err != nil {
		return "", errs.Internal("get customer", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET opinion_leader = ? WHERE id = ?`, on, customerID); err != nil {
		return "", errs.Internal("set opinion leader", err)
	}
	return name, nil
}
