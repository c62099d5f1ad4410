package communities

import (
	"context"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Option is an id and a label for a select in the group pages.
type Option struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// TagOptions lists the customer tags a filter or an exclusion can use.
func TagOptions(ctx context.Context, q store.Querier) ([]Option, error) {
	return options(ctx, q, `SELECT id, name FROM tags ORDER BY tag_group, name`)
}

// EventOptions lists events with checked-in guests, newest first, as draw pools.
func EventOptions(ctx context.Context, q store.Querier) ([]Option, error) {
	return options(ctx, q, `SELECT e.id, e.name || '（' || substr(e.starts_at, 1, 10) || '，签到 ' ||
		(SELECT COUNT(*) FROM event_guests g WHERE g.event_id = e.id AND g.status = 'checked_in') || ' 人）'
		FROM events e WHERE e.state != 'cancelled' ORDER BY e.starts_at DESC LIMIT 100`)
}

func options(ctx context.Context, q store.Querier, query string) ([]Option, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, errs.Internal("options", err)
	}
	defer rows.Close()
	out := []Option{}
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Label); err != nil {
			return nil, errs.Internal("scan option", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
