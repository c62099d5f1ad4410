package receipts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
	"jiuke/backend/wallet/wine"
)

// lineRef finds the id a record booked in another ledger (0 when it booked none).
func lineRef(ctx context.Context, q store.Querier, query string, args ...any) (int64, error) {
	var id sql.NullInt64
	if err := q.QueryRowContext(ctx, query, args...).Scan(&id); err != nil {
		return 0, errs.Internal("receipt ledger line", err)
	}
	return id.Int64, nil
}

func payments(ps []sales.Payment) []Payment {
	out := []Payment{}
	for _, p := range ps {
		label := sales.PaymentLabels[p.Method]
		if label == "" {
			label = p.Method
		}
		out = append(out, Payment{Label: label, AmountFen: p.AmountFen})
	}
	return out
}

func purchaseReceipt(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	p, err := sales.Get(ctx, q, id)
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{Title: "消费小票", No: number("XF", id), StaffName: p.StaffName, TotalLabel: "合计", TotalFen: p.TotalFen,
		Payments: payments(p.Payments)}
	var at string
	if err := q.QueryRowContext(ctx, `SELECT created_at FROM purchases WHERE id = ?`, id).Scan(&at); err != nil {
		return r, errs.Internal("purchase time", err)
	}
	r.Time = shopTime(at)
	for _, l := range p.Lines {
		r.Lines = append(r.Lines, Line{Name: l.ProductName, Qty: l.Qty, UnitFen: l.UnitFen, AmountFen: l.AmountFen})
	}
	if p.PointsEarned > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("本次积分 +%d", p.PointsEarned))
	}
	if p.Note != "" {
		r.Notes = append(r.Notes, "备注："+p.Note)
	}
	if err := couponsUsed(ctx, q, &r, id); err != nil {
		return r, err
	}
	if err := customer(ctx, q, &r, p.CustomerID); err != nil {
		return r, err
	}
	u := upTo{at: at}
	if u.pointsEntry, err = lineRef(ctx, q, `SELECT MAX(id) FROM points_entries WHERE ref_type = 'purchase' AND ref_id = ?`, id); err != nil {
		return r, err
	}
	if u.walletEntry, err = lineRef(ctx, q, `SELECT MAX(id) FROM wallet_entries WHERE purchase_id = ? AND refund_id IS NULL`, id); err != nil {
		return r, err
	}
	r.Balances, err = balancesAt(ctx, q, p.CustomerID, u)
	return r, err
}

func refundReceipt(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	var purchaseID, amount, reversed, deduct, paid int64
	var reason, staffName, at string
	err := q.QueryRowContext(ctx, `SELECT r.purchase_id, r.amount_fen, r.points_reversed, r.deduct_fen, r.paid_fen, r.reason,
		COALESCE(s.name, ''), r.created_at FROM refunds r LEFT JOIN staff s ON s.id = r.staff_id WHERE r.id = ?`, id).
		Scan(&purchaseID, &amount, &reversed, &deduct, &paid, &reason, &staffName, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Receipt{}, errs.NotFound("退款记录不存在")
	}
	if err != nil {
		return Receipt{}, errs.Internal("refund receipt", err)
	}
	p, err := sales.Get(ctx, q, purchaseID)
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{Title: "退货小票", No: number("TH", id), StaffName: staffName, Time: shopTime(at), TotalLabel: "退款金额", TotalFen: paid}
	rows, err := q.QueryContext(ctx, `SELECT l.product_name, rl.qty, l.unit_fen, rl.amount_fen FROM refund_lines rl
		JOIN purchase_lines l ON l.id = rl.line_id WHERE rl.refund_id = ? ORDER BY l.id`, id)
	if err != nil {
		return r, errs.Internal("refund lines", err)
	}
	for rows.Next() {
		var l Line
		if err := rows.Scan(&l.Name, &l.Qty, &l.UnitFen, &l.AmountFen); err != nil {
			rows.Close()
			return r, errs.Internal("scan refund line", err)
		}
		r.Lines = append(r.Lines, l)
	}
	rows.Close()
	back, err := refundPayments(ctx, q, id)
	if err != nil {
		return r, err
	}
	r.Payments = back
	r.Notes = append(r.Notes, fmt.Sprintf("原消费单 %s（%s）", number("XF", purchaseID), p.Date))
	if reversed > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("扣回积分 %d", reversed))
	}
	if deduct > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("积分已用，抵扣 ¥%d.%02d", deduct/100, deduct%100))
	}
	if reason != "" {
		r.Notes = append(r.Notes, "原因："+reason)
	}
	if err := customer(ctx, q, &r, p.CustomerID); err != nil {
		return r, err
	}
	u := upTo{at: at}
	if u.pointsEntry, err = lineRef(ctx, q, `SELECT MAX(id) FROM points_entries WHERE ref_type = 'refund' AND ref_id = ?`, id); err != nil {
		return r, err
	}
	if u.walletEntry, err = lineRef(ctx, q, `SELECT MAX(id) FROM wallet_entries WHERE refund_id = ?`, id); err != nil {
		return r, err
	}
	r.Balances, err = balancesAt(ctx, q, p.CustomerID, u)
	return r, err
}

func refundPayments(ctx context.Context, q store.Querier, refundID int64) ([]Payment, error) {
	rows, err := q.QueryContext(ctx, `SELECT method, amount_fen FROM refund_payments WHERE refund_id = ? ORDER BY method`, refundID)
	if err != nil {
		return nil, errs.Internal("refund payments", err)
	}
	defer rows.Close()
	var ps []sales.Payment
	for rows.Next() {
		var p sales.Payment
		if err := rows.Scan(&p.Method, &p.AmountFen); err != nil {
			return nil, errs.Internal("scan refund payment", err)
		}
		ps = append(ps, p)
	}
	return payments(ps), rows.Err()
}

// walletReceipt prints a recharge or a stored-value spend from its ledger line.
func walletReceipt(kind string) func(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	return func(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
		e, err := wallet.GetEntry(ctx, q, id)
		if err != nil {
			return Receipt{}, err
		}
		var at string
		if err := q.QueryRowContext(ctx, `SELECT created_at FROM wallet_entries WHERE id = ?`, id).Scan(&at); err != nil {
			return Receipt{}, errs.Internal("wallet entry time", err)
		}
		r := Receipt{StaffName: e.StaffName, Time: shopTime(at)}
		switch {
		case kind == KindRecharge && e.Kind == wallet.KindRecharge:
			r.Title, r.No, r.TotalLabel, r.TotalFen = "充值小票", number("CZ", id), "实收", e.CashFen
			name := "储值充值"
			if e.PackageID != 0 {
				if pkg, err := wallet.GetPackage(ctx, q, e.PackageID); err == nil {
					name = pkg.Name
				}
			}
			r.Lines = append(r.Lines, Line{Name: name, Qty: 1, UnitFen: e.PrincipalFen, AmountFen: e.PrincipalFen, Detail: "本金"})
			if e.BonusFen > 0 {
				r.Lines = append(r.Lines, Line{Name: "充值赠送", Qty: 1, UnitFen: e.BonusFen, AmountFen: e.BonusFen, Detail: "赠送"})
			}
			label := sales.PaymentLabels[e.Method]
			if label == "" {
				label = e.Method
			}
			r.Payments = []Payment{{Label: label, AmountFen: e.CashFen}}
		case kind == KindSpend && e.Kind == wallet.KindSpend:
			r.Title, r.No, r.TotalLabel, r.TotalFen = "储值消费小票", number("XZ", id), "储值支付", -(e.PrincipalFen + e.BonusFen)
			r.Lines = append(r.Lines, Line{Name: "本金支付", Qty: 1, UnitFen: -e.PrincipalFen, AmountFen: -e.PrincipalFen},
				Line{Name: "赠送支付", Qty: 1, UnitFen: -e.BonusFen, AmountFen: -e.BonusFen})
			if e.PurchaseID != 0 {
				r.Notes = append(r.Notes, "消费单 "+number("XF", e.PurchaseID))
			}
		default:
			return Receipt{}, errs.Invalid("kind", "这条储值流水不是"+map[string]string{KindRecharge: "充值", KindSpend: "储值消费"}[kind])
		}
		if e.Note != "" {
			r.Notes = append(r.Notes, "备注："+e.Note)
		}
		if err := customer(ctx, q, &r, e.CustomerID); err != nil {
			return r, err
		}
		r.Balances, err = balancesAt(ctx, q, e.CustomerID, upTo{at: at, walletEntry: id})
		return r, err
	}
}

func wineReceipt(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	e, err := wine.Get(ctx, q, id)
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{StaffName: e.StaffName, Time: shopTime(e.CreatedAt)}
	switch e.Kind {
	case wine.KindDeposit:
		r.Title, r.No = "存酒凭条", number("CJ", id)
		detail := "自带"
		if e.PurchaseID != 0 {
			detail = "消费单 " + number("XF", e.PurchaseID)
		}
		r.Lines = []Line{{Name: e.ProductName, Qty: e.Qty, Detail: detail}}
		if e.Place != "" {
			r.Notes = append(r.Notes, "存放位置："+e.Place)
		}
		if e.ExpiresOn != "" {
			r.Notes = append(r.Notes, "存酒到期："+e.ExpiresOn)
		}
	case wine.KindWithdraw:
		r.Title, r.No, r.Signature = "取酒单", number("QJ", id), true
		r.Lines = []Line{{Name: e.ProductName, Qty: -e.Qty, Detail: "取出"}}
	default:
		return Receipt{}, errs.Invalid("kind", "合并转移的存酒没有小票")
	}
	if e.Note != "" {
		r.Notes = append(r.Notes, "备注："+e.Note)
	}
	r.Notes = append(r.Notes, fmt.Sprintf("%s 剩余 %d 瓶", e.ProductName, e.After))
	if err := customer(ctx, q, &r, e.CustomerID); err != nil {
		return r, err
	}
	r.Balances, err = balancesAt(ctx, q, e.CustomerID, upTo{at: e.CreatedAt, wineEntry: id})
	return r, err
}

func redemptionReceipt(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	var customerID, qty, pts int64
	var gift, staffName, at, cancelled string
	err := q.QueryRowContext(ctx, `SELECT r.customer_id, g.name, r.qty, r.points, COALESCE(s.name, ''), r.created_at, COALESCE(r.cancelled_at, '')
		FROM redemptions r JOIN gifts g ON g.id = r.gift_id LEFT JOIN staff s ON s.id = r.staff_id WHERE r.id = ?`, id).
		Scan(&customerID, &gift, &qty, &pts, &staffName, &at, &cancelled)
	if errors.Is(err, sql.ErrNoRows) {
		return Receipt{}, errs.NotFound("兑换记录不存在")
	}
	if err != nil {
		return Receipt{}, errs.Internal("redemption receipt", err)
	}
	r := Receipt{Title: "礼品兑换单", No: number("DH", id), StaffName: staffName, Time: shopTime(at),
		Lines: []Line{{Name: gift, Qty: qty, Detail: fmt.Sprintf("%d 积分", pts)}}}
	r.Notes = append(r.Notes, fmt.Sprintf("使用积分 %d", pts))
	if cancelled != "" {
		r.Notes = append(r.Notes, "此兑换已于 "+shopTime(cancelled)+" 取消")
	}
	if err := customer(ctx, q, &r, customerID); err != nil {
		return r, err
	}
	entry, err := lineRef(ctx, q, `SELECT MIN(id) FROM points_entries WHERE ref_type = 'redemption' AND ref_id = ?`, id)
	if err != nil {
		return r, err
	}
	r.Balances, err = balancesAt(ctx, q, customerID, upTo{at: at, pointsEntry: entry})
	return r, err
}
