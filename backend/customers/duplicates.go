package customers

import (
	"context"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Candidate is an existing customer that may be the same person as the one being entered.
type Candidate struct {
	Hit
	Reason string `json:"reason"`
}

// PossibleDuplicates lists active customers with the same name whose phone is similar (differs in at
// most two digits, or one of them has none), who work at the same company (a second phone number is
// common for a business customer) or who live in the same district. It warns; it never refuses.
func PossibleDuplicates(ctx context.Context, q store.Querier, name, mobile, district, company string, excludeID int64) ([]Candidate, error) {
	name = strings.TrimSpace(name)
	company = strings.TrimSpace(company)
	out := []Candidate{}
	if name == "" {
		return out, nil
	}
	m, _ := NormalizeMobile(mobile)
	rows, err := q.QueryContext(ctx, `SELECT `+hitCols+` FROM customers c WHERE c.name = ? AND +c.archived = 0 AND c.id != ? LIMIT 50`, name, excludeID)
	if err != nil {
		return nil, errs.Internal("possible duplicates", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Name, &h.Mobile, &h.District, &h.Company, &h.Archived); err != nil {
			return nil, errs.Internal("scan candidate", err)
		}
		reason := ""
		switch {
		case m != "" && h.Mobile == m:
			reason = "同名同手机号"
		case m != "" && h.Mobile != "" && digitDistance(m, h.Mobile) <= 2:
			reason = "同名，手机号相近"
		case m == "" || h.Mobile == "":
			reason = "同名，一方未填手机号"
		case company != "" && strings.TrimSpace(h.Company) == company:
			reason = "同名同单位"
		case district != "" && h.District == district:
			reason = "同名同区域"
		}
		if reason != "" {
			h.Match = "name"
			out = append(out, Candidate{Hit: h, Reason: reason})
		}
	}
	return out, rows.Err()
}

// digitDistance counts differing positions; two swapped neighbours count as one typo.
func digitDistance(a, b string) int {
	if len(a) != len(b) {
		return len(a) + len(b)
	}
	d := 0
	for i := 0; i < len(a); i++ {
		if a[i] == b[i] {
			continue
		}
		if i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] {
			d++
			i++
			continue
		}
		d++
	}
	return d
}
