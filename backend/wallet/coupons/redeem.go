package coupons

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// Redeeming is a set of coupon codes offered on a sale: TotalFen is the goods at the prices charged
// (member prices applied), RetailFen the same goods at retail.
type Redeeming struct {
	CustomerID int64    `json:"customerId"`
	TotalFen   int64    `json:"totalFen"`
	RetailFen  int64    `json:"retailFen"`
	Codes      []string `json:"codes"`
}

// Use is one coupon of a redemption and what it takes off.
type Use struct {
	Coupon      Coupon `json:"coupon"`
	DiscountFen int64  `json:"discountFen"`
}

// Plan is what the coupons do to a sale: the clerk sees it live as codes are scanned.
type Plan struct {
	Uses        []Use `json:"uses"`
	DiscountFen int64 `json:"discountFen"`
	DueFen      int64 `json:"dueFen"`
}

// Check works out the coupons' discount without writing anything, refusing any coupon that cannot be
// used on this sale with a message naming it: unknown, another customer's, used, voided, expired, not
// yet valid, below its threshold, no better than the member price, or a gift out of stock.
func Check(ctx context.Context, q store.Querier, in Redeeming) (Plan, error) {
	plan := Plan{Uses: []Use{}, DueFen: in.TotalFen}
	if len(in.Codes) > 20 {
		return plan, errs.Invalid("couponCodes", "一笔消费最多使用20张券")
	}
	if in.RetailFen < in.TotalFen {
		in.RetailFen = in.TotalFen // a raised price is no member discount to weigh against a coupon
	}
	today := store.Today()
	seen := map[string]bool{}
	money := false
	for _, raw := range in.Codes {
		code := NormalizeCode(raw)
		if code == "" {
			return plan, errs.Invalid("couponCodes", "券码不能为空")
		}
		if err := errs.Text("couponCodes", "券码", code, 40); err != nil {
			return plan, err
		}
		if seen[code] {
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("券码「%s」重复", code))
		}
		seen[code] = true
		c, err := ByCode(ctx, q, code)
		if err != nil {
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("券码「%s」不存在", code))
		}
		label := fmt.Sprintf("券「%s」（%s）", c.Name, c.Code)
		switch {
		case c.CustomerID != in.CustomerID:
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("券码「%s」不属于该客户", code))
		case c.State == StateUsed:
			return plan, errs.Invalid("couponCodes", label+"已使用")
		case c.State == StateVoided:
			return plan, errs.Invalid("couponCodes", label+"已作废")
		case c.Expired:
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("%s已于 %s 过期", label, c.ValidTo))
		case c.ValidFrom > today:
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("%s %s 起才可使用", label, c.ValidFrom))
		}
		use := Use{Coupon: c}
		if c.Kind == KindGift {
			var stock int64
			var active bool
			if err := q.QueryRowContext(ctx, `SELECT stock, active FROM gifts WHERE id = ?`, c.GiftID).Scan(&stock, &active); err != nil || !active || stock < 1 {
				return plan, errs.Invalid("couponCodes", fmt.Sprintf("%s的礼品「%s」库存不足或已停用", label, c.GiftName))
			}
			plan.Uses = append(plan.Uses, use)
			continue
		}
		if money {
			return plan, errs.Invalid("couponCodes", "每笔消费只能使用一张代金券或满减券")
		}
		money = true
		// Without member price the coupon applies to the retail price: it is used only if that comes
		// out cheaper than the member price, and takes off only the difference from it.
		base, memberOff := in.TotalFen, int64(0)
		if !c.WithMemberPrice {
			base, memberOff = in.RetailFen, in.RetailFen-in.TotalFen
		}
		if c.Kind == KindThreshold && base < c.ThresholdFen {
			basis := ""
			if memberOff > 0 {
				basis = "（不与会员价同享，按原价计）"
			}
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("%s需满 %s 才可使用，本单 %s%s，还差 %s", label, yuan(c.ThresholdFen),
				yuan(base), basis, yuan(c.ThresholdFen-base)))
		}
		off := c.ValueFen - memberOff
		if off <= 0 {
			return plan, errs.Invalid("couponCodes", fmt.Sprintf("%s不与会员价同享：本单会员价已优惠 %s，不少于券面 %s，无需用券",
				label, yuan(memberOff), yuan(c.ValueFen)))
		}
		use.DiscountFen = min(off, plan.DueFen)
		plan.DueFen -= use.DiscountFen
		plan.DiscountFen += use.DiscountFen
		plan.Uses = append(plan.Uses, use)
	}
	return plan, nil
}

// Redeem checks the coupons again and uses each once, on purchase purchaseID (0 for a gift handed
// over without a sale), under keys made from the purchase or from key; a gift coupon takes its gift
// out of stock. The database refuses a second use of a coupon whatever reaches it.
func Redeem(ctx context.Context, tx *sql.Tx, in Redeeming, purchaseID int64, key string, staffID int64) (Plan, error) {
	plan, err := Check(ctx, tx, in)
	if err != nil {
		return plan, err
	}
	for _, u := range plan.Uses {
		entryKey := fmt.Sprintf("use:p%d:%d", purchaseID, u.Coupon.ID)
		if purchaseID == 0 {
			entryKey = fmt.Sprintf("use:%s:%d", key, u.Coupon.ID)
		}
		if u.Coupon.Kind == KindGift {
			if _, err := points.TakeGift(ctx, tx, u.Coupon.GiftID, "couponCodes"); err != nil {
				return plan, err
			}
		}
		if err := addEntry(ctx, tx, u.Coupon.ID, EntryUse, purchaseID, u.DiscountFen, "", entryKey, staffID); err != nil {
			return plan, err
		}
	}
	return plan, nil
}

// GiftInput hands over the gift of gift coupons at the counter, without a sale.
type GiftInput struct {
	CustomerID int64    `json:"customerId"`
	Codes      []string `json:"codes"`
	Key        string   `json:"key"`
}

// RedeemGifts uses gift coupons without a purchase. A retried request (same key) changes nothing more.
func RedeemGifts(ctx context.Context, tx *sql.Tx, in GiftInput, staffID int64) (Plan, error) {
	if strings.TrimSpace(in.Key) == "" {
		return Plan{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.Text("key", "请求编号", in.Key, errs.KeyLen); err != nil {
		return Plan{}, err
	}
	var done bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM coupon_entries WHERE idem_key LIKE ? ESCAPE '\')`,
		"use:"+strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(in.Key)+":%").Scan(&done); err != nil {
		return Plan{}, errs.Internal("gift coupon idempotency", err)
	}
	if done {
		return Plan{Uses: []Use{}}, nil
	}
	if len(in.Codes) == 0 {
		return Plan{}, errs.Invalid("couponCodes", "请扫描或选择礼品券")
	}
	for _, raw := range in.Codes {
		if c, err := ByCode(ctx, tx, raw); err == nil && c.Kind != KindGift {
			return Plan{}, errs.Invalid("couponCodes", fmt.Sprintf("券「%s」（%s）不是礼品券，请在消费时使用", c.Name, c.Code))
		}
	}
	return Redeem(ctx, tx, Redeeming{CustomerID: in.CustomerID, Codes: in.Codes}, 0, in.Key, staffID)
}

// ReturnForRefund gives back the coupons a purchase used once the whole purchase is refunded, if they
// are still within their dates (an expired coupon stays used: nothing is given back after its time).
// A gift coupon's gift goes back into stock with it.
func ReturnForRefund(ctx context.Context, tx *sql.Tx, purchaseID, refundID, staffID int64) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.kind, COALESCE(c.gift_id, 0), c.valid_to FROM coupon_entries e JOIN coupons c ON c.id = e.coupon_id
		WHERE e.purchase_id = ? AND e.kind = 'use' AND c.state = 'used'
		  AND e.id = (SELECT MAX(id) FROM coupon_entries WHERE coupon_id = c.id)`, purchaseID)
	if err != nil {
		return 0, errs.Internal("coupons of refund", err)
	}
	type back struct {
		id, gift int64
		kind, to string
	}
	var list []back
	for rows.Next() {
		var b back
		if err := rows.Scan(&b.id, &b.kind, &b.gift, &b.to); err != nil {
			rows.Close()
			return 0, errs.Internal("scan coupon of refund", err)
		}
		list = append(list, b)
	}
	rows.Close()
	today, n := store.Today(), 0
	for _, b := range list {
		if b.to < today {
			continue
		}
		if err := addEntry(ctx, tx, b.id, EntryReturn, purchaseID, 0, fmt.Sprintf("整单退货（退款单 %d）", refundID),
			fmt.Sprintf("return:%d:%d", refundID, b.id), staffID); err != nil {
			return n, err
		}
		if b.kind == KindGift {
			if err := points.ReturnGift(ctx, tx, b.gift); err != nil {
				return n, err
			}
		}
		n++
	}
	return n, nil
}
