package points

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/customers"
)

// A merge moves the unspent rest of every lot to the survivor, keeping each lot's expiry date. The
// ledger is append-only, so the move is a pair of entries, never an edit.
func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "积分", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		lots, err := openLots(ctx, tx, mergedID)
		if err != nil {
			return 0, err
		}
		var moved int64
		for _, l := range lots {
			out, err := insert(ctx, tx, Booking{CustomerID: mergedID, Kind: KindAdjust, Reason: fmt.Sprintf("合并转出到客户 #%d", survivorID),
				RefType: "merge", RefID: survivorID, Key: fmt.Sprintf("merge-out:%d", l.ID)}, -l.Remaining, "")
			if err != nil {
				return 0, err
			}
			if err := allocate(ctx, tx, out.ID, []Entry{l}, l.Remaining); err != nil {
				return 0, err
			}
			if _, err := insert(ctx, tx, Booking{CustomerID: survivorID, Kind: KindAdjust, Reason: fmt.Sprintf("合并转入自客户 #%d", mergedID),
				RefType: "merge", RefID: mergedID, Key: fmt.Sprintf("merge-in:%d", l.ID)}, l.Remaining, l.ExpiresOn); err != nil {
				return 0, err
			}
			moved += l.Remaining
		}
		_, err = tx.ExecContext(ctx, `UPDATE redemptions SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		return moved, err
	}})
}
