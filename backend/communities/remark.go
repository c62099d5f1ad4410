package communities

import (
	"context"
	"strings"
	"unicode"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// RemarkName is the name staff set for a member in the chat app, in the shop's pattern:
// "{name}-{last4}" gives 张三-8000, so the same person is recognisable in WeChat and in Jiuke.
func RemarkName(pattern, name, mobile string) string {
	last4 := ""
	if len(mobile) >= 4 {
		last4 = mobile[len(mobile)-4:]
	}
	if pattern == "" {
		pattern = DefaultRemarkPattern
	}
	s := strings.NewReplacer("{name}", name, "{last4}", last4).Replace(pattern)
	if last4 == "" {
		s = strings.Trim(s, "-_ ·")
	}
	return s
}

// DefaultRemarkPattern is name, a dash and the phone's last four digits.
const DefaultRemarkPattern = "{name}-{last4}"

// PastedName is one line of a pasted list and what it matched.
type PastedName struct {
	Text       string      `json:"text"`
	Name       string      `json:"name"`
	Last4      string      `json:"last4"`
	Status     string      `json:"status"` // matched, ambiguous, unmatched
	CustomerID int64       `json:"customerId"`
	Candidates []Candidate `json:"candidates"`
}

// splitPasted cuts a pasted list at line breaks and the separators people type: ，,、；; and spaces.
// A space between a name and its last four digits ("张三 8000") keeps them together.
func splitPasted(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '，' || r == ',' || r == '、' || r == '；' || r == ';' || r == '\t'
	})
	var out []string
	for _, f := range fields {
		words := strings.Fields(f)
		for i := 0; i < len(words); i++ {
			w := words[i]
			if i+1 < len(words) && isDigits(strings.TrimLeft(words[i+1], "-_—·")) && !hasDigit(w) {
				w += "-" + strings.TrimLeft(words[i+1], "-_—·")
				i++
			}
			out = append(out, w)
		}
	}
	return out
}

func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// parseRemark reads "张三-8000", "张三8000", "8000张三" or plain "张三" into a name and last four digits.
func parseRemark(s string) (name, last4 string) {
	s = strings.TrimSpace(s)
	r := []rune(s)
	end := len(r)
	for end > 0 && r[end-1] >= '0' && r[end-1] <= '9' {
		end--
	}
	if len(r)-end == 4 {
		return strings.Trim(string(r[:end]), "-_—· "), string(r[end:])
	}
	start := 0
	for start < len(r) && r[start] >= '0' && r[start] <= '9' {
		start++
	}
	if start == 4 {
		return strings.Trim(string(r[start:]), "-_—· "), string(r[:start])
	}
	return strings.Trim(s, "-_—· "), ""
}

// MatchPasted matches a pasted list of remark names to active customers: by name and phone tail, or by
// name alone when only one customer has it. The rest come back ambiguous (with candidates) or unmatched.
func MatchPasted(ctx context.Context, q store.Querier, groupID int64, text string) ([]PastedName, error) {
	out := []PastedName{}
	for _, line := range splitPasted(text) {
		p := PastedName{Text: line, Candidates: []Candidate{}}
		p.Name, p.Last4 = parseRemark(line)
		if p.Name == "" {
			continue
		}
		cond, args := `c.name = ?`, []any{groupID, p.Name}
		if p.Last4 != "" {
			cond, args = cond+` AND c.mobile_last4 = ?`, append(args, p.Last4)
		}
		rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, COALESCE(c.mobile, ''), c.district, c.kind, '',
			EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = ? AND m.customer_id = c.id AND m.left_on IS NULL)
			FROM customers c WHERE `+cond+` AND c.archived = 0 ORDER BY c.id LIMIT 20`, args...)
		if err != nil {
			return nil, errs.Internal("match pasted", err)
		}
		for rows.Next() {
			var c Candidate
			if err := rows.Scan(&c.ID, &c.Name, &c.Mobile, &c.District, &c.Kind, &c.Level, &c.InGroup); err != nil {
				rows.Close()
				return nil, errs.Internal("scan pasted", err)
			}
			p.Candidates = append(p.Candidates, c)
		}
		rows.Close()
		switch len(p.Candidates) {
		case 0:
			p.Status = "unmatched"
		case 1:
			p.Status, p.CustomerID = "matched", p.Candidates[0].ID
		default:
			p.Status = "ambiguous"
		}
		out = append(out, p)
	}
	return out, nil
}
