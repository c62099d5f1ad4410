package customers

import (
	"regexp"
	"strconv"
	"strings"

	"jiuke/backend/errs"
)

// The one place that knows how people write Chinese phone numbers: the forms, search, members and
// the spreadsheet import all read numbers through NormalizeMobile or ParsePhones.

var mobilePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// NormalizeMobile turns what people type or paste into the stored 11-digit form. It accepts spaces
// (full-width too), every dash people paste (- — – － ‐ ‑ ‒ ― ﹣), dots and brackets, full-width
// digits, a +86/0086/86 prefix, and the "13800138000.0" that a spreadsheet makes of a number. An
// empty input is allowed and returns "".
func NormalizeMobile(raw string) (string, *errs.Error) {
	s := strings.TrimSpace(HalfWidth(raw))
	if s == "" {
		return "", nil
	}
	d, ok := phoneDigits(s)
	if !ok {
		return "", errs.Invalid("mobile", "手机号只能包含数字")
	}
	d = dropCountryCode(d)
	if len(d) != 11 {
		return "", errs.Invalid("mobile", "手机号应为11位数字")
	}
	if !mobilePattern.MatchString(d) {
		return "", errs.Invalid("mobile", "手机号应以1开头，第二位为3到9")
	}
	return d, nil
}

// HalfWidth maps full-width ASCII (０-９, ＋, －, （）, ．) to plain ASCII, the ideographic space to a
// space, and the other dashes and dots that Chinese input methods and Word put between digits to
// "-" and ".", so every reader of typed text sees one spelling.
func HalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000' || r == '\u00A0':
			return ' '
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFEE0
		case r >= '\u2010' && r <= '\u2015', r == '\uFE63', r == '\u2212':
			// ‐ ‑ ‒ – — ― (U+2010–2015), small hyphen-minus ﹣, minus sign −
			return '-'
		case r == '\u3002' || r == '\u30FB' || r == '\u00B7' || r == '\uFF61':
			// 。・· ｡: full stops and middle dots typed between groups of digits
			return '.'
		}
		return r
	}, s)
}

// phoneDigits keeps the digits of a number written with separators (spaces, dashes, dots, brackets,
// a leading +). A trailing ".0" is a spreadsheet's float, not a separator. ok is false when
// anything else is in the way.
func phoneDigits(s string) (string, bool) {
	if i := strings.LastIndexByte(s, '.'); i > 0 && strings.Trim(s[i+1:], "0") == "" && isDigits(s[:i]) {
		s = s[:i]
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '\t':
		case r == '+' && i == 0:
		default:
			return "", false
		}
	}
	return b.String(), true
}

// dropCountryCode removes +86 / 0086 / 86 from a mobile written with it.
func dropCountryCode(d string) string {
	switch {
	case len(d) == 15 && strings.HasPrefix(d, "0086"):
		return d[4:]
	case len(d) == 13 && strings.HasPrefix(d, "86"):
		return d[2:]
	}
	return d
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

// Phones is what one phone cell holds: the first mobile, and every other number as written.
type Phones struct {
	Mobile string
	Others []string
}

var (
	scientific = regexp.MustCompile(`^[+]?(\d+)(?:\.(\d+))?[eE]\+?(\d{1,2})$`)
	partSep    = regexp.MustCompile(`[/、,，;；|\n]|或|及`)
	labelTrim  = regexp.MustCompile(`^[^0-9+(]*|[^0-9]*$`)
)

// ParsePhones reads a phone cell the way ledgers fill it: numbers, floats ("13800138000.0"), any
// separator NormalizeMobile accepts, full-width digits, +86, several numbers in one cell, labels
// ("手机：…"). The first mobile is the customer's; the rest are kept as other phones, landlines as
// written. The error (field "mobile") means the cell meant a mobile that cannot be read exactly;
// warn names parts kept as typed though unrecognised.
func ParsePhones(raw string) (p Phones, warn string, err error) {
	s := strings.TrimSpace(HalfWidth(raw))
	if s == "" {
		return p, "", nil
	}
	if compact := strings.ReplaceAll(s, " ", ""); scientific.MatchString(compact) {
		d, ok := expandScientific(compact)
		if !ok {
			return p, "", errs.Invalid("mobile", "手机号「"+raw+"」被显示成了科学计数法，后几位已经丢失，无法还原：请在原表中把该列设为文本格式、填回完整号码后再导入")
		}
		s = d
	}
	var odd []string
	for _, part := range splitPhones(s) {
		digits, kind := classify(part)
		switch kind {
		case "mobile":
			m, e := NormalizeMobile(digits)
			switch {
			case e != nil && p.Mobile == "":
				return Phones{}, "", errs.Invalid("mobile", "手机号「"+part+"」无效："+e.Message)
			case e != nil:
				p.Others = append(p.Others, part)
				odd = append(odd, part)
			case p.Mobile == "":
				p.Mobile = m
			case m != p.Mobile:
				p.Others = append(p.Others, m)
			}
		case "short mobile":
			if p.Mobile == "" {
				return Phones{}, "", errs.Invalid("mobile", "手机号「"+part+"」位数不对（应为11位）")
			}
			p.Others = append(p.Others, part)
			odd = append(odd, part)
		case "landline":
			p.Others = append(p.Others, part)
		default:
			p.Others = append(p.Others, part)
			odd = append(odd, part)
		}
	}
	if len(odd) > 0 {
		warn = "无法识别的号码已原样存入其他电话：" + strings.Join(odd, "、")
	}
	return p, warn, nil
}

// expandScientific turns 1.3800138123E+10 back into digits when the mantissa still holds all of
// them. 1.38001E+10 has lost six digits: there is nothing to expand, and guessing zeros would file
// the customer under somebody else's number.
func expandScientific(s string) (string, bool) {
	m := scientific.FindStringSubmatch(s)
	exp, _ := strconv.Atoi(m[3])
	frac := m[2]
	if len(frac) < exp || strings.Trim(frac[exp:], "0") != "" {
		return "", false
	}
	return strings.TrimLeft(m[1]+frac[:exp], "0"), true
}

// splitPhones cuts a cell into numbers: at separators, and at spaces when every piece is long enough
// to be a number of its own ("13800138000 13900139000", but not "138 0013 8000").
func splitPhones(s string) []string {
	var out []string
	for _, part := range partSep.Split(s, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		pieces := strings.Fields(part)
		whole := len(pieces) > 1
		for _, p := range pieces {
			if countDigits(p) < 7 {
				whole = false
			}
		}
		if whole {
			out = append(out, pieces...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// classify strips labels and separators and says what kind of number a part is: "mobile" (11
// digits from 1), "short mobile" (a mobile missing or gaining digits), "landline" (7–12 digits, kept
// as written), or "unknown".
func classify(part string) (string, string) {
	d, ok := phoneDigits(labelTrim.ReplaceAllString(part, ""))
	if !ok {
		return "", "unknown"
	}
	d = dropCountryCode(d)
	switch {
	case len(d) == 11 && d[0] == '1':
		return d, "mobile"
	case d != "" && d[0] == '1' && len(d) >= 9 && len(d) <= 12:
		return d, "short mobile"
	case len(d) >= 7 && len(d) <= 12:
		return d, "landline"
	}
	return d, "unknown"
}
