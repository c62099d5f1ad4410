package customers

import (
	"strings"
	"unicode"
)

// gramRunes keeps the letters and digits of s, lower case: the characters a fragment search can match.
func gramRunes(s string) []rune {
	var out []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

// gramsText is the document indexed for fragment search: each character and each adjacent pair of
// every part, space separated, so the tokenizer sees them as separate tokens.
func gramsText(parts ...string) string {
	seen := map[string]bool{}
	var b strings.Builder
	add := func(g string) {
		if seen[g] {
			return
		}
		seen[g] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g)
	}
	for _, p := range parts {
		rs := gramRunes(p)
		for i, r := range rs {
			add(string(r))
			if i+1 < len(rs) {
				add(string(rs[i : i+2]))
			}
		}
	}
	return b.String()
}

// gramsQuery turns a fragment into an FTS5 query: one token for 1-2 characters, otherwise every
// adjacent pair ANDed (the caller then checks the whole fragment really occurs).
func gramsQuery(fragment string) string {
	rs := gramRunes(fragment)
	if len(rs) == 0 {
		return ""
	}
	if len(rs) <= 2 {
		return `"` + string(rs) + `"`
	}
	var parts []string
	for i := 0; i+1 < len(rs); i++ {
		parts = append(parts, `"`+string(rs[i:i+2])+`"`)
	}
	return strings.Join(parts, " AND ")
}
