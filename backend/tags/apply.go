package tags

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

func init() {
	// The survivor carries the merged customer's tags; one both carried stays once.
	customers.RegisterMergeStep(customers.MergeStep{Label: "标签", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id, created_at)
			SELECT ?, tag_id, created_at FROM customer_tags WHERE customer_id = ?`, survivorID, mergedID)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		_, err = tx.ExecContext(ctx, `DELETE FROM customer_tags WHERE customer_id = ?`, mergedID)
		return n, err
	}})
}

func jsonMarshal(v any) string { b, _ := json.Marshal(v); return string(b) }

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// Of lists the tags a customer carries, smart ones included.
func Of(ctx context.Context, q store.Querier, customerID int64) ([]Tag, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name, t.colour, t.tag_group, t.kind, COALESCE(r.rule, ''), COALESCE(r.computed_at, ''), 0
		FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id LEFT JOIN tag_rules r ON r.tag_id = t.id
		WHERE ct.customer_id = ? ORDER BY t.kind, t.tag_group, t.name`, customerID)
	if err != nil {
		return nil, errs.Internal("customer tags", err)
	}
	defer rows.Close()
	out := []Tag{}
	for rows.Next() {
		t, err := scanTag(rows)
		if err != nil {
			return nil, errs.Internal("scan tag", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// manualTag is the tag staff want to set by hand; smart tags belong to their rules.
func manualTag(ctx context.Context, tx *sql.Tx, id int64) (Tag, error) {
	t, err := Get(ctx, tx, id)
	if err != nil {
		return t, err
	}
	if t.Kind == "smart" {
		return t, errs.Invalid("tagId", fmt.Sprintf("“%s”是智能标签，由规则自动计算，不能手动添加或移除", t.Name))
	}
	return t, nil
}

// MaxBulk bounds one bulk action: a list selection is at most a few pages.
const MaxBulk = 5000

// Apply puts tag on every customer in ids (already tagged ones stay as they were), all or nothing,
// and reports how many newly carry it.
func Apply(ctx context.Context, tx *sql.Tx, tagID int64, ids []int64) (Tag, int, error) {
	t, err := manualTag(ctx, tx, tagID)
	if err != nil {
		return t, 0, err
	}
	if len(ids) == 0 {
		return t, 0, errs.Invalid("customerIds", "请先选择客户")
	}
	if len(ids) > MaxBulk {
		return t, 0, errs.Invalid("customerIds", fmt.Sprintf("一次最多给 %d 位客户打标签", MaxBulk))
	}
	now, added := store.Now(), 0
	for _, id := range ids {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, id).Scan(&name); err != nil {
			return t, 0, errs.NotFound(fmt.Sprintf("客户 #%d 不存在", id))
		}
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id, created_at) VALUES (?, ?, ?)`, id, tagID, now)
		if err != nil {
			return t, 0, errs.Internal("apply tag", err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return t, added, nil
}

// Remove takes a manual tag off the customers in ids and reports how many carried it.
func Remove(ctx context.Context, tx *sql.Tx, tagID int64, ids []int64) (Tag, int, error) {
	t, err := manualTag(ctx, tx, tagID)
	if err != nil {
		return t, 0, err
	}
	removed := 0
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, `DELETE FROM customer_tags WHERE customer_id = ? AND tag_id = ?`, id, tagID)
		if err != nil {
			return t, 0, errs.Internal("remove tag", err)
		}
		n, _ := res.RowsAffected()
		removed += int(n)
	}
	return t, removed, nil
}

// Ensure returns the manual tag with this name, creating it if needed (the VIP circle action).
func Ensure(ctx context.Context, tx *sql.Tx, name, colour, group string) (Tag, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, name).Scan(&id)
	switch {
	case err == nil:
		return manualTag(ctx, tx, id)
	case errors.Is(err, sql.ErrNoRows):
		return Save(ctx, tx, 0, Input{Name: name, Colour: colour, Group: group})
	}
	return Tag{}, errs.Internal("find tag", err)
}
