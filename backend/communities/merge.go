package communities

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
)

func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "社群成员", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		// A group both were in keeps the survivor's row; the merged one's row goes.
		res, err := tx.ExecContext(ctx, `UPDATE community_members SET customer_id = ? WHERE customer_id = ?
			AND community_id NOT IN (SELECT community_id FROM community_members WHERE customer_id = ?)`, survivorID, mergedID, survivorID)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		if _, err := tx.ExecContext(ctx, `DELETE FROM community_members WHERE customer_id = ?`, mergedID); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE community_members SET inviter_id = ? WHERE inviter_id = ? AND customer_id != ?`,
			survivorID, mergedID, survivorID); err != nil {
			return 0, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE OR IGNORE draw_winners SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		return n, err
	}})
}
