package sheets

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jiuke/backend/customers"
)

// Phones is what one phone cell holds: the first mobile, and every other number as written.
type Phones struct {
	Mobile string
	Others []string
}

var (
	scientific = regexp.MustCompile(`^[+]?(\d+)(?:\.(\d+))?[eE]\+?(\d{1,2})$`)
	partSep    = regexp.MustCompile(`[/／、,，;；|｜\n]|或|及`)
	labelTrim  = regexp.MustCompile(`^[^0-9+(（]*|[^0-9]*$`)
)

// ParsePhones reads a phone cell the way people fill it: numbers, floats ("13800138000.0"),
// spaces and dashes, full-width digits, +86, several numbers in one cell, labels ("手机：…").
// The first mobile is the customer's; the rest are kept as other phones. An error means the cell
// meant a mobile that cannot be read exactly; warn names parts kept as typed though unrecognised.
func ParsePhones(raw string) (p Phones, warn string, err error) {
	s := strings.TrimSpace(halfWidth(raw))
	if s == "" {
		return p, "", nil
	}
	if compact := strings.ReplaceAll(s, " ", ""); scientific.MatchString(compact) {
		d, ok := expandScientific(compact)
		if !ok {
			return p, "", fmt.Errorf("手机号「%s」被显示成了科学计数法，后几位已经丢失，无法还原：请在原表中把该列设为文本格式、填回完整号码后再导入", raw)
		}
		s = d
	}
	var odd []string
	for _, part := range splitPhones(s) {
		digits, kind := classify(part)
		switch kind {
		case "mobile":
			m, e := customers.NormalizeMobile(digits)
			switch {
			case e != nil && p.Mobile == "":
				return Phones{}, "", fmt.Errorf("手机号「%s」无效：%s", part, e.Message)
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
				return Phones{}, "", fmt.Errorf("手机号「%s」位数不对（应为11位）", part)
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

// classify strips labels and punctuation and says what kind of number a part is.
func classify(part string) (string, string) {
	core := labelTrim.ReplaceAllString(part, "")
	if i := strings.IndexByte(core, '.'); i > 0 && strings.Trim(core[i+1:], "0") == "" {
		core = core[:i]
	}
	var b strings.Builder
	for _, r := range core {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '（' || r == '）' || r == '+':
		default:
			return "", "unknown"
		}
	}
	d := b.String()
	switch {
	case len(d) == 15 && strings.HasPrefix(d, "0086"):
		d = d[4:]
	case len(d) == 13 && strings.HasPrefix(d, "86"):
		d = d[2:]
	}
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

// halfWidth maps full-width ASCII and the ideographic space to plain ASCII.
func halfWidth(s string) string {
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
