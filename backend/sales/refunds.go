package sales

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// RefundLine asks to return Qty of one purchase line.
type RefundLine struct {
	LineID int64 `json:"lineId"`
	Qty    int64 `json:"qty"`
}

// RefundInput returns all that is left of a purchase (All) or the given lines.
type RefundInput struct {
	PurchaseID int64        `json:"purchaseId"`
	All        bool         `json:"all"`
	Lines      []RefundLine `json:"lines"`
	Reason     string       `json:"reason"`
	Key        string       `json:"key"`
}

// RefundPlan is what the clerk sees before confirming: the money back, the points taken back, and,
// when the customer already spent those points, the shortfall turned into money off the refund.
type RefundPlan struct {
	AmountFen       int64 `json:"amountFen"`
	PointsToReverse int64 `json:"pointsToReverse"`
	Balance         int64 `json:"balance"`
	ReversePoints   int64 `json:"reversePoints"`
	ShortfallPoints int64 `json:"shortfallPoints"`
	PointValueFen   int64 `json:"pointValueFen"`
	DeductFen       int64 `json:"deductFen"`
	// CouponFen is the coupon discount of the purchase this refund keeps back: a refund pays back at
	// most what was paid, so the first refunds of a coupon sale keep its discount until all is kept.
	CouponFen int64 `json:"couponFen"`
	PaidFen   int64 `json:"paidFen"`
	// Whole is set when this refund returns everything left of the purchase.
	Whole bool `json:"whole"`
	// LevelFrom and LevelTo are set when the refund undoes the upgrade this purchase caused: the
	// member goes back from LevelFrom to LevelTo (see members.PlanRevert for the rule).
	LevelFrom  string `json:"levelFrom"`
	LevelTo    string `json:"levelTo"`
	SpendAfter int64  `json:"spendAfterFen"`
	// Payback is where PaidFen goes back, by payment method (stored value first); empty for a
	// purchase recorded without payments.
	Payback []Payment `json:"payback"`
	// RefundID is the stored refund, once made (its receipt prints from it).
	RefundID int64 `json:"refundId"`
	revert   members.Revert
	lines    []planLine
	purchase Purchase
}

type planLine struct {
	lineID, qty, amount, points int64
}

// PlanRefund works out a refund without changing anything.
func PlanRefund(ctx context.Context, q store.Querier, in RefundInput) (RefundPlan, error) {
	p, err := Get(ctx, q, in.PurchaseID)
	if err != nil {
		return RefundPlan{}, err
	}
	want := map[int64]int64{}
	if in.All {
		for _, l := range p.Lines {
			if left := l.Qty - l.RefundedQty; left > 0 {
				want[l.ID] = left
			}
		}
		if len(want) == 0 {
			return RefundPlan{}, errs.Conflict("", "该消费已全部退货", nil)
		}
	} else {
		if len(in.Lines) == 0 {
			return RefundPlan{}, errs.Invalid("lines", "请选择要退的商品")
		}
		for i, rl := range in.Lines {
			if rl.Qty <= 0 {
				return RefundPlan{}, errs.Invalid(fmt.Sprintf("lines[%d].qty", i), fmt.Sprintf("第%d行退货数量应大于0", i+1))
			}
			want[rl.LineID] += rl.Qty
		}
	}
	plan := RefundPlan{purchase: p}
	found := 0
	for _, l := range p.Lines {
		qty, ok := want[l.ID]
		if !ok {
			continue
		}
		found++
		left := l.Qty - l.RefundedQty
		if qty > left {
			return RefundPlan{}, errs.Invalid("lines", fmt.Sprintf("「%s」最多可退 %d 件", l.ProductName, left))
		}
		var reversed int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(points), 0) FROM refund_lines WHERE line_id = ?`, l.ID).Scan(&reversed); err != nil {
			return RefundPlan{}, errs.Internal("reversed points", err)
		}
		pts := l.Points * qty / l.Qty
		if qty == left {
			pts = l.Points - reversed // the last return of a line takes back exactly what is left
		}
		pl := planLine{lineID: l.ID, qty: qty, amount: l.UnitFen * qty, points: pts}
		plan.lines = append(plan.lines, pl)
		plan.AmountFen += pl.amount
		plan.PointsToReverse += pl.points
	}
	if found != len(want) {
		return RefundPlan{}, errs.Invalid("lines", "退货的商品不属于这笔消费")
	}
	plan.Whole = true
	for _, l := range p.Lines {
		if l.Qty-l.RefundedQty != want[l.ID] {
			plan.Whole = false
		}
	}
	rules, err := points.LoadRules(ctx, q)
	if err != nil {
		return RefundPlan{}, err
	}
	if plan.Balance, err = points.Balance(ctx, q, p.CustomerID); err != nil {
		return RefundPlan{}, err
	}
	plan.ReversePoints = min(plan.PointsToReverse, max(plan.Balance, 0))
	plan.ShortfallPoints = plan.PointsToReverse - plan.ReversePoints
	plan.PointValueFen = rules.PointValueFen
	plan.DeductFen = min(plan.ShortfallPoints*rules.PointValueFen, plan.AmountFen)
	if p.CouponFen > 0 {
		var kept int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(coupon_fen), 0) FROM refunds WHERE purchase_id = ?`, p.ID).Scan(&kept); err != nil {
			return RefundPlan{}, errs.Internal("coupon kept", err)
		}
		plan.CouponFen = min(p.CouponFen-kept, plan.AmountFen-plan.DeductFen)
	}
	plan.PaidFen = plan.AmountFen - plan.DeductFen - plan.CouponFen
	if plan.Payback, err = payback(ctx, q, p.ID, plan.PaidFen); err != nil {
		return RefundPlan{}, err
	}
	if err := planLevel(ctx, q, &plan); err != nil {
		return RefundPlan{}, err
	}
	return plan, nil
}

// planLevel works out the 12-month spend after the refund and whether it undoes the upgrade the
// purchase caused. A purchase older than the 12 months no longer counts toward the level, so its
// refund changes nothing there.
func planLevel(ctx context.Context, q store.Querier, plan *RefundPlan) error {
	today := store.Today()
	if p := plan.purchase; p.Date <= since12m(today) || p.Date > today {
		return nil
	}
	spend, err := Spend12m(ctx, q, plan.purchase.CustomerID, today)
	if err != nil {
		return err
	}
	plan.SpendAfter = spend - plan.AmountFen
	if plan.revert, err = members.PlanRevert(ctx, q, plan.purchase.CustomerID, plan.purchase.ID, plan.SpendAfter); err != nil {
		return err
	}
	plan.LevelFrom, plan.LevelTo = plan.revert.From, plan.revert.To
	return nil
}

// Refund carries out a plan in the caller's transaction.
func Refund(ctx context.Context, tx *sql.Tx, in RefundInput, staffID int64) (RefundPlan, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if strings.TrimSpace(in.Key) == "" {
		return RefundPlan{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.First(errs.Text("key", "请求编号", in.Key, errs.KeyLen), errs.Text("reason", "退货原因", in.Reason, errs.LineLen)); err != nil {
		return RefundPlan{}, err
	}
	// A retried request (the answer was lost) gets the refund it already made.
	var done RefundPlan
	var doneID int64
	err := tx.QueryRowContext(ctx, `SELECT id, amount_fen, points_reversed + shortfall_points, points_reversed, shortfall_points, deduct_fen, paid_fen, coupon_fen
		FROM refunds WHERE idem_key = ?`, in.Key).Scan(&doneID, &done.AmountFen, &done.PointsToReverse, &done.ReversePoints, &done.ShortfallPoints, &done.DeductFen, &done.PaidFen,
		&done.CouponFen)
	if err == nil {
		done.RefundID = doneID
		done.Payback, err = readPayments(ctx, tx, `SELECT method, amount_fen FROM refund_payments WHERE refund_id = ? ORDER BY method`, doneID)
		return done, err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return RefundPlan{}, errs.Internal("refund idempotency", err)
	}
	plan, err := PlanRefund(ctx, tx, in)
	if err != nil {
		return plan, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO refunds (purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, reason, idem_key, staff_id, created_at, coupon_fen)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, in.PurchaseID, plan.AmountFen, plan.ReversePoints, plan.ShortfallPoints, plan.DeductFen, plan.PaidFen,
		in.Reason, in.Key, store.Nullable(staffID), store.Now(), plan.CouponFen)
	if err != nil {
		return plan, errs.Internal("insert refund", err)
	}
	id, _ := res.LastInsertId()
	plan.RefundID = id
	for _, l := range plan.lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO refund_lines (refund_id, line_id, qty, amount_fen, points) VALUES (?,?,?,?,?)`,
			id, l.lineID, l.qty, l.amount, l.points); err != nil {
			return plan, errs.Internal("insert refund line", err)
		}
	}
	var stored int64
	for _, b := range plan.Payback {
		if _, err := tx.ExecContext(ctx, `INSERT INTO refund_payments (refund_id, method, amount_fen) VALUES (?,?,?)`, id, b.Method, b.AmountFen); err != nil {
			return plan, errs.Internal("insert refund payment", err)
		}
		if b.Method == PayStored {
			stored += b.AmountFen
		}
	}
	for _, hook := range afterRefund {
		if err := hook(ctx, tx, RefundRecorded{RefundID: id, PurchaseID: in.PurchaseID, CustomerID: plan.purchase.CustomerID,
			StoredFen: stored, StaffID: staffID, Whole: plan.Whole}); err != nil {
			return plan, err
		}
	}
	if plan.ReversePoints > 0 {
		var lot int64
		tx.QueryRowContext(ctx, `SELECT id FROM points_entries WHERE idem_key = ?`, fmt.Sprintf("purchase:%d", in.PurchaseID)).Scan(&lot)
		if _, _, err := points.Debit(ctx, tx, points.Booking{CustomerID: plan.purchase.CustomerID, Kind: points.KindReverse,
			Points: plan.ReversePoints, Reason: fmt.Sprintf("退货 %s", yuan(plan.AmountFen)), RefType: "refund", RefID: id,
			Key: fmt.Sprintf("refund:%d", id), StaffID: staffID, FirstLot: lot}); err != nil {
			return plan, err
		}
	}
	if err := members.ApplyRevert(ctx, tx, plan.purchase.CustomerID, plan.revert,
		fmt.Sprintf("退款降级：退货 %s，近12个月消费降为 %s", yuan(plan.AmountFen), yuan(plan.SpendAfter)), staffID); err != nil {
		return plan, err
	}
	return plan, nil
}
