package segments

import (
	"fmt"
	"strconv"
	"strings"
)

// The condition "spent at least / at most X in the last N days" reads, for each customer, the row of
// the last thirteen months of spend that migration 0027 keeps (spend_recent: month_index is the
// latest month named, q0 its net, qj the month j before). The window (since, today] is the part of
// since's month after since, then whole months. The whole months' sum is a lower bound of the
// window's spend, and adding since's month gives an upper bound (a purchase's net is never
// negative), so the row decides every customer whose bounds fall on one side of X; the others, and
// a window reaching further back than the row, read their purchases (spendSQL).

// monthIndex is year * 12 + month - 1 of a YYYY-MM-DD date, as migration 0027 numbers months.
func monthIndex(date string) int {
	y, _ := strconv.Atoi(date[:4])
	m, _ := strconv.Atoi(date[5:7])
	return y*12 + m - 1
}

// prefix is q0 + … + q(j-1), the customer's spend in the row's j latest months.
func prefix(j int) string {
	if j == 0 {
		return "0"
	}
	terms := make([]string, j)
	for i := range j {
		terms[i] = "r.q" + strconv.Itoa(i)
	}
	return strings.Join(terms, " + ")
}

// recentBounds are SQL expressions over spend_recent r of the window's spend at least (lower) and at
// most (upper, NULL where the row cannot tell) for a window starting after a day of month ms. k is
// how many months the row's latest month is after ms.
func recentBounds(ms int) (lower, upper string) {
	k := fmt.Sprintf("(r.month_index - %d)", ms)
	var lo, up strings.Builder
	lo.WriteString("CASE " + k)
	up.WriteString("CASE " + k)
	for j := 1; j <= 12; j++ {
		// Months after ms: the row's k latest. With since's month: one more.
		fmt.Fprintf(&lo, " WHEN %d THEN %s", j, prefix(j))
	}
	for j := 0; j <= 12; j++ {
		fmt.Fprintf(&up, " WHEN %d THEN %s", j, prefix(j+1))
	}
	// k < 1: no whole month of the window has spend; k > 12: the whole row is in the window, and
	// older months of it are not in the row.
	fmt.Fprintf(&lo, " ELSE CASE WHEN %s > 12 THEN %s ELSE 0 END END", k, prefix(13))
	fmt.Fprintf(&up, " ELSE CASE WHEN %s < 0 THEN 0 END END", k)
	return lo.String(), up.String()
}

// windowCondition is "spent ≥ fen" (atLeast) or "≤ fen" in the window after since, for the customer
// whose id is the SQL expression id: decided by the row where its bounds do, else by the purchases.
// The month is a number Go computed from a validated date; it is written into the text so SQLite sees
// the constant branches (every value typed by a user is still an argument).
func windowCondition(atLeast bool, fen int64, since, id string) (string, []any) {
	window := strings.ReplaceAll(spendSQL, "c.id", id)
	lower, upper := recentBounds(monthIndex(since))
	// decide is 1 (met), 0 (not met) or 2 (read the purchases); NULL for a customer with no dated spend.
	if atLeast {
		if fen <= 0 {
			return "1", nil
		}
		decide := "(SELECT CASE WHEN " + lower + " >= ? THEN 1 WHEN " + upper + " < ? THEN 0 ELSE 2 END FROM spend_recent r WHERE r.customer_id = " + id + ")"
		return "CASE " + decide + " WHEN 1 THEN 1 WHEN 2 THEN " + window + " >= ? ELSE 0 END", []any{fen, fen, since, fen}
	}
	if fen < 0 {
		return "0", nil
	}
	decide := "(SELECT CASE WHEN " + upper + " <= ? THEN 1 WHEN " + lower + " > ? THEN 0 ELSE 2 END FROM spend_recent r WHERE r.customer_id = " + id + ")"
	return "CASE " + decide + " WHEN 0 THEN 0 WHEN 2 THEN " + window + " <= ? ELSE 1 END", []any{fen, fen, since, fen}
}
