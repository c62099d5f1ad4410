// Package points owns the points ledger (积分): append-only entries whose sum is the balance. Credits
// are lots; every debit is allocated to lots first in, first out, and the allocations are stored, so
// expiry and refunds are exact without ever editing an entry. Every write carries an idempotency key:
// a double click or a retried request books once.
package points

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Kinds of ledger entries.
const (
	KindEarn    = "earn"
	KindRedeem  = "redeem"
	KindBonus   = "bonus"
	KindAdjust  = "adjust"
	KindExpire  = "expire"
	KindReverse = "reverse"
	KindOpening = "opening"
)

// Entry is one line of a customer's ledger.
type Entry struct {
	ID         int64  `json:"id"`
	CustomerID int64  `json:"customerId"`
	Kind       string `json:"kind"`
	Points     int64  `json:"points"`
	ExpiresOn  string `json:"expiresOn"`
	Reason     string `json:"reason"`
	RefType    string `json:"refType"`
	RefID      int64  `json:"refId"`
	StaffName  string `json:"staffName"`
	CreatedAt  string `json:"createdAt"`
	// Remaining is what is left of a credit after the spends allocated to it.
	Remaining int64 `json:"remaining"`
}

// Booking describes one write: who, what kind, how many points (always positive), why, and its key.
type Booking struct {
	CustomerID int64
	Kind       string
	Points     int64
	Reason     string
	RefType    string
	RefID      int64
	Key        string
	StaffID    int64
	// EarnedOn (YYYY-MM-DD) dates a credit for its expiry, e.g. a back-dated purchase; default today.
	EarnedOn string
	// ExpiresOn overrides the expiry of a credit (used when a lot moves to another customer).
	ExpiresOn string
	// FirstLot, for a debit, is spent before the usual first-in-first-out order (a refund takes back
	// the purchase's own points first).
	FirstLot int64
}

// Booked returns the entry booked under an idempotency key, if any: a caller that gave points under
// a key can tell whether there is something to take back.
func Booked(ctx context.Context, q store.Querier, key string) (Entry, bool, error) {
	return existing(ctx, q, key)
}

// existing returns the entry already booked under key, if any.
func existing(ctx context.Context, q store.Querier, key string) (Entry, bool, error) {
	var e Entry
	var exp sql.NullString
	var ref sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT id, customer_id, kind, points, expires_on, reason, ref_type, ref_id, created_at
		FROM points_entries WHERE idem_key = ?`, key).Scan(&e.ID, &e.CustomerID, &e.Kind, &e.Points, &exp, &e.Reason, &e.RefType, &ref, &e.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, errs.Internal("points idempotency", err)
	}
	e.ExpiresOn, e.RefID = exp.String, ref.Int64
	return e, true, nil
}

// customerExists refuses a booking for a customer id that is not in the archive, as not found (the
// ledger's foreign key would otherwise fail as an internal error).
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

func checkBooking(b Booking) error {
	if b.Points <= 0 {
		return errs.Invalid("points", "积分数量应大于0")
	}
	if b.Key == "" {
		return errs.Internal("points booking", fmt.Errorf("missing idempotency key"))
	}
	return nil
}

func insert(ctx context.Context, tx *sql.Tx, b Booking, signed int64, expiresOn string) (Entry, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO points_entries (customer_id, kind, points, expires_on, reason, ref_type, ref_id, idem_key, staff_id, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, b.CustomerID, b.Kind, signed, store.Nullable(expiresOn), b.Reason, b.RefType, store.Nullable(b.RefID), b.Key, store.Nullable(b.StaffID), store.Now())
	if err != nil {
		return Entry{}, errs.Internal("insert points entry", err)
	}
	id, _ := res.LastInsertId()
	return Entry{ID: id, CustomerID: b.CustomerID, Kind: b.Kind, Points: signed, ExpiresOn: expiresOn, Reason: b.Reason,
		RefType: b.RefType, RefID: b.RefID, Remaining: max(signed, 0)}, nil
}

// Credit adds points. With a key already booked it returns that entry and created=false.
func Credit(ctx context.Context, tx *sql.Tx, b Booking) (Entry, bool, error) {
	if err := checkBooking(b); err != nil {
		return Entry{}, false, err
	}
	if e, ok, err := existing(ctx, tx, b.Key); err != nil || ok {
		return e, false, err
	}
	exp := b.ExpiresOn
	if exp == "" {
		rules, err := LoadRules(ctx, tx)
		if err != nil {
			return Entry{}, false, err
		}
		on := b.EarnedOn
		if on == "" {
			on = store.Today()
		}
		exp = rules.expiryFor(on)
	}
	e, err := insert(ctx, tx, b, b.Points, exp)
	return e, err == nil, err
}

// Debit takes points, allocated to lots first in, first out. It refuses, changing nothing, when the
// balance is short: the balance never goes negative.
func Debit(ctx context.Context, tx *sql.Tx, b Booking) (Entry, bool, error) {
	if err := checkBooking(b); err != nil {
		return Entry{}, false, err
	}
	if e, ok, err := existing(ctx, tx, b.Key); err != nil || ok {
		return e, false, err
	}
	lots, err := openLots(ctx, tx, b.CustomerID)
	if err != nil {
		return Entry{}, false, err
	}
	var have int64
	for _, l := range lots {
		have += l.Remaining
	}
	if have < b.Points {
		return Entry{}, false, errs.Invalid("points", fmt.Sprintf("积分不足：可用 %d 分，需要 %d 分", have, b.Points))
	}
	if b.FirstLot != 0 {
		for i, l := range lots {
			if l.ID == b.FirstLot {
				lots = append(append([]Entry{l}, lots[:i]...), lots[i+1:]...)
				break
			}
		}
	}
	e, err := insert(ctx, tx, b, -b.Points, "")
	if err != nil {
		return Entry{}, false, err
	}
	if err := allocate(ctx, tx, e.ID, lots, b.Points); err != nil {
		return Entry{}, false, err
	}
	return e, true, nil
}

func allocate(ctx context.Context, tx *sql.Tx, spendID int64, lots []Entry, need int64) error {
	for _, l := range lots {
		if need == 0 {
			break
		}
		take := min(need, l.Remaining)
		if take == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO points_allocations (spend_id, lot_id, points) VALUES (?,?,?)`, spendID, l.ID, take); err != nil {
			return errs.Internal("allocate points", err)
		}
		need -= take
	}
	if need != 0 {
		return errs.Internal("allocate points", fmt.Errorf("%d points left unallocated", need))
	}
	return nil
}

// openLots lists a customer's credits that still have points left, oldest first.
func openLots(ctx context.Context, q store.Querier, customerID int64) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.kind, e.points, COALESCE(e.expires_on, ''), e.created_at,
		e.points - COALESCE((SELECT SUM(a.points) FROM points_allocations a WHERE a.lot_id = e.id), 0)
		FROM points_entries e WHERE e.customer_id = ? AND e.points > 0 ORDER BY e.id`, customerID)
	if err != nil {
		return nil, errs.Internal("open lots", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e := Entry{CustomerID: customerID}
		if err := rows.Scan(&e.ID, &e.Kind, &e.Points, &e.ExpiresOn, &e.CreatedAt, &e.Remaining); err != nil {
			return nil, errs.Internal("scan lot", err)
		}
		if e.Remaining > 0 {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

// Balance is the sum of the customer's ledger.
func Balance(ctx context.Context, q store.Querier, customerID int64) (int64, error) {
	var b int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = ?`, customerID).Scan(&b); err != nil {
		return 0, errs.Internal("balance", err)
	}
	return b, nil
}

// LotRemaining is what is left of one credit.
func LotRemaining(ctx context.Context, q store.Querier, lotID int64) (int64, error) {
	var r int64
	err := q.QueryRowContext(ctx, `SELECT e.points - COALESCE((SELECT SUM(points) FROM points_allocations WHERE lot_id = e.id), 0)
		FROM points_entries e WHERE e.id = ?`, lotID).Scan(&r)
	if err != nil {
		return 0, errs.Internal("lot remaining", err)
	}
	return r, nil
}
