package receipts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// KindCoupon prints a coupon handed to a customer (coupons.id): its code as a barcode to scan at the
// counter, what it is worth and until when.
const KindCoupon = "coupon"

func init() { builders[KindCoupon] = couponReceipt }

func couponReceipt(ctx context.Context, q store.Querier, id int64) (Receipt, error) {
	var customerID, value, threshold int64
	var code, name, kind, campaign, from, to, staffName, at, state string
	err := q.QueryRowContext(ctx, `SELECT c.customer_id, c.code, c.name, c.kind, c.value_fen, c.threshold_fen, c.campaign,
		c.valid_from, c.valid_to, c.state, COALESCE(s.name, ''), c.created_at
		FROM coupons c LEFT JOIN staff s ON s.id = c.staff_id WHERE c.id = ?`, id).
		Scan(&customerID, &code, &name, &kind, &value, &threshold, &campaign, &from, &to, &state, &staffName, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Receipt{}, errs.NotFound("券不存在")
	}
	if err != nil {
		return Receipt{}, errs.Internal("coupon receipt", err)
	}
	detail := map[string]string{
		"cash":      fmt.Sprintf("代金券 抵 ¥%d.%02d", value/100, value%100),
		"threshold": fmt.Sprintf("满 ¥%d.%02d 减 ¥%d.%02d", threshold/100, threshold%100, value/100, value%100),
		"gift":      "礼品券",
	}[kind]
	r := Receipt{Title: "优惠券", No: number("QF", id), StaffName: staffName, Time: shopTime(at),
		Lines: []Line{{Name: name, Qty: 1, Detail: detail}}, Codes: []Code{{Label: name, Code: code}}}
	r.Notes = append(r.Notes, fmt.Sprintf("有效期 %s 至 %s", from, to))
	if campaign != "" {
		r.Notes = append(r.Notes, "活动："+campaign)
	}
	if word, ok := map[string]string{"used": "已使用", "voided": "已作废", "expired": "已过期"}[state]; ok {
		r.Notes = append(r.Notes, "当前状态："+word)
	}
	if err := customer(ctx, q, &r, customerID); err != nil {
		return r, err
	}
	r.Balances, err = balancesAt(ctx, q, customerID, upTo{at: at})
	return r, err
}

// couponsUsed notes the coupons a purchase used and what each took off.
func couponsUsed(ctx context.Context, q store.Querier, r *Receipt, purchaseID int64) error {
	rows, err := q.QueryContext(ctx, `SELECT c.name, c.code, e.discount_fen FROM coupon_entries e JOIN coupons c ON c.id = e.coupon_id
		WHERE e.purchase_id = ? AND e.kind = 'use' ORDER BY e.id`, purchaseID)
	if err != nil {
		return errs.Internal("coupons used", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, code string
		var off int64
		if err := rows.Scan(&name, &code, &off); err != nil {
			return errs.Internal("scan coupon used", err)
		}
		r.Notes = append(r.Notes, fmt.Sprintf("用券 %s（%s）抵 ¥%d.%02d", name, code, off/100, off%100))
	}
	return rows.Err()
}
