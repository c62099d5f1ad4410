package customers

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Opening spend (期初累计消费) is what an old ledger's 累计消费 column said a customer had spent, with
// no dates to make purchases of it. It is part of the customer's 累计消费 (Customer.TotalSpendFen,
// segments.TotalSpendSQL) and of no dated window. Only an import writes it, one row per batch and
// customer, so undoing the batch deletes exactly its rows.

// MaxOpeningSpendFen bounds one opening total: ¥1 亿 is beyond any shop's customer, and keeps sums far
// from overflowing.
const MaxOpeningSpendFen = 100_000_000_00

// OpeningSpend is the customer's opening spend in fen.
func OpeningSpend(ctx context.Context, q store.Querier, customerID int64) (int64, error) {
	var fen int64
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_fen), 0) FROM opening_spends WHERE customer_id = ?`, customerID).Scan(&fen); err != nil {
		return 0, errs.Internal("opening spend", err)
	}
	return fen, nil
}

// AddOpeningSpend books fen (which may be negative, to correct an earlier import) as the customer's
// opening spend from import batch batchID.
func AddOpeningSpend(ctx context.Context, tx *sql.Tx, customerID, fen, batchID, staffID int64) error {
	if fen > MaxOpeningSpendFen || fen < -MaxOpeningSpendFen {
		return errs.Invalid("spend", fmt.Sprintf("累计消费不能超过 %d 元", MaxOpeningSpendFen/100))
	}
	if fen == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO opening_spends (customer_id, amount_fen, import_batch_id, staff_id, created_at) VALUES (?,?,?,?,?)`,
		customerID, fen, store.Nullable(batchID), store.Nullable(staffID), store.Now()); err != nil {
		return errs.Internal("add opening spend", err)
	}
	return nil
}

// DeleteImportedOpeningSpend removes what batch batchID booked; returns the total removed.
func DeleteImportedOpeningSpend(ctx context.Context, tx *sql.Tx, batchID int64) (int64, error) {
	var fen int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_fen), 0) FROM opening_spends WHERE import_batch_id = ?`, batchID).Scan(&fen); err != nil {
		return 0, errs.Internal("imported opening spend", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM opening_spends WHERE import_batch_id = ?`, batchID); err != nil {
		return 0, errs.Internal("undo opening spend", err)
	}
	return fen, nil
}

func init() {
	RegisterMergeStep(MergeStep{Label: "期初累计消费", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		return execCount(ctx, tx, `UPDATE opening_spends SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
	}})
}
