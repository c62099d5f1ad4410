package wine

import (
	"context"
	"fmt"
	"sort"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Held is one product a customer has stored, with the soonest expiry among its bottles still there.
type Held struct {
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Bottles     int64  `json:"bottles"`
	Place       string `json:"place"` // where the latest deposit was put
	ExpiresOn   string `json:"expiresOn"`
}

// Balances lists what a customer has stored now, by product.
func Balances(ctx context.Context, q store.Querier, customerID int64) ([]Held, error) {
	rows, err := q.QueryContext(ctx, `SELECT w.product_id, p.name, p.series, p.volume_ml, w.bottles,
		COALESCE((SELECT e.place FROM wine_entries e WHERE e.customer_id = w.customer_id AND e.product_id = w.product_id
		  AND e.qty > 0 ORDER BY e.id DESC LIMIT 1), '')
		FROM wine_stock w JOIN products p ON p.id = w.product_id
		WHERE w.customer_id = ? AND w.bottles > 0 ORDER BY p.name, p.id`, customerID)
	if err != nil {
		return nil, errs.Internal("wine balances", err)
	}
	out := []Held{}
	for rows.Next() {
		var h Held
		var name, series string
		var ml int64
		if err := rows.Scan(&h.ProductID, &name, &series, &ml, &h.Bottles, &h.Place); err != nil {
			rows.Close()
			return nil, errs.Internal("scan wine balance", err)
		}
		h.ProductName = label(name, series, ml)
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Internal("wine balances", err)
	}
	for i := range out {
		lots, err := openLots(ctx, q, customerID, out[i].ProductID)
		if err != nil {
			return nil, err
		}
		for _, l := range lots {
			if l.ExpiresOn != "" && (out[i].ExpiresOn == "" || l.ExpiresOn < out[i].ExpiresOn) {
				out[i].ExpiresOn = l.ExpiresOn
			}
		}
	}
	return out, nil
}

// Ledger lists a customer's stored-wine lines newest first: those before beforeID (0 for the newest).
func Ledger(ctx context.Context, q store.Querier, customerID, beforeID int64, limit int) ([]Entry, error) {
	if beforeID <= 0 {
		beforeID = 1 << 62
	}
	return entries(ctx, q, `WHERE e.customer_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`, customerID, beforeID, limit)
}

// Lot is a line that brought bottles in, with what of it is still stored.
type Lot struct {
	EntryID   int64  `json:"entryId"`
	Qty       int64  `json:"qty"`
	Remaining int64  `json:"remaining"`
	ExpiresOn string `json:"expiresOn"`
	Place     string `json:"place"`
	Purchase  int64  `json:"purchaseId"`
	CreatedAt string `json:"createdAt"`
}

// openLots lists a customer's lots of a product that still hold bottles. Bottles taken out are
// counted against the soonest-expiring lots first (those without a date last), as a clerk hands out
// the bottles that would expire first; so what is left of each lot follows from the ledger alone.
func openLots(ctx context.Context, q store.Querier, customerID, productID int64) ([]Lot, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, qty, COALESCE(expires_on, ''), place, COALESCE(purchase_id, 0), created_at
		FROM wine_entries WHERE customer_id = ? AND product_id = ? AND qty > 0 ORDER BY id`, customerID, productID)
	if err != nil {
		return nil, errs.Internal("wine lots", err)
	}
	var lots []Lot
	var in int64
	for rows.Next() {
		var l Lot
		if err := rows.Scan(&l.EntryID, &l.Qty, &l.ExpiresOn, &l.Place, &l.Purchase, &l.CreatedAt); err != nil {
			rows.Close()
			return nil, errs.Internal("scan wine lot", err)
		}
		in += l.Qty
		lots = append(lots, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Internal("wine lots", err)
	}
	have, err := Balance(ctx, q, customerID, productID)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(lots, func(i, j int) bool {
		a, b := lots[i].ExpiresOn, lots[j].ExpiresOn
		if (a == "") != (b == "") {
			return b == ""
		}
		return a < b
	})
	out := []Lot{}
	taken := in - have
	for _, l := range lots {
		use := min(taken, l.Qty)
		taken -= use
		if l.Remaining = l.Qty - use; l.Remaining > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}

// ExpiringLot is stored wine whose date falls within the window asked for.
type ExpiringLot struct {
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	Mobile       string `json:"mobile"`
	ProductID    int64  `json:"productId"`
	ProductName  string `json:"productName"`
	Bottles      int64  `json:"bottles"`
	Place        string `json:"place"`
	ExpiresOn    string `json:"expiresOn"`
	DaysLeft     int    `json:"daysLeft"`
}

// MaxDays bounds the expiry window a list may ask for.
const MaxDays = 3660

// Expiring lists stored wine that expires within days of today (already expired included), soonest
// first, at most limit rows.
func Expiring(ctx context.Context, q store.Querier, days, limit int) ([]ExpiringLot, error) {
	if days < 0 || days > MaxDays {
		return nil, errs.Invalid("days", fmt.Sprintf("天数应在 0 到 %d 之间", MaxDays))
	}
	today, _ := time.ParseInLocation(time.DateOnly, store.Today(), store.Shop)
	until := today.AddDate(0, 0, days).Format(time.DateOnly)
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT e.customer_id, e.product_id, c.name, COALESCE(c.mobile, ''), p.name, p.series, p.volume_ml
		FROM wine_entries e JOIN wine_stock w ON w.customer_id = e.customer_id AND w.product_id = e.product_id AND w.bottles > 0
		JOIN customers c ON c.id = e.customer_id JOIN products p ON p.id = e.product_id
		WHERE e.expires_on IS NOT NULL AND e.expires_on <= ? AND e.qty > 0`, until)
	if err != nil {
		return nil, errs.Internal("expiring wine", err)
	}
	var pairs []ExpiringLot
	for rows.Next() {
		var r ExpiringLot
		var name, series string
		var ml int64
		if err := rows.Scan(&r.CustomerID, &r.ProductID, &r.CustomerName, &r.Mobile, &name, &series, &ml); err != nil {
			rows.Close()
			return nil, errs.Internal("scan expiring wine", err)
		}
		r.ProductName = label(name, series, ml)
		pairs = append(pairs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Internal("expiring wine", err)
	}
	out := []ExpiringLot{}
	for _, p := range pairs {
		lots, err := openLots(ctx, q, p.CustomerID, p.ProductID)
		if err != nil {
			return nil, err
		}
		for _, l := range lots {
			if l.ExpiresOn == "" || l.ExpiresOn > until {
				continue
			}
			r := p
			r.Bottles, r.Place, r.ExpiresOn = l.Remaining, l.Place, l.ExpiresOn
			d, _ := time.ParseInLocation(time.DateOnly, l.ExpiresOn, store.Shop)
			r.DaysLeft = int(d.Sub(today).Hours() / 24)
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ExpiresOn != out[j].ExpiresOn {
			return out[i].ExpiresOn < out[j].ExpiresOn
		}
		return out[i].CustomerID < out[j].CustomerID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// ProductStock is how many bottles of a product the shop keeps for customers, and for how many.
type ProductStock struct {
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Category    string `json:"category"`
	Bottles     int64  `json:"bottles"`
	Customers   int64  `json:"customers"`
}

// Stock lists stored bottles per product, most first.
func Stock(ctx context.Context, q store.Querier) ([]ProductStock, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, p.series, p.volume_ml, p.category, SUM(w.bottles), COUNT(*)
		FROM wine_stock w JOIN products p ON p.id = w.product_id WHERE w.bottles > 0
		GROUP BY p.id ORDER BY SUM(w.bottles) DESC, p.name`)
	if err != nil {
		return nil, errs.Internal("wine stock", err)
	}
	defer rows.Close()
	out := []ProductStock{}
	for rows.Next() {
		var s ProductStock
		var name, series string
		var ml int64
		if err := rows.Scan(&s.ProductID, &name, &series, &ml, &s.Category, &s.Bottles, &s.Customers); err != nil {
			return nil, errs.Internal("scan wine stock", err)
		}
		s.ProductName = label(name, series, ml)
		out = append(out, s)
	}
	return out, rows.Err()
}

// HoldersQuery pages the list of customers with wine stored; Search matches name or mobile.
type HoldersQuery struct {
	Search    string `json:"search"`
	ProductID int64  `json:"productId"`
	Page      int    `json:"page"`
	PageSize  int    `json:"pageSize"`
}

// Holder is a customer with wine stored.
type Holder struct {
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	Mobile       string `json:"mobile"`
	Bottles      int64  `json:"bottles"`
	Products     int64  `json:"products"`
	LastAt       string `json:"lastAt"`
}

type HoldersPage struct {
	Items []Holder `json:"items"`
	Total int      `json:"total"`
	Page  int      `json:"page"`
	Size  int      `json:"pageSize"`
}

// Holders lists who has wine stored, most bottles first, a page at a time.
func Holders(ctx context.Context, q store.Querier, hq HoldersQuery) (HoldersPage, error) {
	if err := errs.First(errs.Text("search", "搜索", hq.Search, errs.NameLen)); err != nil {
		return HoldersPage{}, err
	}
	if hq.Page < 1 {
		hq.Page = 1
	}
	if hq.PageSize < 1 || hq.PageSize > 100 {
		hq.PageSize = 20
	}
	where, args := `w.bottles > 0`, []any{}
	if hq.ProductID != 0 {
		where += ` AND w.product_id = ?`
		args = append(args, hq.ProductID)
	}
	if hq.Search != "" {
		where += ` AND (c.name LIKE ? OR c.mobile LIKE ?)`
		args = append(args, "%"+hq.Search+"%", "%"+hq.Search+"%")
	}
	from := ` FROM wine_stock w JOIN customers c ON c.id = w.customer_id WHERE ` + where
	page := HoldersPage{Items: []Holder{}, Page: hq.Page, Size: hq.PageSize}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(DISTINCT w.customer_id)`+from, args...).Scan(&page.Total); err != nil {
		return page, errs.Internal("count wine holders", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, COALESCE(c.mobile, ''), SUM(w.bottles), COUNT(*),
		(SELECT MAX(e.created_at) FROM wine_entries e WHERE e.customer_id = c.id)`+from+`
		GROUP BY c.id ORDER BY SUM(w.bottles) DESC, c.id LIMIT ? OFFSET ?`, append(args, hq.PageSize, (hq.Page-1)*hq.PageSize)...)
	if err != nil {
		return page, errs.Internal("wine holders", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h Holder
		if err := rows.Scan(&h.CustomerID, &h.CustomerName, &h.Mobile, &h.Bottles, &h.Products, &h.LastAt); err != nil {
			return page, errs.Internal("scan wine holder", err)
		}
		page.Items = append(page.Items, h)
	}
	return page, rows.Err()
}
