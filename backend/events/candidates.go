package events

import (
	"context"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// Filter picks customers to invite. Every set field narrows the result.
type Filter struct {
	Text      string `json:"text"` // name, pinyin initials or mobile fragment
	SegmentID int64  `json:"segmentId"`
	LevelID   int64  `json:"levelId"`
	District  string `json:"district"`
	TagID     int64  `json:"tagId"`
	// LastPurchaseAfter/Before bound the date of the last purchase (YYYY-MM-DD, inclusive).
	LastPurchaseAfter  string `json:"lastPurchaseAfter"`
	LastPurchaseBefore string `json:"lastPurchaseBefore"`
	Limit              int    `json:"limit"`
}

// Candidate is a customer the filter found, and whether they are already on this event's list.
type Candidate struct {
	CustomerID   int64  `json:"customerId"`
	Name         string `json:"name"`
	Mobile       string `json:"mobile"`
	District     string `json:"district"`
	LevelName    string `json:"levelName"`
	LastPurchase string `json:"lastPurchase"`
	OnList       bool   `json:"onList"`
}

// Candidates finds active customers for the add-guests dialog.
func Candidates(ctx context.Context, q store.Querier, eventID int64, f Filter) ([]Candidate, error) {
	conds, args := []string{"c.archived = 0"}, []any{eventID}
	if t := strings.TrimSpace(f.Text); t != "" {
		conds = append(conds, "(c.name LIKE ? OR c.name_initials LIKE ? OR c.name_pinyin LIKE ? OR c.mobile LIKE ?)")
		like := "%" + strings.ToLower(t) + "%"
		args = append(args, "%"+t+"%", like, like, "%"+t+"%")
	}
	if f.SegmentID != 0 {
		where, segArgs, err := segments.Filter(ctx, q, f.SegmentID)
		if err != nil {
			return nil, err
		}
		conds, args = append(conds, "("+where+")"), append(args, segArgs...)
	}
	if f.LevelID != 0 {
		conds, args = append(conds, "m.level_id = ?"), append(args, f.LevelID)
	}
	if f.District != "" {
		conds, args = append(conds, "c.district = ?"), append(args, f.District)
	}
	if f.TagID != 0 {
		conds, args = append(conds, "EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = c.id AND ct.tag_id = ?)"), append(args, f.TagID)
	}
	last := "(SELECT MAX(p.date) FROM purchases p WHERE p.customer_id = c.id)"
	if f.LastPurchaseAfter != "" {
		conds, args = append(conds, last+" >= ?"), append(args, f.LastPurchaseAfter)
	}
	if f.LastPurchaseBefore != "" {
		conds, args = append(conds, "COALESCE("+last+", '') <= ?"), append(args, f.LastPurchaseBefore)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	args = append(args, limit)
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, COALESCE(c.mobile, ''), c.district, COALESCE(l.name, ''), COALESCE(`+last+`, ''),
		EXISTS (SELECT 1 FROM event_guests g WHERE g.event_id = ? AND g.customer_id = c.id)
		FROM customers c LEFT JOIN memberships m ON m.customer_id = c.id LEFT JOIN member_levels l ON l.id = m.level_id
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY COALESCE(l.rank, 0) DESC, c.id LIMIT ?`, args...)
	if err != nil {
		return nil, errs.Internal("event candidates", err)
	}
	defer rows.Close()
	out := []Candidate{}
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.CustomerID, &c.Name, &c.Mobile, &c.District, &c.LevelName, &c.LastPurchase, &c.OnList); err != nil {
			return nil, errs.Internal("scan candidate", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
