package customers

import (
	"context"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// ListQuery is the state of the customer list: filters, sort and page, as kept in the URL.
type ListQuery struct {
	District     string `json:"district"`
	Kind         string `json:"kind"`
	Source       string `json:"source"`
	Gender       string `json:"gender"`
	OwnerStaffID int64  `json:"ownerStaffId"`
	// TagIDs keeps customers carrying every one of these tags; SegmentID those in a saved segment.
	TagIDs    []int64 `json:"tagIds"`
	SegmentID int64   `json:"segmentId"`
	// Archived: "" active only, "archived" archived only, "all" both.
	Archived string `json:"archived"`
	Sort     string `json:"sort"` // created, updated, name, district
	Desc     bool   `json:"desc"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

type ListPage struct {
	Items []Customer `json:"items"`
	Total int        `json:"total"`
	Page  int        `json:"page"`
	Size  int        `json:"pageSize"`
}

var sortColumns = map[string]string{
	"created":  "c.created_at",
	"updated":  "c.updated_at",
	"name":     "c.name_pinyin",
	"district": "c.district",
}

// Where is the list's filter over customers aliased c, as " WHERE ..." (or "").
func Where(ctx context.Context, q store.Querier, lq ListQuery) (string, []any, error) {
	return where(ctx, q, lq, "c.archived = 0")
}

// WhereInIDOrder is Where for reading the filtered customers in id order (the export). Active only
// is written +c.archived so that SQLite walks the table in id order and skips the archived, instead
// of taking customers_list for the equality and then sorting every exported row in a temp B-tree.
func WhereInIDOrder(ctx context.Context, q store.Querier, lq ListQuery) (string, []any, error) {
	return where(ctx, q, lq, "+c.archived = 0")
}

func where(ctx context.Context, q store.Querier, lq ListQuery, active string) (string, []any, error) {
	var where []string
	var args []any
	switch lq.Archived {
	case "":
		where = append(where, active)
	case "archived":
		where = append(where, "c.archived = 1")
	case "all":
	default:
		return "", nil, errs.Invalid("archived", "停用筛选无效")
	}
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if lq.District != "" {
		add("c.district = ?", lq.District)
	}
	if lq.Kind != "" {
		add("c.kind = ?", lq.Kind)
	}
	if lq.Source != "" {
		add("c.source = ?", lq.Source)
	}
	if lq.Gender != "" {
		add("c.gender = ?", lq.Gender)
	}
	if lq.OwnerStaffID != 0 {
		add("c.owner_staff_id = ?", lq.OwnerStaffID)
	}
	for _, id := range lq.TagIDs {
		add("c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id = ?)", id)
	}
	if lq.SegmentID != 0 {
		cond, a, err := segments.Filter(ctx, q, lq.SegmentID)
		if err != nil {
			return "", nil, err
		}
		where, args = append(where, cond), append(args, a...)
	}
	if len(where) == 0 {
		return "", args, nil
	}
	return " WHERE " + strings.Join(where, " AND "), args, nil
}

// List returns one page of customers; the database does the filtering, sorting and paging.
func List(ctx context.Context, q store.Querier, lq ListQuery) (ListPage, error) {
	cond, args, err := Where(ctx, q, lq)
	if err != nil {
		return ListPage{}, err
	}
	if lq.Sort == "" {
		lq.Sort, lq.Desc = "created", true
	}
	col, ok := sortColumns[lq.Sort]
	if !ok {
		return ListPage{}, errs.Invalid("sort", "排序字段无效")
	}
	switch lq.PageSize {
	case 20, 50, 100:
	default:
		lq.PageSize = 20
	}
	if lq.Page < 1 {
		lq.Page = 1
	}
	dir := " ASC"
	if lq.Desc {
		dir = " DESC"
	}
	page := ListPage{Items: []Customer{}, Page: lq.Page, Size: lq.PageSize}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers c`+cond, args...).Scan(&page.Total); err != nil {
		return page, errs.Internal("count customers", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+selectCols+fromJoined+cond+` ORDER BY `+col+dir+`, c.id`+dir+` LIMIT ? OFFSET ?`,
		append(args, lq.PageSize, (lq.Page-1)*lq.PageSize)...)
	if err != nil {
		return page, errs.Internal("list customers", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return page, errs.Internal("scan customer", err)
		}
		page.Items = append(page.Items, c)
	}
	return page, rows.Err()
}

// Districts lists the districts in use, most common first, to suggest in filters and forms.
func Districts(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT district FROM customers WHERE district != '' GROUP BY district ORDER BY COUNT(*) DESC LIMIT 100`)
	if err != nil {
		return nil, errs.Internal("districts", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, errs.Internal("scan district", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
