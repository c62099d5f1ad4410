package members

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
	"jiuke/backend/store"
)

// A merge keeps one membership (the higher level) and one card in use; the other card is marked
// replaced by the survivor's, so scanning it says where the member went.
func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "会员卡", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		keep, hasKeep, err := CurrentCard(ctx, tx, survivorID)
		if err != nil {
			return 0, err
		}
		gone, hasGone, err := CurrentCard(ctx, tx, mergedID)
		if err != nil {
			return 0, err
		}
		if hasKeep && hasGone {
			if _, err := tx.ExecContext(ctx, `UPDATE cards SET state = 'replaced', state_reason = '客户合并', replaced_by = ?, changed_at = ? WHERE id = ?`,
				keep.ID, store.Now(), gone.ID); err != nil {
				return 0, err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE cards SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}})
	customers.RegisterMergeStep(customers.MergeStep{Label: "会员等级", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		if _, err := tx.ExecContext(ctx, `UPDATE level_changes SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID); err != nil {
			return 0, err
		}
		gone, hasGone, err := Get(ctx, tx, mergedID)
		if err != nil || !hasGone {
			return 0, err
		}
		keep, hasKeep, err := Get(ctx, tx, survivorID)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE customer_id = ?`, mergedID); err != nil {
			return 0, err
		}
		if !hasKeep {
			_, err := tx.ExecContext(ctx, `INSERT INTO memberships (customer_id, level_id, level_since, registered_at) VALUES (?,?,?,?)`,
				survivorID, gone.LevelID, gone.LevelSince, gone.RegisteredAt)
			return 1, err
		}
		levels, err := Levels(ctx, tx)
		if err != nil {
			return 0, err
		}
		if rankOf(levels, gone.LevelID) > rankOf(levels, keep.LevelID) {
			return 1, setLevel(ctx, tx, keep, gone.LevelID, "客户合并，沿用较高等级", 0)
		}
		return 1, nil
	}})
}
