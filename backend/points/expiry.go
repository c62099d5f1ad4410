package points

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// ExpiringLot is the unspent rest of one credit whose expiry date has come.
type ExpiringLot struct {
	LotID        int64  `json:"lotId"`
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	Points       int64  `json:"points"`
	ExpiresOn    string `json:"expiresOn"`
}

// ExpiryPreview lists what an expiry run on asOf (YYYY-MM-DD) would take, without changing anything.
func ExpiryPreview(ctx context.Context, q store.Querier, asOf string) ([]ExpiringLot, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.customer_id, c.name, e.expires_on,
		e.points - COALESCE((SELECT SUM(a.points) FROM points_allocations a WHERE a.lot_id = e.id), 0) AS rest
		FROM points_entries e JOIN customers c ON c.id = e.customer_id
		WHERE e.expires_on IS NOT NULL AND e.expires_on <= ? AND e.points > 0 AND rest > 0
		ORDER BY e.expires_on, e.id`, asOf)
	if err != nil {
		return nil, errs.Internal("expiry preview", err)
	}
	defer rows.Close()
	out := []ExpiringLot{}
	for rows.Next() {
		var l ExpiringLot
		if err := rows.Scan(&l.LotID, &l.CustomerID, &l.CustomerName, &l.ExpiresOn, &l.Points); err != nil {
			return nil, errs.Internal("scan expiring lot", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// ApplyExpiry books an expire entry for each lot in the preview, allocated to exactly that lot.
// Running it twice expires nothing twice: each lot's expiry has its own key.
func ApplyExpiry(ctx context.Context, tx *sql.Tx, asOf string, staffID int64) (int, int64, error) {
	lots, err := ExpiryPreview(ctx, tx, asOf)
	if err != nil {
		return 0, 0, err
	}
	var total int64
	for _, l := range lots {
		b := Booking{CustomerID: l.CustomerID, Kind: KindExpire, Points: l.Points, Reason: fmt.Sprintf("%s 到期", l.ExpiresOn),
			RefType: "lot", RefID: l.LotID, Key: fmt.Sprintf("expire:%d:%d", l.LotID, l.Points), StaffID: staffID}
		e, err := insert(ctx, tx, b, -l.Points, "")
		if err != nil {
			return 0, 0, err
		}
		if err := allocate(ctx, tx, e.ID, []Entry{{ID: l.LotID, Remaining: l.Points}}, l.Points); err != nil {
			return 0, 0, err
		}
		total += l.Points
	}
	return len(lots), total, nil
}

// ExpiringSoon is how many of the customer's points expire on or before date.
func ExpiringSoon(ctx context.Context, q store.Querier, customerID int64, date string) (int64, string, error) {
	lots, err := openLots(ctx, q, customerID)
	if err != nil {
		return 0, "", err
	}
	var n int64
	first := ""
	for _, l := range lots {
		if l.ExpiresOn != "" && l.ExpiresOn <= date {
			n += l.Remaining
			if first == "" || l.ExpiresOn < first {
				first = l.ExpiresOn
			}
		}
	}
	return n, first, nil
}

// History lists a customer's ledger, newest first, with what is left of each credit: the entries
// before entry beforeID (0 for the newest), limit at a time.
func History(ctx context.Context, q store.Querier, customerID, beforeID int64, limit int) ([]Entry, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.customer_id, e.kind, e.points, COALESCE(e.expires_on, ''), e.reason,
		e.ref_type, COALESCE(e.ref_id, 0), COALESCE(s.name, ''), e.created_at,
		CASE WHEN e.points > 0 THEN e.points - COALESCE((SELECT SUM(a.points) FROM points_allocations a WHERE a.lot_id = e.id), 0) ELSE 0 END
		FROM points_entries e LEFT JOIN staff s ON s.id = e.staff_id
		WHERE e.customer_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`, customerID, newestFirst(beforeID), limit)
	if err != nil {
		return nil, errs.Internal("points history", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.CustomerID, &e.Kind, &e.Points, &e.ExpiresOn, &e.Reason, &e.RefType, &e.RefID,
			&e.StaffName, &e.CreatedAt, &e.Remaining); err != nil {
			return nil, errs.Internal("scan entry", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// newestFirst is the id a page of the ledger starts below: beforeID, or past every line for the first page.
func newestFirst(beforeID int64) int64 {
	if beforeID <= 0 {
		return math.MaxInt64
	}
	return beforeID
}

// RecentEntry is a ledger line across all customers, for the shop-wide ledger view.
type RecentEntry struct {
	Entry
	CustomerName string `json:"customerName"`
}

// Recent lists the newest ledger entries of every customer, optionally of one kind: those before
// entry beforeID (0 for the newest), limit at a time. CROSS JOIN keeps the ledger outermost, read
// from its newest line back, so a page stops after limit rows instead of sorting millions.
func Recent(ctx context.Context, q store.Querier, kind string, beforeID int64, limit int) ([]RecentEntry, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	where := "WHERE e.id < ?"
	args := []any{newestFirst(beforeID)}
	if kind != "" {
		where += " AND e.kind = ?"
		args = append(args, kind)
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.customer_id, c.name, e.kind, e.points, COALESCE(e.expires_on, ''), e.reason,
		e.ref_type, COALESCE(e.ref_id, 0), COALESCE(s.name, ''), e.created_at
		FROM points_entries e CROSS JOIN customers c ON c.id = e.customer_id LEFT JOIN staff s ON s.id = e.staff_id
		`+where+` ORDER BY e.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, errs.Internal("recent points", err)
	}
	defer rows.Close()
	out := []RecentEntry{}
	for rows.Next() {
		var e RecentEntry
		if err := rows.Scan(&e.ID, &e.CustomerID, &e.CustomerName, &e.Kind, &e.Points, &e.ExpiresOn, &e.Reason, &e.RefType,
			&e.RefID, &e.StaffName, &e.CreatedAt); err != nil {
			return nil, errs.Internal("scan recent entry", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
