package events

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
)

// A merge moves guest rows to the survivor. When both were guests of the same event, the row that
// got further (签到 over 确认 over 邀请…) stays and the other goes.
func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "活动宾客", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		rows, err := tx.QueryContext(ctx, `SELECT m.id, m.status, s.id, s.status FROM event_guests m
			JOIN event_guests s ON s.event_id = m.event_id AND s.customer_id = ? WHERE m.customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		type pair struct {
			mID, sID         int64
			mStatus, sStatus string
		}
		var both []pair
		for rows.Next() {
			var p pair
			if err := rows.Scan(&p.mID, &p.mStatus, &p.sID, &p.sStatus); err != nil {
				rows.Close()
				return 0, err
			}
			both = append(both, p)
		}
		rows.Close()
		for _, p := range both {
			drop := p.mID
			if advance[p.mStatus] > advance[p.sStatus] {
				drop = p.sID
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM event_guests WHERE id = ?`, drop); err != nil {
				return 0, err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE event_guests SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		return n + int64(len(both)), err
	}})
}
