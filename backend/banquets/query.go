package banquets

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

const banquetCols = `b.id, b.host_id, h.name, COALESCE(h.mobile, ''), b.kind, b.held_at, b.venue_id, COALESCE(NULLIF(v.shop_name, ''), v.name), b.tables_count,
	b.contact_name, b.contact_phone, b.price_fen, b.deposit_fen, COALESCE(b.programme_id, 0), COALESCE(p.name, ''),
	COALESCE(b.staff_id, 0), COALESCE(s.name, ''), b.notes, b.state, b.cancel_reason, b.created_at,
	(SELECT COALESCE(SUM(m.bottles), 0) FROM stock_movements m WHERE m.banquet_id = b.id AND m.kind = 'out'),
	(SELECT COUNT(*) FROM banquet_evidence e WHERE e.banquet_id = b.id AND e.removed_at IS NULL)
	FROM banquets b JOIN customers h ON h.id = b.host_id JOIN customers v ON v.id = b.venue_id
	LEFT JOIN brand_programmes p ON p.id = b.programme_id LEFT JOIN staff s ON s.id = b.staff_id`

func scanBanquet(sc interface{ Scan(...any) error }) (Banquet, error) {
	var b Banquet
	err := sc.Scan(&b.ID, &b.HostID, &b.HostName, &b.HostMobile, &b.Kind, &b.HeldAt, &b.VenueID, &b.VenueName, &b.Tables,
		&b.ContactName, &b.ContactPhone, &b.PriceFen, &b.DepositFen, &b.ProgrammeID, &b.ProgrammeName,
		&b.StaffID, &b.StaffName, &b.Notes, &b.State, &b.CancelReason, &b.CreatedAt, &b.BottlesOut, &b.Photos)
	return b, err
}

// Get reads one banquet.
func Get(ctx context.Context, q store.Querier, id int64) (Banquet, error) {
	b, err := scanBanquet(q.QueryRowContext(ctx, `SELECT `+banquetCols+` WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, errs.NotFound("宴席不存在")
	} else if err != nil {
		return b, errs.Internal("read banquet", err)
	}
	return b, nil
}

// ListQuery filters the list; From/To are YYYY-MM-DD shop days, inclusive.
type ListQuery struct {
	State    string `json:"state"`
	Kind     string `json:"kind"`
	From     string `json:"from"`
	To       string `json:"to"`
	Search   string `json:"search"` // host, venue or contact name
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// Page is one page of the list.
type Page struct {
	Rows  []Banquet `json:"rows"`
	Total int64     `json:"total"`
}

// List pages banquets, newest date first.
func List(ctx context.Context, q store.Querier, lq ListQuery) (Page, error) {
	var where []string
	var args []any
	if lq.State != "" {
		if !slices.Contains(States, lq.State) {
			return Page{}, errs.Invalid("state", "状态只能是："+strings.Join(States, "、"))
		}
		where, args = append(where, "b.state = ?"), append(args, lq.State)
	}
	if lq.Kind != "" {
		if !slices.Contains(Kinds, lq.Kind) {
			return Page{}, errs.Invalid("kind", "宴席类型只能是："+strings.Join(Kinds, "、"))
		}
		where, args = append(where, "b.kind = ?"), append(args, lq.Kind)
	}
	for _, d := range []struct {
		field, v, op string
		days         int
	}{{"from", lq.From, ">=", 0}, {"to", lq.To, "<", 1}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", d.v, shop)
		if err != nil {
			return Page{}, errs.Invalid(d.field, "日期格式应为 2026-12-20")
		}
		where, args = append(where, "b.held_at "+d.op+" ?"), append(args, t.AddDate(0, 0, d.days).UTC().Format(time.RFC3339))
	}
	if s := strings.TrimSpace(lq.Search); s != "" {
		if err := errs.Text("search", "搜索", s, errs.NameLen); err != nil {
			return Page{}, err
		}
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s) + "%"
		where = append(where, `(h.name LIKE ? ESCAPE '\' OR v.name LIKE ? ESCAPE '\' OR v.shop_name LIKE ? ESCAPE '\' OR b.contact_name LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like)
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	size := lq.PageSize
	if size <= 0 || size > 100 {
		size = 20
	}
	page := max(lq.Page, 1)
	if page > 100_000 {
		return Page{}, errs.Invalid("page", "页码过大")
	}
	out := Page{Rows: []Banquet{}}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM banquets b JOIN customers h ON h.id = b.host_id
		JOIN customers v ON v.id = b.venue_id`+w, args...).Scan(&out.Total); err != nil {
		return out, errs.Internal("count banquets", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+banquetCols+w+` ORDER BY b.held_at DESC, b.id DESC LIMIT ? OFFSET ?`,
		append(args, size, (page-1)*size)...)
	if err != nil {
		return out, errs.Internal("list banquets", err)
	}
	defer rows.Close()
	for rows.Next() {
		b, err := scanBanquet(rows)
		if err != nil {
			return out, errs.Internal("scan banquet", err)
		}
		out.Rows = append(out.Rows, b)
	}
	return out, rows.Err()
}

// GetDetail reads everything the banquet page shows.
func GetDetail(ctx context.Context, q store.Querier, id int64) (Detail, error) {
	d := Detail{Lines: []Line{}, Deliveries: []Delivery{}, Codes: []Code{}, Payments: []Payment{}, Evidence: []Evidence{}, Next: []string{}}
	var err error
	if d.Banquet, err = Get(ctx, q, id); err != nil {
		return d, err
	}
	flows, err := Flows(ctx, q, id)
	if err != nil {
		return d, err
	}
	if err := each(ctx, q, `SELECT l.product_id, p.name, l.bottles_per_case, l.cases, l.bottles, l.unit_fen
		FROM banquet_lines l JOIN products p ON p.id = l.product_id WHERE l.banquet_id = ? ORDER BY l.id`, []any{id}, func(sc *sql.Rows) error {
		var l Line
		if err := sc.Scan(&l.ProductID, &l.ProductName, &l.BottlesPerCase, &l.Cases, &l.Bottles, &l.UnitFen); err != nil {
			return err
		}
		l.Ordered = l.Cases*l.BottlesPerCase + l.Bottles
		f := flows[l.ProductID]
		l.Out, l.Opened, l.Returned, l.Lost = f.Out, f.Opened, f.Returned, f.Lost
		d.Lines = append(d.Lines, l)
		return nil
	}); err != nil {
		return d, err
	}
	if err := each(ctx, q, `SELECT d.id, d.note, COALESCE(s.name, ''), d.delivered_at,
		(SELECT COALESCE(SUM(m.bottles), 0) FROM stock_movements m WHERE m.idem_key LIKE 'dlv:' || d.id || ':%')
		FROM banquet_deliveries d LEFT JOIN staff s ON s.id = d.delivered_by WHERE d.banquet_id = ? ORDER BY d.id`, []any{id}, func(sc *sql.Rows) error {
		var x Delivery
		if err := sc.Scan(&x.ID, &x.Note, &x.StaffName, &x.DeliveredAt, &x.Bottles); err != nil {
			return err
		}
		d.Deliveries = append(d.Deliveries, x)
		return nil
	}); err != nil {
		return d, err
	}
	if err := each(ctx, q, `SELECT c.id, c.code, COALESCE(c.product_id, 0), COALESCE(p.name, ''), COALESCE(s.name, ''), c.scanned_at,
		EXISTS (SELECT 1 FROM banquet_opened_codes o WHERE o.code_id = c.id)
		FROM banquet_codes c LEFT JOIN products p ON p.id = c.product_id LEFT JOIN staff s ON s.id = c.scanned_by
		WHERE c.banquet_id = ? ORDER BY c.id`, []any{id}, func(sc *sql.Rows) error {
		var x Code
		if err := sc.Scan(&x.ID, &x.Code, &x.ProductID, &x.ProductName, &x.StaffName, &x.ScannedAt, &x.Opened); err != nil {
			return err
		}
		d.Codes = append(d.Codes, x)
		return nil
	}); err != nil {
		return d, err
	}
	if d.Payments, err = Payments(ctx, q, id); err != nil {
		return d, err
	}
	for _, p := range d.Payments {
		d.PaidFen += p.AmountFen
		if p.Method == WalletMethod {
			d.StoredPaidFen += p.AmountFen
		}
	}
	if d.Settlement, err = getSettlement(ctx, q, id); err != nil {
		return d, err
	}
	if d.Settlement != nil {
		d.BalanceFen = d.Settlement.GoodsFen - d.PaidFen
	}
	if d.Evidence, err = EvidenceOf(ctx, q, id); err != nil {
		return d, err
	}
	for _, s := range moves[d.Banquet.State] {
		// Settling and claiming have their own steps; these are the moves made by a button.
		if s == StateDelivered || s == StateHeld || s == StateCancelled {
			d.Next = append(d.Next, s)
		}
	}
	return d, nil
}

func each(ctx context.Context, q store.Querier, query string, args []any, fn func(*sql.Rows) error) error {
	if err := store.Each(ctx, q, query, args, fn); err != nil {
		return errs.Internal("banquet query", err)
	}
	return nil
}
