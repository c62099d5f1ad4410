package banquets

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
)

func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "宴席", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		var n int64
		for _, q := range []string{`UPDATE banquets SET host_id = ? WHERE host_id = ?`, `UPDATE banquets SET venue_id = ? WHERE venue_id = ?`} {
			res, err := tx.ExecContext(ctx, q, survivorID, mergedID)
			if err != nil {
				return n, err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return n, nil
	}})
}
