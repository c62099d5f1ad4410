package coupons

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

const couponCols = `c.id, c.code, c.type_id, c.customer_id, cu.name, c.name, c.kind, c.value_fen, c.threshold_fen, COALESCE(c.gift_id, 0),
	COALESCE(g.name, ''), c.with_member_price, c.campaign, c.source, c.valid_from, c.valid_to, c.state, c.created_at, COALESCE(s.name, '')
	FROM coupons c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN gifts g ON g.id = c.gift_id LEFT JOIN staff s ON s.id = c.staff_id`

func scanCoupon(row interface{ Scan(...any) error }, today string) (Coupon, error) {
	var c Coupon
	err := row.Scan(&c.ID, &c.Code, &c.TypeID, &c.CustomerID, &c.CustomerName, &c.Name, &c.Kind, &c.ValueFen, &c.ThresholdFen, &c.GiftID,
		&c.GiftName, &c.WithMemberPrice, &c.Campaign, &c.Source, &c.ValidFrom, &c.ValidTo, &c.State, &c.IssuedAt, &c.StaffName)
	c.Expired = c.State == StateExpired || (c.State == StateIssued && c.ValidTo < today)
	return c, err
}

// Get loads one coupon.
func Get(ctx context.Context, q store.Querier, id int64) (Coupon, error) {
	c, err := scanCoupon(q.QueryRowContext(ctx, `SELECT `+couponCols+` WHERE c.id = ?`, id), store.Today())
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.NotFound("券不存在")
	}
	if err != nil {
		return c, errs.Internal("coupon", err)
	}
	return c, nil
}

// ByCode finds a coupon by its code as typed or scanned.
func ByCode(ctx context.Context, q store.Querier, code string) (Coupon, error) {
	code = NormalizeCode(code)
	c, err := scanCoupon(q.QueryRowContext(ctx, `SELECT `+couponCols+` WHERE c.code = ?`, code), store.Today())
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.NotFound("券码「" + code + "」不存在")
	}
	if err != nil {
		return c, errs.Internal("coupon by code", err)
	}
	return c, nil
}

// Usable lists the customer's coupons that can be used today, soonest to expire first.
func Usable(ctx context.Context, q store.Querier, customerID int64) ([]Coupon, error) {
	today := store.Today()
	return list(ctx, q, today, ` WHERE c.customer_id = ? AND c.state = 'issued' AND c.valid_to >= ? AND c.valid_from <= ?
		ORDER BY c.valid_to, c.id LIMIT 200`, customerID, today, today)
}

// Filter narrows the coupon list: a code or customer name fragment, a state, a type, a campaign.
type Filter struct {
	Query      string `json:"query"`
	State      string `json:"state"` // issued (usable or not yet swept), used, voided, expired, or empty for all
	TypeID     int64  `json:"typeId"`
	Campaign   string `json:"campaign"`
	CustomerID int64  `json:"customerId"`
	Page       int    `json:"page"`
	Size       int    `json:"size"`
}

// Page is one page of coupons and how many match in all.
type Page struct {
	Items []Coupon `json:"items"`
	Total int      `json:"total"`
}

// List pages the coupons, newest first.
func List(ctx context.Context, q store.Querier, f Filter) (Page, error) {
	if err := errs.First(errs.Text("query", "搜索", f.Query, errs.NameLen), errs.Text("campaign", "活动名称", f.Campaign, errs.NameLen)); err != nil {
		return Page{}, err
	}
	today := store.Today()
	var where []string
	var args []any
	if s := strings.TrimSpace(f.Query); s != "" {
		where = append(where, `(c.code = ? OR cu.name LIKE ? ESCAPE '\')`)
		args = append(args, NormalizeCode(s), "%"+strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)+"%")
	}
	switch f.State {
	case "":
	case StateIssued:
		where, args = append(where, `c.state = 'issued' AND c.valid_to >= ?`), append(args, today)
	case StateExpired:
		where, args = append(where, `(c.state = 'expired' OR (c.state = 'issued' AND c.valid_to < ?))`), append(args, today)
	case StateUsed, StateVoided:
		where, args = append(where, `c.state = ?`), append(args, f.State)
	default:
		return Page{}, errs.Invalid("state", "券状态无效")
	}
	if f.TypeID != 0 {
		where, args = append(where, `c.type_id = ?`), append(args, f.TypeID)
	}
	if f.Campaign != "" {
		where, args = append(where, `c.campaign = ?`), append(args, f.Campaign)
	}
	if f.CustomerID != 0 {
		where, args = append(where, `c.customer_id = ?`), append(args, f.CustomerID)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var out Page
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM coupons c JOIN customers cu ON cu.id = c.customer_id`+cond, args...).Scan(&out.Total); err != nil {
		return out, errs.Internal("count coupons", err)
	}
	if f.Size <= 0 || f.Size > 100 {
		f.Size = 20
	}
	f.Page = max(f.Page, 1)
	items, err := list(ctx, q, today, cond+` ORDER BY c.id DESC LIMIT ? OFFSET ?`, append(args, f.Size, (f.Page-1)*f.Size)...)
	out.Items = items
	return out, err
}

func list(ctx context.Context, q store.Querier, today, where string, args ...any) ([]Coupon, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+couponCols+where, args...)
	if err != nil {
		return nil, errs.Internal("list coupons", err)
	}
	defer rows.Close()
	out := []Coupon{}
	for rows.Next() {
		c, err := scanCoupon(rows, today)
		if err != nil {
			return nil, errs.Internal("scan coupon", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Entries is a coupon's ledger, oldest first.
func Entries(ctx context.Context, q store.Querier, couponID int64) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.kind, COALESCE(e.purchase_id, 0), e.discount_fen, e.reason, COALESCE(s.name, ''), e.created_at
		FROM coupon_entries e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.coupon_id = ? ORDER BY e.id`, couponID)
	if err != nil {
		return nil, errs.Internal("coupon entries", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.Kind, &e.PurchaseID, &e.DiscountFen, &e.Reason, &e.StaffName, &e.CreatedAt); err != nil {
			return nil, errs.Internal("scan coupon entry", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Campaigns are the campaign names coupons were issued under, for the list's and report's filters.
func Campaigns(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT campaign FROM coupons WHERE campaign != '' ORDER BY campaign LIMIT 500`)
	if err != nil {
		return nil, errs.Internal("coupon campaigns", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, errs.Internal("scan campaign", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
