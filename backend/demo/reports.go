package demo

import (
	"context"
	"database/sql"

	"jiuke/backend/errs"
)

// spreadRegistrations dates each demo member's registration up to 400 days before their first
// purchase (or today), so the home page's "new this month" and the member-growth chart look like a
// shop that has grown for years rather than one that signed everyone up today.
func spreadRegistrations(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE memberships SET registered_at = strftime('%Y-%m-%dT%H:%M:%SZ',
			COALESCE((SELECT MIN(p.date) FROM purchases p WHERE p.customer_id = memberships.customer_id), date('now', '+8 hours')),
			'-' || (customer_id * 37 % 400) || ' days', '+' || (customer_id % 10) || ' hours')`); err != nil {
		return errs.Internal("demo registrations", err)
	}
	return nil
}
