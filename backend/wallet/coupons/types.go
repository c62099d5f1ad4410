package coupons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// SaveType creates (ID 0) or edits a coupon type. Coupons already issued keep their terms.
func SaveType(ctx context.Context, tx *sql.Tx, t Type) (Type, error) {
	t.Name, t.Campaign = strings.TrimSpace(t.Name), strings.TrimSpace(t.Campaign)
	if err := validateType(ctx, tx, &t); err != nil {
		return t, err
	}
	now := store.Now()
	if t.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO coupon_types (name, kind, value_fen, threshold_fen, gift_id, valid_days, valid_from, valid_to,
			with_member_price, campaign, auto_on, clerk_may_issue, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			t.Name, t.Kind, t.ValueFen, t.ThresholdFen, store.Nullable(t.GiftID), t.ValidDays, store.Nullable(t.ValidFrom), store.Nullable(t.ValidTo),
			t.WithMemberPrice, t.Campaign, t.AutoOn, t.ClerkMayIssue, t.Active, now, now)
		if err != nil {
			return t, errs.Internal("insert coupon type", err)
		}
		t.ID, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE coupon_types SET name = ?, kind = ?, value_fen = ?, threshold_fen = ?, gift_id = ?, valid_days = ?,
			valid_from = ?, valid_to = ?, with_member_price = ?, campaign = ?, auto_on = ?, clerk_may_issue = ?, active = ?, updated_at = ? WHERE id = ?`,
			t.Name, t.Kind, t.ValueFen, t.ThresholdFen, store.Nullable(t.GiftID), t.ValidDays, store.Nullable(t.ValidFrom), store.Nullable(t.ValidTo),
			t.WithMemberPrice, t.Campaign, t.AutoOn, t.ClerkMayIssue, t.Active, now, t.ID)
		if err != nil {
			return t, errs.Internal("update coupon type", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return t, errs.NotFound("券类型不存在")
		}
	}
	return GetType(ctx, tx, t.ID)
}

func validateType(ctx context.Context, tx *sql.Tx, t *Type) error {
	if err := errs.First(errs.Text("name", "券名称", t.Name, errs.NameLen), errs.Text("campaign", "活动名称", t.Campaign, errs.NameLen),
		errs.Money("valueFen", "券面金额", t.ValueFen), errs.Money("thresholdFen", "使用门槛", t.ThresholdFen)); err != nil {
		return err
	}
	if t.Name == "" {
		return errs.Invalid("name", "请填写券名称")
	}
	switch t.Kind {
	case KindCash:
		t.ThresholdFen, t.GiftID = 0, 0
		if t.ValueFen <= 0 {
			return errs.Invalid("valueFen", "券面金额应大于0")
		}
	case KindThreshold:
		t.GiftID = 0
		if t.ValueFen <= 0 {
			return errs.Invalid("valueFen", "减免金额应大于0")
		}
		if t.ThresholdFen <= t.ValueFen {
			return errs.Invalid("thresholdFen", fmt.Sprintf("满减门槛应高于减免金额 %s", yuan(t.ValueFen)))
		}
	case KindGift:
		t.ValueFen, t.ThresholdFen = 0, 0
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM gifts WHERE id = ?)`, t.GiftID).Scan(&ok); err != nil {
			return errs.Internal("coupon gift", err)
		}
		if !ok {
			return errs.Invalid("giftId", "请从礼品目录中选择礼品")
		}
	default:
		return errs.Invalid("kind", "券类型应为代金券、满减券或礼品券")
	}
	if t.ValidDays < 0 || t.ValidDays > 3660 {
		return errs.Invalid("validDays", "有效天数应在 1～3660 天之间")
	}
	if t.ValidDays > 0 {
		t.ValidFrom, t.ValidTo = "", ""
	} else {
		from, err1 := time.Parse(time.DateOnly, t.ValidFrom)
		to, err2 := time.Parse(time.DateOnly, t.ValidTo)
		switch {
		case t.ValidFrom == "" || t.ValidTo == "":
			return errs.Invalid("validTo", "请填写有效天数，或有效期的起止日期")
		case err1 != nil:
			return errs.Invalid("validFrom", "有效期开始日期格式应为 2026-11-23")
		case err2 != nil:
			return errs.Invalid("validTo", "有效期结束日期格式应为 2026-11-23")
		case to.Before(from):
			return errs.Invalid("validTo", "有效期结束日期不能早于开始日期")
		}
	}
	switch t.AutoOn {
	case "", OnBirthday, OnAttend, OnFissionJoin, OnFissionFirstBuy:
	default:
		return errs.Invalid("autoOn", "自动发放时机无效")
	}
	return nil
}

const typeCols = `t.id, t.name, t.kind, t.value_fen, t.threshold_fen, COALESCE(t.gift_id, 0), COALESCE(g.name, ''), t.valid_days,
	COALESCE(t.valid_from, ''), COALESCE(t.valid_to, ''), t.with_member_price, t.campaign, t.auto_on, t.clerk_may_issue, t.active,
	(SELECT COUNT(*) FROM coupons c WHERE c.type_id = t.id)
	FROM coupon_types t LEFT JOIN gifts g ON g.id = t.gift_id`

func scanType(row interface{ Scan(...any) error }) (Type, error) {
	var t Type
	err := row.Scan(&t.ID, &t.Name, &t.Kind, &t.ValueFen, &t.ThresholdFen, &t.GiftID, &t.GiftName, &t.ValidDays, &t.ValidFrom, &t.ValidTo,
		&t.WithMemberPrice, &t.Campaign, &t.AutoOn, &t.ClerkMayIssue, &t.Active, &t.Issued)
	return t, err
}

// GetType loads one coupon type.
func GetType(ctx context.Context, q store.Querier, id int64) (Type, error) {
	t, err := scanType(q.QueryRowContext(ctx, `SELECT `+typeCols+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, errs.NotFound("券类型不存在")
	}
	if err != nil {
		return t, errs.Internal("coupon type", err)
	}
	return t, nil
}

// Types lists the coupon types, active first then by name.
func Types(ctx context.Context, q store.Querier, activeOnly bool) ([]Type, error) {
	where := ``
	if activeOnly {
		where = ` WHERE t.active = 1`
	}
	return typesWhere(ctx, q, where+` ORDER BY t.active DESC, t.id`)
}

func typesWhere(ctx context.Context, q store.Querier, where string, args ...any) ([]Type, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+typeCols+where, args...)
	if err != nil {
		return nil, errs.Internal("coupon types", err)
	}
	defer rows.Close()
	out := []Type{}
	for rows.Next() {
		t, err := scanType(rows)
		if err != nil {
			return nil, errs.Internal("scan coupon type", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Window is the shop-date span a coupon of type t issued on day (YYYY-MM-DD) is valid.
func (t Type) Window(day string) (from, to string) {
	if t.ValidDays > 0 {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return day, day
		}
		return day, d.AddDate(0, 0, int(t.ValidDays)-1).Format(time.DateOnly)
	}
	return t.ValidFrom, t.ValidTo
}

// Terms describe the type in a few words for lists: 满1000减100, 代金券 ¥50, 礼品券「…」.
func (t Type) Terms() string {
	switch t.Kind {
	case KindThreshold:
		return fmt.Sprintf("满%s减%s", yuan(t.ThresholdFen), yuan(t.ValueFen))
	case KindGift:
		return "礼品「" + t.GiftName + "」"
	}
	return "代金 " + yuan(t.ValueFen)
}
