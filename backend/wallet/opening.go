package wallet

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// OpeningInput is a balance carried over from the shop's old member software (期初储值), booked by
// an import batch: signed changes, so an import that overwrites can lower a balance to the file's.
type OpeningInput struct {
	CustomerID   int64
	PrincipalFen int64
	BonusFen     int64
	BatchID      int64
	Row          int
}

// openingKey is the idempotency key of a batch row's opening entry: a retried import of the same
// batch books it once.
func openingKey(batchID int64, row int) string {
	return fmt.Sprintf("import-wallet:%d:%d", batchID, row)
}

// Opening books one opening entry for an import row. The named-card cap holds as for a recharge:
// the principal after the entry may not pass it (the bonus, the shop's gift, does not count).
func Opening(ctx context.Context, tx *sql.Tx, in OpeningInput, staffID int64) (Entry, error) {
	if in.PrincipalFen == 0 && in.BonusFen == 0 {
		return Entry{}, nil
	}
	if err := errs.First(errs.Money("openingPrincipal", "期初储值本金", abs(in.PrincipalFen)),
		errs.Money("openingBonus", "期初储值赠送", abs(in.BonusFen))); err != nil {
		return Entry{}, err
	}
	rules, err := LoadRules(ctx, tx)
	if err != nil {
		return Entry{}, err
	}
	bal, err := BalanceOf(ctx, tx, in.CustomerID)
	if err != nil {
		return Entry{}, err
	}
	if after := bal.PrincipalFen + in.PrincipalFen; rules.CapOn && in.PrincipalFen > 0 && after > rules.CapFen {
		return Entry{}, errs.Invalid("openingPrincipal", fmt.Sprintf("记名卡余额上限为 %s，导入后本金将为 %s，超出 %s；请核对余额，或在储值规则中调整上限后再导入此行",
			yuan(rules.CapFen), yuan(after), yuan(after-rules.CapFen)))
	}
	e, _, err := book(ctx, tx, booking{customerID: in.CustomerID, kind: KindOpening, principal: in.PrincipalFen, bonus: in.BonusFen,
		batchID: in.BatchID, staffID: staffID, note: fmt.Sprintf("期初储值（导入批次 #%d 第 %d 行）", in.BatchID, in.Row),
		key: openingKey(in.BatchID, in.Row)})
	return e, err
}

// ReverseImport appends the opposite of every opening entry an import batch booked (the ledger is
// append-only, so undoing a batch adds entries rather than removing any) and returns what it took back.
// The batch's undo has checked the customers did nothing with their stored value since, so each
// reversal lands on exactly the balance the batch left.
func ReverseImport(ctx context.Context, tx *sql.Tx, batchID, staffID int64) (Balance, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, principal_fen, bonus_fen FROM wallet_entries
		WHERE batch_id = ? AND kind = ? AND idem_key LIKE 'import-wallet:%' ORDER BY id`, batchID, KindOpening)
	if err != nil {
		return Balance{}, errs.Internal("batch wallet entries", err)
	}
	type entry struct{ id, customer, principal, bonus int64 }
	var list []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.customer, &e.principal, &e.bonus); err != nil {
			rows.Close()
			return Balance{}, errs.Internal("scan batch wallet entry", err)
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Balance{}, errs.Internal("batch wallet entries", err)
	}
	var net Balance
	for _, e := range list {
		if _, _, err := book(ctx, tx, booking{customerID: e.customer, kind: KindOpening, principal: -e.principal, bonus: -e.bonus,
			batchID: batchID, staffID: staffID, note: fmt.Sprintf("撤销导入批次 #%d", batchID),
			key: fmt.Sprintf("import-wallet-undo:%d", e.id)}); err != nil {
			return net, err
		}
		net.PrincipalFen += e.principal
		net.BonusFen += e.bonus
	}
	return net, nil
}

// Entries counts a customer's wallet entries: an import that only fills blanks leaves a customer
// with any stored-value history alone.
func Entries(ctx context.Context, q store.Querier, customerID int64) (int64, error) {
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM wallet_entries WHERE customer_id = ?`, customerID).Scan(&n); err != nil {
		return 0, errs.Internal("wallet entries", err)
	}
	return n, nil
}
