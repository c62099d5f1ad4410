package customers

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// A search step is one indexed query; steps run best match first until the limit is filled.
type searchStep struct {
	match string
	sql   string
	args  []any
	// keep, when set, filters rows a coarse index query returned (fragments of 3+ characters).
	keep func(h Hit) bool
	// frag is the fragment a fragment step looks for, to tell a name hit from a company hit.
	frag string
}

const hitCols = `c.id, c.name, COALESCE(c.mobile, ''), c.district, c.company, c.archived`

// prefixEnd is the smallest string greater than every string starting with p, for index range scans.
func prefixEnd(p string) string { return p + "\U0010FFFF" }

func step(match, sql string, args ...any) searchStep {
	return searchStep{match: match, sql: sql, args: args}
}

func searchSteps(q string, includeArchived bool) []searchStep {
	active := " AND +c.archived = 0"
	if includeArchived {
		active = " AND +c.merged_into_id IS NULL"
	}
	lower := strings.ToLower(q)
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if r == ' ' || r == '-' {
			return -1
		}
		return 'x'
	}, HalfWidth(q))
	var steps []searchStep
	switch {
	case isDigits(digits):
		if m, e := NormalizeMobile(digits); e == nil {
			steps = append(steps, step("mobile", `SELECT `+hitCols+` FROM customers c WHERE c.mobile = ?`+active, m))
		}
		if len(digits) >= 6 {
			// A barcode scanner types the card number and Enter: old (replaced) cards still find their member.
			steps = append(steps, step("card", `SELECT `+hitCols+` FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.number = ?`+active, digits))
		}
		if len(digits) == 4 {
			steps = append(steps, step("last4", `SELECT `+hitCols+` FROM customers c WHERE c.mobile_last4 = ?`+active+` ORDER BY c.id`, digits))
		}
		if len(digits) >= 3 && len(digits) < 11 {
			steps = append(steps, step("phone_prefix", `SELECT `+hitCols+` FROM customers c WHERE c.mobile >= ? AND c.mobile < ?`+active+` ORDER BY c.mobile`, digits, digits+":"))
		}
	case isASCIILetters(lower):
		steps = append(steps,
			step("initials", `SELECT `+hitCols+` FROM customers c WHERE c.name_initials = ?`+active+` ORDER BY c.name_initials, c.id`, lower),
			step("initials", `SELECT `+hitCols+` FROM customers c WHERE c.name_initials > ? AND c.name_initials < ?`+active+` ORDER BY c.name_initials, c.id`, lower, prefixEnd(lower)))
		if len(lower) >= 2 {
			steps = append(steps, step("pinyin", `SELECT `+hitCols+` FROM customers c WHERE c.name_pinyin >= ? AND c.name_pinyin < ?`+active+` ORDER BY c.name_pinyin, c.id`, lower, prefixEnd(lower)))
		}
		steps = append(steps, fragmentStep(q, active))
	default:
		steps = append(steps,
			step("name", `SELECT `+hitCols+` FROM customers c WHERE c.name = ?`+active, q),
			step("name", `SELECT `+hitCols+` FROM customers c WHERE c.name > ? AND c.name < ?`+active+` ORDER BY c.name, c.id`, q, prefixEnd(q)),
			fragmentStep(q, active))
	}
	return steps
}

// fragmentStep finds a fragment anywhere in the name or company through the character-pair index.
func fragmentStep(q, active string) searchStep {
	frag := string(gramRunes(q))
	var keep func(Hit) bool
	if len([]rune(frag)) > 2 {
		keep = func(h Hit) bool {
			return strings.Contains(string(gramRunes(h.Name)), frag) || strings.Contains(string(gramRunes(h.Company)), frag)
		}
	}
	return searchStep{"name", `SELECT ` + hitCols + ` FROM customer_grams g JOIN customers c ON c.id = g.rowid
		WHERE customer_grams MATCH ?` + active, []any{gramsQuery(q)}, keep, frag}
}

func isASCIILetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Search finds customers as the clerk types: full mobile, last 4 digits, mobile prefix, pinyin
// initials, full pinyin, name and company fragments. Results are ranked by how they matched.
func Search(ctx context.Context, q store.Querier, text string, limit int, includeArchived bool) ([]Hit, error) {
	text = strings.TrimSpace(text)
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	hits := []Hit{}
	if text == "" || len(gramRunes(text)) == 0 {
		return hits, nil
	}
	seen := map[int64]bool{}
	for _, st := range searchSteps(text, includeArchived) {
		if len(hits) >= limit {
			break
		}
		if err := runStep(ctx, q, st, limit, seen, &hits); err != nil {
			return nil, err
		}
	}
	return hits, nil
}

func runStep(ctx context.Context, q store.Querier, st searchStep, limit int, seen map[int64]bool, hits *[]Hit) error {
	query := st.sql
	if st.keep == nil {
		// Fetch a few extra so duplicates of earlier steps do not leave the page short.
		query += " LIMIT " + strconv.Itoa(limit+len(*hits))
	}
	rows, err := q.QueryContext(ctx, query, st.args...)
	if err != nil {
		return errs.Internal("search "+st.match, err)
	}
	defer rows.Close()
	for rows.Next() && len(*hits) < limit {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Name, &h.Mobile, &h.District, &h.Company, &h.Archived); err != nil {
			return errs.Internal("scan hit", err)
		}
		if seen[h.ID] || (st.keep != nil && !st.keep(h)) {
			continue
		}
		seen[h.ID] = true
		h.Match = st.match
		if st.frag != "" && !strings.Contains(string(gramRunes(h.Name)), st.frag) {
			h.Match = "company"
		}
		*hits = append(*hits, h)
	}
	return rows.Err()
}
