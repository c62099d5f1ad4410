package segments

import (
	"math"
	"strings"
	"time"

	"jiuke/backend/store"
)

// spendSQL is customer c's spend since a date, refunds deducted; "?" is the day before the window.
// It is correlated on purpose: it runs only for the customers the other conditions (usually tags) let
// through and whose row of recent months (recent.go) does not decide, each a range of the covering
// index purchases (customer_id, date, total_fen, refunded_fen); refunded_fen is kept on the purchase
// by triggers (migration 0010).
const spendSQL = `(SELECT COALESCE(SUM(p.total_fen - p.refunded_fen), 0) FROM purchases p WHERE p.customer_id = c.id AND p.date > ?)`

// OpeningSpendSQL is customer c's 期初累计消费: totals an import brought without dates (migration 0013).
const OpeningSpendSQL = `(SELECT COALESCE(SUM(o.amount_fen), 0) FROM opening_spends o WHERE o.customer_id = c.id)`

// TotalSpendSQL is customer c's 累计消费: every purchase net of refunds, plus the opening spend, as
// the triggers of migration 0020 keep it (one primary-key look-up). The one definition the customer
// page and list, and the condition 累计消费, read. Dated windows (spend in the last N days, the
// 12-month level thresholds) cannot hold the undated opening spend.
const TotalSpendSQL = `COALESCE((SELECT s.net_fen FROM spend_totals s WHERE s.customer_id = c.id), 0)`

// spendCondition is "spent at least / at most X in the last N days" for the customer whose id is the
// SQL expression id. A window longer than the row of recent months can hold more than that row, so
// there the lifetime total (one look-up, never less than any window: a purchase's net and an opening
// spend are never negative) rules customers out first.
func spendCondition(n Node, today, id string) (string, []any) {
	fen := int64(math.Round(num(n) * 100))
	since := DaysBefore(today, days(n))
	cond, args := windowCondition(n.Cmp == "gte", fen, since, id)
	if monthIndex(since) >= monthIndex(today)-12 {
		return cond, args
	}
	total := strings.ReplaceAll(TotalSpendSQL, "c.id", id)
	if n.Cmp == "gte" {
		return "(" + total + " >= ? AND " + cond + ")", append([]any{fen}, args...)
	}
	return "(" + total + " <= ? OR " + cond + ")", append([]any{fen}, args...)
}

// Where compiles a validated definition to a boolean SQL expression over customers aliased c. Values
// are always arguments, never pasted into the text. today is the shop date the day counts start from.
func Where(n Node, today string) (string, []any) {
	return compile(n, func(c Node) (string, []any) { return condition(c, today) })
}

// compile writes groups as AND/OR of their items and each condition as leaf compiles it.
func compile(n Node, leaf func(Node) (string, []any)) (string, []any) {
	var b strings.Builder
	var args []any
	group(&b, &args, n, leaf)
	return b.String(), args
}

func group(b *strings.Builder, args *[]any, n Node, leaf func(Node) (string, []any)) {
	if n.IsGroup() {
		// Only the two keywords ever reach the SQL text, whatever the JSON said.
		op := " AND "
		if n.Op == "OR" {
			op = " OR "
		}
		b.WriteString("(")
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(op)
			}
			group(b, args, it, leaf)
		}
		b.WriteString(")")
		return
	}
	sql, a := leaf(n)
	b.WriteString(sql)
	*args = append(*args, a...)
}

func num(n Node) float64 {
	if n.Num == nil {
		return 0
	}
	return *n.Num
}

func days(n Node) int {
	if n.Days == nil {
		return 0
	}
	return *n.Days
}

// DaysBefore is the shop date n days before today: "within n days" means date > DaysBefore(today, n).
func DaysBefore(today string, n int) string {
	d, err := time.Parse(time.DateOnly, today)
	if err != nil {
		d = time.Now().In(store.Shop)
	}
	return d.AddDate(0, 0, -n).Format(time.DateOnly)
}

// DayStartUTC is 00:00 shop time on date, as the RFC 3339 UTC text created_at is stored in.
func DayStartUTC(date string) string {
	d, _ := time.ParseInLocation(time.DateOnly, date, store.Shop)
	return d.UTC().Format(time.RFC3339)
}

func condition(n Node, today string) (string, []any) {
	neg := func(cmp string) string {
		if n.Cmp == cmp {
			return "NOT "
		}
		return ""
	}
	col := map[string]string{"district": "c.district", "kind": "c.kind", "gender": "c.gender", "source": "c.source"}
	switch n.Field {
	case "tag":
		return "c.id " + neg("not") + "IN (SELECT customer_id FROM customer_tags WHERE tag_id = ?)", []any{int64(num(n))}
	case "level":
		return "c.id " + neg("not") + "IN (SELECT customer_id FROM memberships WHERE level_id = ?)", []any{int64(num(n))}
	case "district", "kind", "gender", "source":
		op := " = ?"
		if n.Cmp == "ne" {
			op = " != ?"
		}
		return col[n.Field] + op, []any{n.Text}
	case "spend":
		return spendCondition(n, today, "c.id")
	case "totalSpend":
		return "(" + TotalSpendSQL + ")" + map[string]string{"gte": " >= ?", "lte": " <= ?"}[n.Cmp], []any{int64(math.Round(num(n) * 100))}
	case "lastPurchase":
		switch n.Cmp {
		case "before":
			return "c.id IN (SELECT customer_id FROM purchases GROUP BY customer_id HAVING MAX(date) < ?)", []any{n.Text}
		case "after":
			return "c.id IN (SELECT customer_id FROM purchases WHERE date > ?)", []any{n.Text}
		case "within":
			return "c.id IN (SELECT customer_id FROM purchases WHERE date > ?)", []any{DaysBefore(today, days(n))}
		case "notWithin":
			return "c.id NOT IN (SELECT customer_id FROM purchases WHERE date > ?)", []any{DaysBefore(today, days(n))}
		default: // olderThan: has bought, but not within the days
			return "c.id IN (SELECT customer_id FROM purchases GROUP BY customer_id HAVING MAX(date) <= ?)", []any{DaysBefore(today, days(n))}
		}
	case "created":
		if n.Cmp == "before" {
			return "c.created_at < ?", []any{DayStartUTC(n.Text)}
		}
		return "c.created_at >= ?", []any{DayStartUTC(DaysBefore(n.Text, -1))}
	case "birthMonth":
		return "c.birth_month = ?", []any{int64(num(n))}
	case "events":
		return "c.id IN (SELECT customer_id FROM event_guests WHERE status = 'checked_in' GROUP BY customer_id HAVING COUNT(*) >= ?)", []any{int64(num(n))}
	case "points":
		return "c.id IN (SELECT customer_id FROM points_entries GROUP BY customer_id HAVING SUM(points) >= ?)", []any{int64(num(n))}
	case "referrals":
		return "c.id IN (SELECT referrer_id FROM customers WHERE referrer_id IS NOT NULL GROUP BY referrer_id HAVING COUNT(*) >= ?)", []any{int64(num(n))}
	case "category":
		return "c.id IN (SELECT p.customer_id FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id WHERE l.category = ?)", []any{n.Text}
	case "service":
		return "c.id IN (SELECT p.customer_id FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id WHERE l.service = 1)", nil
	}
	return "0", nil // unreachable after Validate
}
