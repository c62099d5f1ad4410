// Package wallet owns stored value (储值): recharge packages, the append-only wallet ledger with its
// two balances per customer (本金 principal the customer paid, 赠送 bonus the shop gave), spending by
// the owner's rule, paying purchases, refunds, closing a card (退卡) and the liability report. The
// balances belong to the customer, like points: a replacement card carries them with it untouched.
package wallet

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Kinds of ledger entries.
const (
	KindRecharge    = "recharge"
	KindSpend       = "spend"
	KindRefund      = "refund"
	KindClose       = "close" // 退卡: principal paid out, bonus forfeited
	KindAdjust      = "adjust"
	KindOpening     = "opening"
	KindTransferIn  = "transfer_in" // a merge
	KindTransferOut = "transfer_out"
)

// Balance is a customer's two balances.
type Balance struct {
	PrincipalFen int64 `json:"principalFen"`
	BonusFen     int64 `json:"bonusFen"`
}

// Total is principal plus bonus: what the customer can spend.
func (b Balance) Total() int64 { return b.PrincipalFen + b.BonusFen }

// Entry is one ledger line with the balances after it (what a receipt prints).
type Entry struct {
	ID             int64  `json:"id"`
	CustomerID     int64  `json:"customerId"`
	Kind           string `json:"kind"`
	PrincipalFen   int64  `json:"principalFen"`
	BonusFen       int64  `json:"bonusFen"`
	PrincipalAfter int64  `json:"principalAfter"`
	BonusAfter     int64  `json:"bonusAfter"`
	CashFen        int64  `json:"cashFen"`
	Method         string `json:"method"`
	PackageID      int64  `json:"packageId"`
	PurchaseID     int64  `json:"purchaseId"`
	RefundID       int64  `json:"refundId"`
	StaffName      string `json:"staffName"`
	Note           string `json:"note"`
	CreatedAt      string `json:"createdAt"`
}

type clockKey struct{}

// At stamps the wallet writes made with the returned context at t instead of now: for the demo shop's
// history, which reads like months of trade. Counter work never sets it.
func At(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, clockKey{}, t.UTC().Format(time.RFC3339))
}

func now(ctx context.Context) string {
	if at, ok := ctx.Value(clockKey{}).(string); ok {
		return at
	}
	return store.Now()
}

// booking is one write: the signed changes and what they refer to.
type booking struct {
	customerID        int64
	kind              string
	principal, bonus  int64
	cash              int64
	method            string
	packageID         int64
	purchaseID        int64
	refundID, batchID int64
	staffID           int64
	note, key         string
	// known is the balance the caller read in this transaction just before (a purchase's spend reads
	// it to split the amount): book need not read it again.
	known *Balance
}

// BalanceOf reads a customer's balances (zero when they never had stored value).
func BalanceOf(ctx context.Context, q store.Querier, customerID int64) (Balance, error) {
	var b Balance
	err := q.QueryRowContext(ctx, `SELECT principal_fen, bonus_fen FROM wallet_balances WHERE customer_id = ?`, customerID).
		Scan(&b.PrincipalFen, &b.BonusFen)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return b, errs.Internal("wallet balance", err)
	}
	return b, nil
}

const entryCols = `e.id, e.customer_id, e.kind, e.principal_fen, e.bonus_fen, e.principal_after, e.bonus_after, e.cash_fen,
	e.method, COALESCE(e.package_id, 0), COALESCE(e.purchase_id, 0), COALESCE(e.refund_id, 0), COALESCE(s.name, ''), e.note, e.created_at`

func scanEntry(row interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	err := row.Scan(&e.ID, &e.CustomerID, &e.Kind, &e.PrincipalFen, &e.BonusFen, &e.PrincipalAfter, &e.BonusAfter, &e.CashFen,
		&e.Method, &e.PackageID, &e.PurchaseID, &e.RefundID, &e.StaffName, &e.Note, &e.CreatedAt)
	return e, err
}

// byKey returns the entry booked under key, if any.
func byKey(ctx context.Context, q store.Querier, key string) (Entry, bool, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryCols+` FROM wallet_entries e LEFT JOIN staff s ON s.id = e.staff_id
		WHERE e.idem_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, errs.Internal("wallet idempotency", err)
	}
	return e, true, nil
}

// GetEntry reads one entry.
func GetEntry(ctx context.Context, q store.Querier, id int64) (Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryCols+` FROM wallet_entries e LEFT JOIN staff s ON s.id = e.staff_id
		WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, errs.NotFound("储值流水不存在")
	}
	if err != nil {
		return e, errs.Internal("wallet entry", err)
	}
	return e, nil
}

// book appends one entry; a key already booked returns that entry and created=false. The caller has
// checked the amounts; the database refuses a balance below zero all the same.
func book(ctx context.Context, tx *sql.Tx, b booking) (Entry, bool, error) {
	if b.key == "" {
		return Entry{}, false, errs.Internal("wallet booking", errors.New("missing idempotency key"))
	}
	if e, ok, err := byKey(ctx, tx, b.key); err != nil || ok {
		return e, false, err
	}
	var bal Balance
	var err error
	if b.known != nil {
		bal = *b.known
	} else if bal, err = BalanceOf(ctx, tx, b.customerID); err != nil {
		return Entry{}, false, err
	}
	pa, ba := bal.PrincipalFen+b.principal, bal.BonusFen+b.bonus
	if pa < 0 || ba < 0 {
		return Entry{}, false, errs.Conflict("amountFen", "储值余额不足", nil)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO wallet_entries (customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after,
		cash_fen, method, package_id, purchase_id, refund_id, batch_id, staff_id, note, idem_key, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		b.customerID, b.kind, b.principal, b.bonus, pa, ba,
		b.cash, b.method, store.Nullable(b.packageID), store.Nullable(b.purchaseID), store.Nullable(b.refundID),
		store.Nullable(b.batchID), store.Nullable(b.staffID), b.note, b.key, now(ctx))
	if err != nil {
		return Entry{}, false, errs.Internal("insert wallet entry", err)
	}
	id, _ := res.LastInsertId()
	e, err := GetEntry(ctx, tx, id)
	return e, err == nil, err
}

// History lists a customer's entries, newest first, those before beforeID (0 for the newest).
func History(ctx context.Context, q store.Querier, customerID, beforeID int64, limit int) ([]Entry, error) {
	if beforeID <= 0 {
		beforeID = 1 << 62
	}
	rows, err := q.QueryContext(ctx, `SELECT `+entryCols+` FROM wallet_entries e LEFT JOIN staff s ON s.id = e.staff_id
		WHERE e.customer_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`, customerID, beforeID, limit)
	if err != nil {
		return nil, errs.Internal("wallet history", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, errs.Internal("scan wallet entry", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Outstanding is the shop's stored value not yet spent (预收款): one row the ledger keeps.
func Outstanding(ctx context.Context, q store.Querier) (Balance, error) {
	var b Balance
	err := q.QueryRowContext(ctx, `SELECT principal_fen, bonus_fen FROM wallet_totals WHERE id = 1`).Scan(&b.PrincipalFen, &b.BonusFen)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return b, errs.Internal("wallet outstanding", err)
	}
	return b, nil
}
