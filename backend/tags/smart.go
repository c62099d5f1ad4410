package tags

import (
	"context"
	"database/sql"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// recomputeOne replaces who carries smart tag id by one set operation: delete, then insert the
// active customers the rule selects. Returns how many carry it now.
func recomputeOne(ctx context.Context, tx *sql.Tx, id int64, rule segments.Node, today string) (int, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM customer_tags WHERE tag_id = ?`, id); err != nil {
		return 0, errs.Internal("clear smart tag", err)
	}
	where, args := segments.Where(rule, today)
	now := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at)
		SELECT c.id, ?, ? FROM customers c WHERE c.archived = 0 AND `+where, append([]any{id, now}, args...)...)
	if err != nil {
		return 0, errs.Internal("fill smart tag", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tag_rules SET computed_at = ? WHERE tag_id = ?`, now, id); err != nil {
		return 0, errs.Internal("mark smart tag", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Progress reports a recompute: Done of Total smart tags, the one just finished.
type Progress struct {
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Tag   string `json:"tag"`
}

// Stale tells whether smart tags need recomputing: data they read changed (triggers move
// data_version) or the shop day turned since the last full recompute.
func Stale(ctx context.Context, q store.Querier) (bool, error) {
	var data, computed int64
	var on string
	if err := q.QueryRowContext(ctx, `SELECT data_version, computed_version, computed_on FROM smart_tag_state WHERE id = 1`).Scan(&data, &computed, &on); err != nil {
		return false, errs.Internal("smart tag state", err)
	}
	return data != computed || on != store.Today(), nil
}

// RecomputeAll recomputes every smart tag in the caller's transaction, reporting after each tag.
func RecomputeAll(ctx context.Context, tx *sql.Tx, today string, progress func(Progress)) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.name, r.rule FROM tags t JOIN tag_rules r ON r.tag_id = t.id WHERE t.kind = 'smart' ORDER BY t.id`)
	if err != nil {
		return 0, errs.Internal("smart tags", err)
	}
	type item struct {
		id   int64
		name string
		rule segments.Node
	}
	var items []item
	for rows.Next() {
		var it item
		var rule string
		if err := rows.Scan(&it.id, &it.name, &rule); err != nil {
			rows.Close()
			return 0, errs.Internal("scan smart tag", err)
		}
		if err := jsonUnmarshal(rule, &it.rule); err != nil {
			rows.Close()
			return 0, errs.Internal("decode smart tag", err)
		}
		items = append(items, it)
	}
	rows.Close()
	for i, it := range items {
		if _, err := recomputeOne(ctx, tx, it.id, it.rule, today); err != nil {
			return 0, err
		}
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(items), Tag: it.name})
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE smart_tag_state SET computed_version = data_version, computed_on = ? WHERE id = 1`, today); err != nil {
		return 0, errs.Internal("mark smart tags", err)
	}
	return len(items), nil
}
