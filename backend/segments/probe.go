package segments

import (
	"math"
	"strings"
)

// probeWhere compiles a definition like Where, but every condition on what a customer did becomes a
// look-up for one customer (id is its SQL expression) instead of a set of all who qualify. The live
// count walks one tag's customers and asks each the rest: building "everyone who ever bought" or
// "every member of level X" as a set would cost more than the whole count. Conditions on the
// customer's own fields still read customers aliased c. A customer with no rows where a group by
// would need one gets NULL, which fails the condition exactly as the set form leaves them out.
func probeWhere(n Node, today, id string) (string, []any) {
	return compile(n, func(c Node) (string, []any) { return probe(c, today, id) })
}

func probe(n Node, today, id string) (string, []any) {
	not := func(cmp string) string {
		if n.Cmp == cmp {
			return "NOT "
		}
		return ""
	}
	// LIMIT 1 keeps each EXISTS a look-up: without it SQLite may turn it into a join it runs before
	// cheaper conditions.
	exists := func(from string) string { return "EXISTS (SELECT 1 FROM " + from + " LIMIT 1)" }
	lastDate := "(SELECT MAX(date) FROM purchases WHERE customer_id = " + id + ")"
	switch n.Field {
	case "tag":
		return not("not") + exists("customer_tags x WHERE x.customer_id = "+id+" AND x.tag_id = ?"), []any{int64(num(n))}
	case "level":
		return not("not") + exists("memberships m WHERE m.customer_id = "+id+" AND m.level_id = ?"), []any{int64(num(n))}
	case "spend":
		return spendCondition(n, today, id)
	case "totalSpend":
		total := strings.ReplaceAll(TotalSpendSQL, "c.id", id)
		return "(" + total + ")" + map[string]string{"gte": " >= ?", "lte": " <= ?"}[n.Cmp], []any{int64(math.Round(num(n) * 100))}
	case "lastPurchase":
		bought := exists("purchases WHERE customer_id = " + id + " AND date > ?")
		switch n.Cmp {
		case "before":
			return lastDate + " < ?", []any{n.Text}
		case "after":
			return bought, []any{n.Text}
		case "within":
			return bought, []any{DaysBefore(today, days(n))}
		case "notWithin":
			return "NOT " + bought, []any{DaysBefore(today, days(n))}
		default:
			return lastDate + " <= ?", []any{DaysBefore(today, days(n))}
		}
	case "events":
		return "(SELECT NULLIF(COUNT(*), 0) FROM event_guests WHERE customer_id = " + id + " AND status = 'checked_in') >= ?", []any{int64(num(n))}
	case "points":
		return "(SELECT SUM(points) FROM points_entries WHERE customer_id = " + id + ") >= ?", []any{int64(num(n))}
	case "referrals":
		return "(SELECT NULLIF(COUNT(*), 0) FROM customers r WHERE r.referrer_id = " + id + ") >= ?", []any{int64(num(n))}
	case "category":
		return exists("purchases p JOIN purchase_lines l ON l.purchase_id = p.id WHERE p.customer_id = " + id + " AND l.category = ?"), []any{n.Text}
	case "service":
		return exists("purchases p JOIN purchase_lines l ON l.purchase_id = p.id WHERE p.customer_id = " + id + " AND l.service = 1"), nil
	}
	return condition(n, today) // the customer's own fields
}
