package sales

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
)

func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "消费记录", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		res, err := tx.ExecContext(ctx, `UPDATE purchases SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}})
}
