package sales

import (
	"context"
	"math"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

const purchaseCols = `p.id, p.customer_id, c.name, COALESCE(s.name, ''), COALESCE(g.name, ''), p.date, p.total_fen,
	COALESCE((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id), 0), p.points_earned, p.note, p.coupon_fen`
const purchaseFrom = ` FROM purchases p JOIN customers c ON c.id = p.customer_id LEFT JOIN staff s ON s.id = p.staff_id
	LEFT JOIN communities g ON g.id = p.community_id`

// Get loads one purchase with its lines.
func Get(ctx context.Context, q store.Querier, id int64) (Purchase, error) {
	list, err := list(ctx, q, ` WHERE p.id = ?`, id)
	if err != nil {
		return Purchase{}, err
	}
	if len(list) == 0 {
		return Purchase{}, errs.NotFound("消费记录不存在")
	}
	return list[0], nil
}

// Page asks for the next purchases of a list, newest first: those after (older than) the last one
// shown, by its date and id; zero values for the first page.
type Page struct {
	BeforeDate string
	BeforeID   int64
	Limit      int
}

// ForCustomer lists a customer's purchases, newest first, a page at a time.
func ForCustomer(ctx context.Context, q store.Querier, customerID int64, pg Page) ([]Purchase, error) {
	if pg.Limit <= 0 || pg.Limit > 500 {
		pg.Limit = 100
	}
	if pg.BeforeID <= 0 { // the first page: after every date and id there is
		pg.BeforeDate, pg.BeforeID = "9999-12-31", math.MaxInt64
	}
	return list(ctx, q, ` WHERE p.customer_id = ? AND (p.date, p.id) < (?, ?) ORDER BY p.date DESC, p.id DESC LIMIT ?`,
		customerID, pg.BeforeDate, pg.BeforeID, pg.Limit)
}

func list(ctx context.Context, q store.Querier, where string, args ...any) ([]Purchase, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+purchaseCols+purchaseFrom+where, args...)
	if err != nil {
		return nil, errs.Internal("list purchases", err)
	}
	out := []Purchase{}
	for rows.Next() {
		var p Purchase
		if err := rows.Scan(&p.ID, &p.CustomerID, &p.CustomerName, &p.StaffName, &p.CommunityName, &p.Date, &p.TotalFen, &p.RefundedFen, &p.PointsEarned, &p.Note, &p.CouponFen); err != nil {
			rows.Close()
			return nil, errs.Internal("scan purchase", err)
		}
		p.DueFen = p.TotalFen - p.CouponFen
		out = append(out, p)
	}
	rows.Close()
	for i := range out {
		if out[i].Lines, err = lines(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
		if out[i].Payments, err = Payments(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
		if out[i].Refunds, err = refundsOf(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func lines(ctx context.Context, q store.Querier, purchaseID int64) ([]Line, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.id, COALESCE(l.product_id, 0), l.product_name, l.category, l.qty, l.unit_fen, l.amount_fen, l.points,
		COALESCE((SELECT SUM(rl.qty) FROM refund_lines rl WHERE rl.line_id = l.id), 0)
		FROM purchase_lines l WHERE l.purchase_id = ? ORDER BY l.id`, purchaseID)
	if err != nil {
		return nil, errs.Internal("purchase lines", err)
	}
	defer rows.Close()
	out := []Line{}
	for rows.Next() {
		var l Line
		if err := rows.Scan(&l.ID, &l.ProductID, &l.ProductName, &l.Category, &l.Qty, &l.UnitFen, &l.AmountFen, &l.Points, &l.RefundedQty); err != nil {
			return nil, errs.Internal("scan line", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// RefundRef is one refund of a purchase as its history row shows it (times UTC, RFC 3339).
type RefundRef struct {
	ID        int64  `json:"id"`
	AmountFen int64  `json:"amountFen"`
	CreatedAt string `json:"createdAt"`
}

func refundsOf(ctx context.Context, q store.Querier, purchaseID int64) ([]RefundRef, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, amount_fen, created_at FROM refunds WHERE purchase_id = ? ORDER BY id`, purchaseID)
	if err != nil {
		return nil, errs.Internal("purchase refunds", err)
	}
	defer rows.Close()
	out := []RefundRef{}
	for rows.Next() {
		var r RefundRef
		if err := rows.Scan(&r.ID, &r.AmountFen, &r.CreatedAt); err != nil {
			return nil, errs.Internal("scan refund", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
