package coupons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// VoidInput voids one coupon, named by its code, with a reason.
type VoidInput struct {
	Code   string `json:"code"`
	Reason string `json:"reason"`
	Key    string `json:"key"`
}

// Void writes a void line: the coupon can no longer be used. Only an unused, unexpired coupon can be
// voided; a retried request (same key) answers the coupon as voided before.
func Void(ctx context.Context, tx *sql.Tx, in VoidInput, staffID int64) (Coupon, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if strings.TrimSpace(in.Key) == "" {
		return Coupon{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.First(errs.Text("key", "请求编号", in.Key, errs.KeyLen), errs.Text("reason", "作废原因", in.Reason, errs.LineLen),
		errs.Text("code", "券码", in.Code, 40)); err != nil {
		return Coupon{}, err
	}
	var done int64
	err := tx.QueryRowContext(ctx, `SELECT coupon_id FROM coupon_entries WHERE idem_key = ?`, "void:"+in.Key).Scan(&done)
	if err == nil {
		return Get(ctx, tx, done)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Coupon{}, errs.Internal("void idempotency", err)
	}
	if in.Reason == "" {
		return Coupon{}, errs.Invalid("reason", "请填写作废原因")
	}
	c, err := ByCode(ctx, tx, in.Code)
	if err != nil {
		return c, errs.Invalid("code", fmt.Sprintf("券码「%s」不存在", NormalizeCode(in.Code)))
	}
	switch {
	case c.State == StateUsed:
		return c, errs.Invalid("code", fmt.Sprintf("券「%s」（%s）已使用，不能作废", c.Name, c.Code))
	case c.State == StateVoided:
		return c, errs.Invalid("code", fmt.Sprintf("券「%s」（%s）已作废", c.Name, c.Code))
	case c.Expired:
		return c, errs.Invalid("code", fmt.Sprintf("券「%s」（%s）已于 %s 过期", c.Name, c.Code, c.ValidTo))
	}
	if err := addEntry(ctx, tx, c.ID, EntryVoid, 0, 0, in.Reason, "void:"+in.Key, staffID); err != nil {
		return c, err
	}
	return Get(ctx, tx, c.ID)
}

// Expire writes an expire line for every issued coupon whose last valid day is before today (a shop
// date), so reports count expiries on the day they happened. Running it again expires nobody twice:
// the key names the coupon's line it follows.
func Expire(ctx context.Context, tx *sql.Tx, today string) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, (SELECT MAX(e.id) FROM coupon_entries e WHERE e.coupon_id = c.id)
		FROM coupons c WHERE c.state = 'issued' AND c.valid_to < ? ORDER BY c.id`, today)
	if err != nil {
		return 0, errs.Internal("coupons to expire", err)
	}
	var due [][2]int64
	for rows.Next() {
		var id, last int64
		if err := rows.Scan(&id, &last); err != nil {
			rows.Close()
			return 0, errs.Internal("scan coupon to expire", err)
		}
		due = append(due, [2]int64{id, last})
	}
	rows.Close()
	for _, d := range due {
		if err := addEntry(ctx, tx, d[0], EntryExpire, 0, 0, "过期", fmt.Sprintf("expire:%d:%d", d[0], d[1]), 0); err != nil {
			return 0, err
		}
	}
	return len(due), nil
}

// ExpireNow runs Expire for the shop's today.
func ExpireNow(ctx context.Context, tx *sql.Tx) (int, error) { return Expire(ctx, tx, store.Today()) }
