package customers

import (
	"regexp"
	"strings"

	"jiuke/backend/errs"
)

var mobilePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// NormalizeMobile turns what people type or paste into the stored 11-digit form. It accepts spaces,
// dashes, dots and brackets, full-width digits, a +86/0086/86 prefix, and the "13800138000.0" that a
// spreadsheet makes of a number. An empty input is allowed and returns "".
func NormalizeMobile(raw string) (string, *errs.Error) {
	s := strings.TrimSpace(toHalfWidth(raw))
	if s == "" {
		return "", nil
	}
	// A float rendering of a whole number: drop a trailing ".0", ".00" …
	if i := strings.IndexByte(s, '.'); i > 0 && strings.Trim(s[i+1:], "0") == "" && isDigits(s[:i]) {
		s = s[:i]
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '\t':
		case r == '+' && i == 0:
		default:
			return "", errs.Invalid("mobile", "手机号只能包含数字")
		}
	}
	d := b.String()
	switch {
	case len(d) == 15 && strings.HasPrefix(d, "0086"):
		d = d[4:]
	case len(d) == 13 && strings.HasPrefix(d, "86"):
		d = d[2:]
	}
	if len(d) != 11 {
		return "", errs.Invalid("mobile", "手机号应为11位数字")
	}
	if !mobilePattern.MatchString(d) {
		return "", errs.Invalid("mobile", "手机号应以1开头，第二位为3到9")
	}
	return d, nil
}

// toHalfWidth maps full-width ASCII (０-９, ＋, －, （） and the ideographic space) to plain ASCII.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MaskMobile shows a mobile as 138****8000, for lists seen by staff who may not copy numbers.
func MaskMobile(m string) string {
	if len(m) != 11 {
		return m
	}
	return m[:3] + "****" + m[7:]
}
