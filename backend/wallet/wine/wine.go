// Package wine owns stored wine (存酒): bottles a customer bought (or brought in) and left at the shop,
// taken out bottle by bottle (取酒). The ledger is append-only; a customer's bottles of a product are
// its sum, kept in wine_stock by the database's own trigger and never negative. Every write carries an
// idempotency key: a double click or a retried request books once.
package wine

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

// Kinds of ledger entries.
const (
	KindDeposit  = "deposit"
	KindWithdraw = "withdraw"
	KindMerge    = "merge"
)

// Entry is one line of the stored-wine ledger. Qty is signed: bottles in are positive.
type Entry struct {
	ID          int64  `json:"id"`
	CustomerID  int64  `json:"customerId"`
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Kind        string `json:"kind"`
	Qty         int64  `json:"qty"`
	PurchaseID  int64  `json:"purchaseId"` // 0: brought in (自带), or not a deposit
	Place       string `json:"place"`
	ExpiresOn   string `json:"expiresOn"`
	Note        string `json:"note"`
	StaffName   string `json:"staffName"`
	CreatedAt   string `json:"createdAt"`
	// After is the customer's bottles of this product once this line applied.
	After int64 `json:"after"`
}

// DepositInput leaves bottles at the shop. PurchaseID 0 means the customer brought them in (自带).
type DepositInput struct {
	CustomerID int64  `json:"customerId"`
	ProductID  int64  `json:"productId"`
	Qty        int64  `json:"qty"`
	PurchaseID int64  `json:"purchaseId"`
	Place      string `json:"place"`     // where in the shop they stand, e.g. 二号柜第三层
	ExpiresOn  string `json:"expiresOn"` // YYYY-MM-DD, optional
	Note       string `json:"note"`
	Key        string `json:"key"`
}

// WithdrawInput takes bottles out (取酒).
type WithdrawInput struct {
	CustomerID int64  `json:"customerId"`
	ProductID  int64  `json:"productId"`
	Qty        int64  `json:"qty"`
	Note       string `json:"note"`
	Key        string `json:"key"`
}

// MaxBottles bounds one deposit or withdrawal: a shop's cellar, not a warehouse.
const MaxBottles = 10_000

func checkKey(key string) error {
	if strings.TrimSpace(key) == "" {
		return errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	return errs.First(errs.Text("key", "请求编号", key, errs.KeyLen))
}

func checkQty(qty int64, label string) error {
	switch {
	case qty <= 0:
		return errs.Invalid("qty", label+"应为大于0的整数瓶数")
	case qty > MaxBottles:
		return errs.Invalid("qty", fmt.Sprintf("%s不能超过%d瓶", label, MaxBottles))
	}
	return nil
}

// existing returns the entry already booked under key, if any.
func existing(ctx context.Context, q store.Querier, key string) (Entry, bool, error) {
	list, err := entries(ctx, q, `WHERE e.idem_key = ?`, key)
	if err != nil || len(list) == 0 {
		return Entry{}, false, err
	}
	return list[0], true, nil
}

// productName names a product as a receipt and a message show it, or refuses an unknown id.
func productName(ctx context.Context, q store.Querier, id int64) (string, error) {
	var name, series string
	var ml int64
	err := q.QueryRowContext(ctx, `SELECT name, series, volume_ml FROM products WHERE id = ?`, id).Scan(&name, &series, &ml)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.Invalid("productId", "酒品不存在")
	}
	if err != nil {
		return "", errs.Internal("find product", err)
	}
	return label(name, series, ml), nil
}

func label(name, series string, ml int64) string {
	s := name
	if series != "" {
		s += " " + series
	}
	if ml > 0 {
		s += fmt.Sprintf(" %dml", ml)
	}
	return s
}

func customerExists(ctx context.Context, q store.Querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM customers WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound("客户不存在")
	}
	if err != nil {
		return errs.Internal("find customer", err)
	}
	return nil
}

// Balance is a customer's bottles of one product now stored.
func Balance(ctx context.Context, q store.Querier, customerID, productID int64) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT bottles FROM wine_stock WHERE customer_id = ? AND product_id = ?`, customerID, productID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, errs.Internal("wine balance", err)
	}
	return n, nil
}

// Deposit stores bottles for a customer. Bottles from a purchase cannot exceed what that purchase sold
// of the product, less refunds and what was already stored from it. With a key already booked it
// returns that entry and created=false.
func Deposit(ctx context.Context, tx *sql.Tx, in DepositInput, staffID int64) (Entry, bool, error) {
	in.Place, in.Note, in.ExpiresOn = strings.TrimSpace(in.Place), strings.TrimSpace(in.Note), strings.TrimSpace(in.ExpiresOn)
	if err := checkKey(in.Key); err != nil {
		return Entry{}, false, err
	}
	if e, ok, err := existing(ctx, tx, in.Key); err != nil || ok {
		return e, false, err
	}
	if err := errs.First(errs.Text("place", "存放位置", in.Place, errs.LineLen), errs.Text("note", "备注", in.Note, errs.LineLen)); err != nil {
		return Entry{}, false, err
	}
	if err := checkQty(in.Qty, "存酒数量"); err != nil {
		return Entry{}, false, err
	}
	if in.ExpiresOn != "" {
		d, err := time.Parse(time.DateOnly, in.ExpiresOn)
		if err != nil {
			return Entry{}, false, errs.Invalid("expiresOn", "到期日期应为 YYYY-MM-DD")
		}
		if d.Format(time.DateOnly) < store.Today() {
			return Entry{}, false, errs.Invalid("expiresOn", "到期日期不能早于今天")
		}
	}
	if err := customerExists(ctx, tx, in.CustomerID); err != nil {
		return Entry{}, false, err
	}
	name, err := productName(ctx, tx, in.ProductID)
	if err != nil {
		return Entry{}, false, err
	}
	if in.PurchaseID != 0 {
		left, err := Depositable(ctx, tx, in.CustomerID, in.PurchaseID, in.ProductID)
		if err != nil {
			return Entry{}, false, err
		}
		if in.Qty > left {
			return Entry{}, false, errs.Invalid("qty", fmt.Sprintf("存酒数量超过该笔消费可存的数量：%s 还可存 %d 瓶，要存 %d 瓶", name, left, in.Qty))
		}
	}
	e, err := insert(ctx, tx, Entry{CustomerID: in.CustomerID, ProductID: in.ProductID, Kind: KindDeposit, Qty: in.Qty,
		PurchaseID: in.PurchaseID, Place: in.Place, ExpiresOn: in.ExpiresOn, Note: in.Note}, in.Key, staffID)
	e.ProductName = name
	return e, err == nil, err
}

// Depositable is how many bottles of the product from the purchase may still be stored: what it sold,
// less what was refunded and what is already stored from it. The purchase must be the customer's.
func Depositable(ctx context.Context, q store.Querier, customerID, purchaseID, productID int64) (int64, error) {
	var owner int64
	err := q.QueryRowContext(ctx, `SELECT customer_id FROM purchases WHERE id = ?`, purchaseID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != customerID) {
		return 0, errs.Invalid("purchaseId", "该消费记录不是这位客户的")
	}
	if err != nil {
		return 0, errs.Internal("find purchase", err)
	}
	var sold, refunded, stored int64
	err = q.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT SUM(qty) FROM purchase_lines WHERE purchase_id = ?1 AND product_id = ?2), 0),
		COALESCE((SELECT SUM(r.qty) FROM refund_lines r JOIN purchase_lines l ON l.id = r.line_id
		  WHERE l.purchase_id = ?1 AND l.product_id = ?2), 0),
		COALESCE((SELECT SUM(qty) FROM wine_entries WHERE purchase_id = ?1 AND product_id = ?2 AND kind = 'deposit'), 0)`,
		purchaseID, productID).Scan(&sold, &refunded, &stored)
	if err != nil {
		return 0, errs.Internal("depositable bottles", err)
	}
	return max(sold-refunded-stored, 0), nil
}

// Withdraw takes bottles out (取酒). More than stored is refused naming both figures, changing nothing.
func Withdraw(ctx context.Context, tx *sql.Tx, in WithdrawInput, staffID int64) (Entry, bool, error) {
	in.Note = strings.TrimSpace(in.Note)
	if err := checkKey(in.Key); err != nil {
		return Entry{}, false, err
	}
	if e, ok, err := existing(ctx, tx, in.Key); err != nil || ok {
		return e, false, err
	}
	if err := errs.First(errs.Text("note", "备注", in.Note, errs.LineLen)); err != nil {
		return Entry{}, false, err
	}
	if err := checkQty(in.Qty, "取酒数量"); err != nil {
		return Entry{}, false, err
	}
	if err := customerExists(ctx, tx, in.CustomerID); err != nil {
		return Entry{}, false, err
	}
	name, err := productName(ctx, tx, in.ProductID)
	if err != nil {
		return Entry{}, false, err
	}
	have, err := Balance(ctx, tx, in.CustomerID, in.ProductID)
	if err != nil {
		return Entry{}, false, err
	}
	if in.Qty > have {
		return Entry{}, false, errs.Invalid("qty", fmt.Sprintf("存酒不足：%s 存有 %d 瓶，要取 %d 瓶", name, have, in.Qty))
	}
	e, err := insert(ctx, tx, Entry{CustomerID: in.CustomerID, ProductID: in.ProductID, Kind: KindWithdraw, Qty: -in.Qty, Note: in.Note}, in.Key, staffID)
	e.ProductName = name
	return e, err == nil, err
}

func insert(ctx context.Context, tx *sql.Tx, e Entry, key string, staffID int64) (Entry, error) {
	e.CreatedAt = store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO wine_entries (customer_id, product_id, kind, qty, purchase_id, place, expires_on,
		note, idem_key, staff_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, e.CustomerID, e.ProductID, e.Kind, e.Qty,
		store.Nullable(e.PurchaseID), e.Place, store.Nullable(e.ExpiresOn), e.Note, key, store.Nullable(staffID), e.CreatedAt)
	if err != nil {
		return Entry{}, errs.Internal("insert wine entry", err)
	}
	e.ID, _ = res.LastInsertId()
	if e.After, err = Balance(ctx, tx, e.CustomerID, e.ProductID); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// Get loads one ledger line.
func Get(ctx context.Context, q store.Querier, id int64) (Entry, error) {
	list, err := entries(ctx, q, `WHERE e.id = ?`, id)
	if err != nil {
		return Entry{}, err
	}
	if len(list) == 0 {
		return Entry{}, errs.NotFound("存酒记录不存在")
	}
	return list[0], nil
}

// entries reads ledger lines with their product, staff and the running bottles after each.
func entries(ctx context.Context, q store.Querier, where string, args ...any) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.customer_id, e.product_id, p.name, p.series, p.volume_ml, e.kind, e.qty,
		COALESCE(e.purchase_id, 0), e.place, COALESCE(e.expires_on, ''), e.note, COALESCE(s.name, ''), e.created_at,
		(SELECT SUM(x.qty) FROM wine_entries x WHERE x.customer_id = e.customer_id AND x.product_id = e.product_id AND x.id <= e.id)
		FROM wine_entries e JOIN products p ON p.id = e.product_id LEFT JOIN staff s ON s.id = e.staff_id `+where, args...)
	if err != nil {
		return nil, errs.Internal("list wine entries", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		var name, series string
		var ml int64
		if err := rows.Scan(&e.ID, &e.CustomerID, &e.ProductID, &name, &series, &ml, &e.Kind, &e.Qty, &e.PurchaseID, &e.Place,
			&e.ExpiresOn, &e.Note, &e.StaffName, &e.CreatedAt, &e.After); err != nil {
			return nil, errs.Internal("scan wine entry", err)
		}
		e.ProductName = label(name, series, ml)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Source is a purchase line whose bottles may still be stored.
type Source struct {
	PurchaseID  int64  `json:"purchaseId"`
	Date        string `json:"date"`
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Left        int64  `json:"left"`
}

// Sources lists the customer's purchases, newest first, with the bottles of each product still free to
// store (sold less refunded less stored), for the deposit form to offer.
func Sources(ctx context.Context, q store.Querier, customerID int64, limit int) ([]Source, error) {
	rows, err := q.QueryContext(ctx, `SELECT pu.id, pu.date, l.product_id, p.name, p.series, p.volume_ml,
		SUM(l.qty) - COALESCE((SELECT SUM(r.qty) FROM refund_lines r JOIN purchase_lines x ON x.id = r.line_id
		  WHERE x.purchase_id = pu.id AND x.product_id = l.product_id), 0)
		  - COALESCE((SELECT SUM(e.qty) FROM wine_entries e WHERE e.purchase_id = pu.id AND e.product_id = l.product_id
		  AND e.kind = 'deposit'), 0) AS left_qty
		FROM purchases pu JOIN purchase_lines l ON l.purchase_id = pu.id JOIN products p ON p.id = l.product_id
		WHERE pu.customer_id = ? AND p.service = 0
		GROUP BY pu.id, l.product_id HAVING left_qty > 0
		ORDER BY pu.date DESC, pu.id DESC LIMIT ?`, customerID, limit)
	if err != nil {
		return nil, errs.Internal("wine sources", err)
	}
	defer rows.Close()
	out := []Source{}
	for rows.Next() {
		var s Source
		var name, series string
		var ml int64
		if err := rows.Scan(&s.PurchaseID, &s.Date, &s.ProductID, &name, &series, &ml, &s.Left); err != nil {
			return nil, errs.Internal("scan wine source", err)
		}
		s.ProductName = label(name, series, ml)
		out = append(out, s)
	}
	return out, rows.Err()
}
