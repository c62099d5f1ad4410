package points

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

// Gift is an item of the gift catalogue (礼品).
type Gift struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	PointsCost int64  `json:"pointsCost"`
	Stock      int64  `json:"stock"`
	Active     bool   `json:"active"`
}

// SaveGift creates (ID 0) or edits a gift.
func SaveGift(ctx context.Context, tx *sql.Tx, g Gift) (Gift, error) {
	g.Name = strings.TrimSpace(g.Name)
	switch {
	case g.Name == "":
		return g, errs.Invalid("name", "请填写礼品名称")
	case utf8.RuneCountInString(g.Name) > 50:
		return g, errs.Invalid("name", "礼品名称不能超过50个字")
	case g.PointsCost <= 0:
		return g, errs.Invalid("pointsCost", "所需积分应大于0")
	case g.Stock < 0:
		return g, errs.Invalid("stock", "库存不能为负数")
	}
	if err := errs.First(errs.Count("pointsCost", "所需积分", g.PointsCost), errs.Count("stock", "库存", g.Stock)); err != nil {
		return g, err
	}
	var err error
	if g.ID == 0 {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO gifts (name, points_cost, stock, active, created_at) VALUES (?,?,?,?,?)`,
			g.Name, g.PointsCost, g.Stock, g.Active, store.Now())
		if err == nil {
			g.ID, _ = res.LastInsertId()
		}
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE gifts SET name=?, points_cost=?, stock=?, active=? WHERE id=?`, g.Name, g.PointsCost, g.Stock, g.Active, g.ID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return g, errs.NotFound("礼品不存在")
		}
	}
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return g, errs.Conflict("name", "已有同名礼品："+g.Name, nil)
	}
	if err != nil {
		return g, errs.Internal("save gift", err)
	}
	return g, nil
}

// Gifts lists the catalogue; activeOnly for the redemption picker.
func Gifts(ctx context.Context, q store.Querier, activeOnly bool) ([]Gift, error) {
	query := `SELECT id, name, points_cost, stock, active FROM gifts`
	if activeOnly {
		query += ` WHERE active = 1`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY points_cost, id`)
	if err != nil {
		return nil, errs.Internal("list gifts", err)
	}
	defer rows.Close()
	out := []Gift{}
	for rows.Next() {
		var g Gift
		if err := rows.Scan(&g.ID, &g.Name, &g.PointsCost, &g.Stock, &g.Active); err != nil {
			return nil, errs.Internal("scan gift", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Redemption is one gift exchange.
type Redemption struct {
	ID          int64  `json:"id"`
	CustomerID  int64  `json:"customerId"`
	GiftID      int64  `json:"giftId"`
	GiftName    string `json:"giftName"`
	Qty         int64  `json:"qty"`
	Points      int64  `json:"points"`
	StaffName   string `json:"staffName"`
	CreatedAt   string `json:"createdAt"`
	CancelledAt string `json:"cancelledAt"`
}

type RedeemInput struct {
	CustomerID int64  `json:"customerId"`
	GiftID     int64  `json:"giftId"`
	Qty        int64  `json:"qty"`
	Key        string `json:"key"`
}

// Redeem takes the points and the stock together; short of either, nothing changes.
func Redeem(ctx context.Context, tx *sql.Tx, in RedeemInput, staffID int64) (Redemption, error) {
	if in.Qty <= 0 {
		return Redemption{}, errs.Invalid("qty", "兑换数量应大于0")
	}
	if strings.TrimSpace(in.Key) == "" {
		return Redemption{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.First(errs.Count("qty", "兑换数量", in.Qty), errs.Text("key", "请求编号", in.Key, errs.KeyLen)); err != nil {
		return Redemption{}, err
	}
	if err := customerExists(ctx, tx, in.CustomerID); err != nil {
		return Redemption{}, err
	}
	if e, ok, err := existing(ctx, tx, "redeem:"+in.Key); err != nil {
		return Redemption{}, err
	} else if ok {
		return redemption(ctx, tx, e.RefID)
	}
	var g Gift
	err := tx.QueryRowContext(ctx, `SELECT id, name, points_cost, stock, active FROM gifts WHERE id = ?`, in.GiftID).
		Scan(&g.ID, &g.Name, &g.PointsCost, &g.Stock, &g.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return Redemption{}, errs.Invalid("giftId", "礼品不存在")
	}
	if err != nil {
		return Redemption{}, errs.Internal("load gift", err)
	}
	if !g.Active {
		return Redemption{}, errs.Invalid("giftId", "该礼品已下架")
	}
	if g.Stock < in.Qty {
		return Redemption{}, errs.Invalid("qty", fmt.Sprintf("「%s」库存不足：剩余 %d 件", g.Name, g.Stock))
	}
	cost := g.PointsCost * in.Qty
	res, err := tx.ExecContext(ctx, `INSERT INTO redemptions (customer_id, gift_id, qty, points, staff_id, created_at) VALUES (?,?,?,?,?,?)`,
		in.CustomerID, g.ID, in.Qty, cost, store.Nullable(staffID), store.Now())
	if err != nil {
		return Redemption{}, errs.Internal("insert redemption", err)
	}
	id, _ := res.LastInsertId()
	if _, _, err := Debit(ctx, tx, Booking{CustomerID: in.CustomerID, Kind: KindRedeem, Points: cost,
		Reason: fmt.Sprintf("兑换 %s × %d", g.Name, in.Qty), RefType: "redemption", RefID: id, Key: "redeem:" + in.Key, StaffID: staffID}); err != nil {
		return Redemption{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gifts SET stock = stock - ? WHERE id = ?`, in.Qty, g.ID); err != nil {
		return Redemption{}, errs.Internal("take stock", err)
	}
	return redemption(ctx, tx, id)
}

// CancelRedemption returns both the points and the stock.
func CancelRedemption(ctx context.Context, tx *sql.Tx, id, staffID int64) (Redemption, error) {
	r, err := redemption(ctx, tx, id)
	if err != nil {
		return r, err
	}
	if r.CancelledAt != "" {
		return r, errs.Conflict("", "该兑换已取消", nil)
	}
	if _, _, err := Credit(ctx, tx, Booking{CustomerID: r.CustomerID, Kind: KindRedeem, Points: r.Points,
		Reason: fmt.Sprintf("取消兑换 %s × %d", r.GiftName, r.Qty), RefType: "redemption", RefID: id,
		Key: fmt.Sprintf("redeem-cancel:%d", id), StaffID: staffID}); err != nil {
		return r, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gifts SET stock = stock + ? WHERE id = ?`, r.Qty, r.GiftID); err != nil {
		return r, errs.Internal("return stock", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE redemptions SET cancelled_at = ?, cancelled_by = ? WHERE id = ?`, store.Now(), store.Nullable(staffID), id); err != nil {
		return r, errs.Internal("cancel redemption", err)
	}
	return redemption(ctx, tx, id)
}

func redemption(ctx context.Context, q store.Querier, id int64) (Redemption, error) {
	list, err := redemptions(ctx, q, `WHERE r.id = ?`, id)
	if err != nil {
		return Redemption{}, err
	}
	if len(list) == 0 {
		return Redemption{}, errs.NotFound("兑换记录不存在")
	}
	return list[0], nil
}

// Redemptions lists a customer's exchanges, newest first.
func Redemptions(ctx context.Context, q store.Querier, customerID int64) ([]Redemption, error) {
	return redemptions(ctx, q, `WHERE r.customer_id = ? ORDER BY r.id DESC`, customerID)
}

func redemptions(ctx context.Context, q store.Querier, where string, args ...any) ([]Redemption, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.customer_id, r.gift_id, g.name, r.qty, r.points, COALESCE(s.name, ''),
		r.created_at, COALESCE(r.cancelled_at, '') FROM redemptions r JOIN gifts g ON g.id = r.gift_id
		LEFT JOIN staff s ON s.id = r.staff_id `+where, args...)
	if err != nil {
		return nil, errs.Internal("list redemptions", err)
	}
	defer rows.Close()
	out := []Redemption{}
	for rows.Next() {
		var r Redemption
		if err := rows.Scan(&r.ID, &r.CustomerID, &r.GiftID, &r.GiftName, &r.Qty, &r.Points, &r.StaffName, &r.CreatedAt, &r.CancelledAt); err != nil {
			return nil, errs.Internal("scan redemption", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// TakeGift hands one gift out of stock for something other than points (a gift coupon): the stock
// must have it and the gift must be in use.
func TakeGift(ctx context.Context, tx *sql.Tx, giftID int64, field string) (Gift, error) {
	var g Gift
	err := tx.QueryRowContext(ctx, `SELECT id, name, points_cost, stock, active FROM gifts WHERE id = ?`, giftID).
		Scan(&g.ID, &g.Name, &g.PointsCost, &g.Stock, &g.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return g, errs.Invalid(field, "礼品不在礼品目录中")
	}
	if err != nil {
		return g, errs.Internal("gift", err)
	}
	if !g.Active {
		return g, errs.Invalid(field, fmt.Sprintf("礼品「%s」已停用", g.Name))
	}
	if g.Stock < 1 {
		return g, errs.Invalid(field, fmt.Sprintf("礼品「%s」库存不足", g.Name))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gifts SET stock = stock - 1 WHERE id = ?`, giftID); err != nil {
		return g, errs.Internal("take gift", err)
	}
	g.Stock--
	return g, nil
}

// ReturnGift puts one gift taken by TakeGift back into stock.
func ReturnGift(ctx context.Context, tx *sql.Tx, giftID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE gifts SET stock = stock + 1 WHERE id = ?`, giftID); err != nil {
		return errs.Internal("return gift", err)
	}
	return nil
}
