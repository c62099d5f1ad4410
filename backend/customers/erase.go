package customers

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Erase permanently removes a customer's personal data on their request (个人信息删除): name, phones,
// birthday, address, company, notes and follow-up texts go; the record stays, anonymous, so purchase
// and points totals still add up. Merge snapshots holding the data are blanked too.
func Erase(ctx context.Context, tx *sql.Tx, id int64) (Customer, error) {
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	anon := fmt.Sprintf("已删除客户#%d", id)
	ts := store.Now()
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE customers SET name = ?, mobile = NULL, mobile_last4 = NULL, other_phone = '', gender = '',
			birth_year = NULL, birth_month = NULL, birth_day = NULL, birth_leap = 0, address = '', company = '', title = '',
			notes = '', consent = 0, consent_at = NULL, name_initials = '', name_pinyin = '', contact_person = '', archived = 1,
			archive_reason = '个人信息已应本人要求删除', archived_at = COALESCE(archived_at, ?), updated_at = ? WHERE id = ?`,
			[]any{anon, ts, ts, id}},
		{`UPDATE follow_ups SET content = '（已删除）' WHERE customer_id = ?`, []any{id}},
		{`UPDATE customer_merges SET merged_snapshot = '{}' WHERE merged_id = ? OR survivor_id = ?`, []any{id, id}},
		{`DELETE FROM customer_grams WHERE rowid = ?`, []any{id}},
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s.q, s.args...); err != nil {
			return c, errs.Internal("erase customer", err)
		}
	}
	return Get(ctx, tx, id)
}
