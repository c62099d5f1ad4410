package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet/coupons"
)

// fillCoupons gives the demo shop its coupons (券): a counter voucher clerks hand out, a 满减 campaign,
// a birthday campaign, an attendance coupon and a gift coupon; some used at the counter, some voided,
// and an autumn campaign that has run out, swept to expired as the shop's daily sweep does.
func fillCoupons(ctx context.Context, tx *sql.Tx, r *rand.Rand, staffIDs []int64) error {
	today := time.Now().In(store.Shop)
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	var giftID int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM gifts ORDER BY id LIMIT 1`).Scan(&giftID); err != nil {
		return errs.Internal("demo coupon gift", err)
	}
	types := []coupons.Type{
		{Name: "到店代金券", Kind: coupons.KindCash, ValueFen: 5000, ValidDays: 30, WithMemberPrice: true, Campaign: "到店回馈", ClerkMayIssue: true},
		{Name: "满1000减100", Kind: coupons.KindThreshold, ValueFen: 10000, ThresholdFen: 100000, ValidFrom: day(-30), ValidTo: day(30), WithMemberPrice: true,
			Campaign: "冬季酱香节"},
		{Name: "生日礼券", Kind: coupons.KindCash, ValueFen: 10000, ValidDays: 30, WithMemberPrice: true, Campaign: "生日关怀", AutoOn: coupons.OnBirthday},
		{Name: "品鉴会到场券", Kind: coupons.KindThreshold, ValueFen: 5000, ThresholdFen: 50000, ValidDays: 60, WithMemberPrice: true,
			Campaign: "品鉴会回馈", AutoOn: coupons.OnAttend},
		{Name: "醒酒器礼品券", Kind: coupons.KindGift, GiftID: giftID, ValidDays: 90, Campaign: "老客答谢"},
		{Name: "国庆代金券", Kind: coupons.KindCash, ValueFen: 3000, ValidFrom: day(-70), ValidTo: day(-40), WithMemberPrice: true,
			Campaign: "国庆特惠", Active: false},
	}
	for i := range types {
		types[i].Active = types[i].Name != "国庆代金券"
		t, err := coupons.SaveType(ctx, tx, types[i])
		if err != nil {
			return fmt.Errorf("演示券类型: %w", err)
		}
		types[i] = t
	}
	rows, err := tx.QueryContext(ctx, `SELECT customer_id FROM memberships ORDER BY customer_id LIMIT 60`)
	if err != nil {
		return errs.Internal("demo coupon members", err)
	}
	var memberIDs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Internal("demo coupon members", err)
		}
		memberIDs = append(memberIDs, id)
	}
	rows.Close()
	var productID int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM products WHERE active = 1 ORDER BY retail_fen DESC LIMIT 1`).Scan(&productID); err != nil {
		return errs.Internal("demo coupon product", err)
	}
	var issued []coupons.Coupon
	for i, id := range memberIDs {
		t := types[[]int{0, 1, 0, 4, 1}[i%5]]
		source := coupons.SourceHand
		if t.Name == "满1000减100" {
			source = coupons.SourceSegment
		}
		c, _, err := coupons.Issue(ctx, tx, coupons.Issuing{TypeID: t.ID, CustomerID: id, Source: source, Key: fmt.Sprintf("demo-coupon-%d", i),
			StaffID: staffIDs[r.IntN(len(staffIDs))]})
		if err != nil {
			return fmt.Errorf("演示发券: %w", err)
		}
		issued = append(issued, c)
	}
	// The autumn campaign ended forty days ago: its coupons are written as they were issued then.
	for i, id := range memberIDs[:min(12, len(memberIDs))] {
		if err := oldCoupon(ctx, tx, types[5], id, day(-70), day(-40), i); err != nil {
			return err
		}
	}
	if _, err := coupons.Expire(ctx, tx, day(0)); err != nil {
		return err
	}
	for i, c := range issued {
		switch {
		case i%4 == 1: // used at the counter
			if _, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: c.CustomerID, Key: fmt.Sprintf("demo-coupon-sale-%d", i),
				Lines: []sales.LineInput{{ProductID: productID, Qty: 2}}, CouponCodes: []string{c.Code}}, staffIDs[r.IntN(len(staffIDs))], false); err != nil {
				return fmt.Errorf("演示用券消费: %w", err)
			}
		case i%9 == 2:
			if _, err := coupons.Void(ctx, tx, coupons.VoidInput{Code: c.Code, Reason: "客户不需要，重新发放", Key: fmt.Sprintf("demo-void-%d", i)}, staffIDs[1]); err != nil {
				return fmt.Errorf("演示作废券: %w", err)
			}
		}
	}
	return nil
}

// oldCoupon writes a coupon of a campaign that has already ended, as issued on from.
func oldCoupon(ctx context.Context, tx *sql.Tx, t coupons.Type, customerID int64, from, to string, i int) error {
	at := from + "T02:00:00Z"
	res, err := tx.ExecContext(ctx, `INSERT INTO coupons (code, type_id, customer_id, name, kind, value_fen, threshold_fen, with_member_price,
		campaign, source, valid_from, valid_to, idem_key, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		fmt.Sprintf("DEMQ%06d", i), t.ID, customerID, t.Name, t.Kind, t.ValueFen, t.ThresholdFen, t.WithMemberPrice, t.Campaign,
		coupons.SourceSegment, from, to, fmt.Sprintf("demo-old-coupon-%d", i), at)
	if err != nil {
		return errs.Internal("demo old coupon", err)
	}
	id, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (?, 'issue', ?, ?)`,
		id, fmt.Sprintf("issue:%d", id), at); err != nil {
		return errs.Internal("demo old coupon issue", err)
	}
	return nil
}
