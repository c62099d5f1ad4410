package wallet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Package is a recharge offer: pay PayFen, get BonusFen on top (充1000送100), optionally points and a
// coupon of CouponTypeID.
type Package struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	PayFen       int64  `json:"payFen"`
	BonusFen     int64  `json:"bonusFen"`
	Points       int64  `json:"points"`
	CouponTypeID int64  `json:"couponTypeId"`
	Active       bool   `json:"active"`
}

// Packages lists the offers by amount; activeOnly for the recharge dialog.
func Packages(ctx context.Context, q store.Querier, activeOnly bool) ([]Package, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, pay_fen, bonus_fen, points, coupon_type_id, active FROM wallet_packages
		WHERE active OR NOT ? ORDER BY pay_fen, id`, activeOnly)
	if err != nil {
		return nil, errs.Internal("list packages", err)
	}
	defer rows.Close()
	out := []Package{}
	for rows.Next() {
		var p Package
		if err := rows.Scan(&p.ID, &p.Name, &p.PayFen, &p.BonusFen, &p.Points, &p.CouponTypeID, &p.Active); err != nil {
			return nil, errs.Internal("scan package", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// GetPackage reads one offer.
func GetPackage(ctx context.Context, q store.Querier, id int64) (Package, error) {
	var p Package
	err := q.QueryRowContext(ctx, `SELECT id, name, pay_fen, bonus_fen, points, coupon_type_id, active FROM wallet_packages WHERE id = ?`, id).
		Scan(&p.ID, &p.Name, &p.PayFen, &p.BonusFen, &p.Points, &p.CouponTypeID, &p.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return p, errs.Invalid("packageId", "充值套餐不存在")
	}
	if err != nil {
		return p, errs.Internal("get package", err)
	}
	return p, nil
}

// SavePackages replaces the list of offers: rows with an id are updated, new rows added, rows left out
// are deactivated (recharges refer to them, so they are never deleted).
func SavePackages(ctx context.Context, tx *sql.Tx, ps []Package) ([]Package, error) {
	if len(ps) > 50 {
		return nil, errs.Invalid("packages", "充值套餐最多50个")
	}
	kept := map[int64]bool{}
	for i := range ps {
		p := &ps[i]
		p.Name = strings.TrimSpace(p.Name)
		field := func(f string) string { return fmt.Sprintf("packages[%d].%s", i, f) }
		if p.Name == "" {
			p.Name = fmt.Sprintf("充%d送%d", p.PayFen/100, p.BonusFen/100)
		}
		if utf8.RuneCountInString(p.Name) > errs.NameLen {
			return nil, errs.Invalid(field("name"), fmt.Sprintf("第%d个套餐名称不能超过%d个字", i+1, errs.NameLen))
		}
		if err := CheckAmount(field("payFen"), fmt.Sprintf("第%d个套餐的充值金额", i+1), p.PayFen); err != nil {
			return nil, err
		}
		if err := errs.First(errs.Money(field("bonusFen"), fmt.Sprintf("第%d个套餐的赠送金额", i+1), p.BonusFen),
			errs.Count(field("points"), fmt.Sprintf("第%d个套餐的赠送积分", i+1), p.Points),
			errs.Count(field("couponTypeId"), "赠券类型", p.CouponTypeID)); err != nil {
			return nil, err
		}
		if p.ID != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE wallet_packages SET name=?, pay_fen=?, bonus_fen=?, points=?, coupon_type_id=?, active=?, sort=?
				WHERE id=?`, p.Name, p.PayFen, p.BonusFen, p.Points, p.CouponTypeID, p.Active, i, p.ID)
			if err != nil {
				return nil, errs.Internal("update package", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil, errs.Invalid(field("id"), "充值套餐不存在")
			}
		} else {
			res, err := tx.ExecContext(ctx, `INSERT INTO wallet_packages (name, pay_fen, bonus_fen, points, coupon_type_id, active, sort)
				VALUES (?,?,?,?,?,?,?)`, p.Name, p.PayFen, p.BonusFen, p.Points, p.CouponTypeID, p.Active, i)
			if err != nil {
				return nil, errs.Internal("insert package", err)
			}
			p.ID, _ = res.LastInsertId()
		}
		kept[p.ID] = true
	}
	all, err := Packages(ctx, tx, false)
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if !kept[p.ID] && p.Active {
			if _, err := tx.ExecContext(ctx, `UPDATE wallet_packages SET active = 0 WHERE id = ?`, p.ID); err != nil {
				return nil, errs.Internal("deactivate package", err)
			}
		}
	}
	return Packages(ctx, tx, false)
}
