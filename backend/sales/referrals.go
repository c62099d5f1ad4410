package sales

import (
	"context"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// ReferralNode is one customer in a referral circle, with what they have spent (refunds deducted).
type ReferralNode struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	ParentID int64  `json:"parentId"`
	Depth    int    `json:"depth"`
	SpendFen int64  `json:"spendFen"`
}

// ReferralCircle is who brought the customer and everyone they brought, directly or not.
type ReferralCircle struct {
	ReferredBy     []ReferralNode `json:"referredBy"` // nearest first
	Tree           []ReferralNode `json:"tree"`       // depth 1 = brought directly
	CircleSpendFen int64          `json:"circleSpendFen"`
}

const spendOf = `(SELECT COALESCE(SUM(p.total_fen - COALESCE((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id), 0)), 0)
	FROM purchases p WHERE p.customer_id = t.id)`

// Referrals builds the customer's referral circle, ten levels deep at most.
func Referrals(ctx context.Context, q store.Querier, customerID int64) (ReferralCircle, error) {
	out := ReferralCircle{ReferredBy: []ReferralNode{}, Tree: []ReferralNode{}}
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE t(id, name, parent, depth) AS (
			SELECT id, name, COALESCE(referrer_id, 0), 0 FROM customers WHERE id = ?
			UNION ALL
			SELECT c.id, c.name, COALESCE(c.referrer_id, 0), t.depth + 1 FROM customers c JOIN t ON c.referrer_id = t.id
			WHERE t.depth < 10 AND c.merged_into_id IS NULL)
		SELECT id, name, parent, depth, `+spendOf+` FROM t ORDER BY depth, id`, customerID)
	if err != nil {
		return out, errs.Internal("referral tree", err)
	}
	for rows.Next() {
		var n ReferralNode
		if err := rows.Scan(&n.ID, &n.Name, &n.ParentID, &n.Depth, &n.SpendFen); err != nil {
			rows.Close()
			return out, errs.Internal("scan referral", err)
		}
		out.CircleSpendFen += n.SpendFen
		if n.Depth > 0 {
			out.Tree = append(out.Tree, n)
		}
	}
	rows.Close()
	up, err := q.QueryContext(ctx, `WITH RECURSIVE t(id, name, parent, depth) AS (
			SELECT r.id, r.name, COALESCE(r.referrer_id, 0), 1 FROM customers c JOIN customers r ON r.id = c.referrer_id WHERE c.id = ?
			UNION ALL
			SELECT r.id, r.name, COALESCE(r.referrer_id, 0), t.depth + 1 FROM customers r JOIN t ON r.id = t.parent WHERE t.depth < 10)
		SELECT id, name, parent, depth, `+spendOf+` FROM t ORDER BY depth`, customerID)
	if err != nil {
		return out, errs.Internal("referred by", err)
	}
	defer up.Close()
	for up.Next() {
		var n ReferralNode
		if err := up.Scan(&n.ID, &n.Name, &n.ParentID, &n.Depth, &n.SpendFen); err != nil {
			return out, errs.Internal("scan referrer", err)
		}
		out.ReferredBy = append(out.ReferredBy, n)
	}
	return out, up.Err()
}
