package sheets

import (
	"fmt"
	"strconv"
	"strings"
)

// maxFen bounds amounts to something a shop can have taken (¥100 million), far inside int64.
const maxFen = 100_000_000_00

// ParseMoney reads an amount as ledgers write it — ¥1,280.50, 1280元, ￥3.5万, RMB 99 — into fen,
// in exact decimal arithmetic (no float rounding of cents). Fractions of a fen round half up.
func ParseMoney(raw string) (int64, error) {
	if strings.TrimSpace(halfWidth(raw)) == "" {
		return 0, nil
	}
	s, scale := moneyNumber(raw)
	fen, err := decimalFen(s, scale)
	if err != nil {
		return 0, fmt.Errorf("金额「%s」无法识别，请写成数字，如 1280.50", raw)
	}
	if fen < 0 {
		return 0, fmt.Errorf("金额「%s」不能为负数", raw)
	}
	if fen > maxFen {
		return 0, fmt.Errorf("金额「%s」过大", raw)
	}
	return fen, nil
}

// moneyNumber is the plain number of a money cell without its marks, and the scale its 万/千 gives.
func moneyNumber(raw string) (string, int64) {
	s := strings.TrimSpace(halfWidth(raw))
	scale := int64(1)
	for _, cut := range []string{"¥", "￥", "RMB", "rmb", "CNY", "人民币", "元整", "元", "圆", ",", "，", " "} {
		s = strings.ReplaceAll(s, cut, "")
	}
	switch {
	case strings.HasSuffix(s, "万"):
		s, scale = strings.TrimSuffix(s, "万"), 10000
	case strings.HasSuffix(s, "千"):
		s, scale = strings.TrimSuffix(s, "千"), 1000
	}
	return s, scale
}

// ParseExactMoney reads money that must be exact to the fen (a stored-value balance is a debt to the
// customer, never rounded): as ParseMoney, but more than two decimals of a yuan is refused.
func ParseExactMoney(raw string) (int64, error) {
	fen, err := ParseMoney(raw)
	if err != nil {
		return 0, err
	}
	s, scale := moneyNumber(raw)
	_, frac, _ := strings.Cut(s, ".")
	if len(strings.TrimRight(frac, "0"))-len(strconv.FormatInt(scale, 10))+1 > 2 {
		return 0, fmt.Errorf("金额「%s」最多两位小数", raw)
	}
	return fen, nil
}

// decimalFen parses a plain decimal number of yuan, times scale, into fen.
func decimalFen(s string, scale int64) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || len(whole) > 12 {
		return 0, strconv.ErrSyntax
	}
	frac += strings.Repeat("0", 12)
	frac = frac[:12]
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64) // in units of 1e-12 yuan
	// fen = (w + f/1e12) * scale * 100, rounded half up
	fen := w*scale*100 + (f*scale+5_000_000_000)/10_000_000_000
	if neg {
		fen = -fen
	}
	return fen, nil
}

// ParsePoints reads a points balance: 1200, 1,200, 1200分, 1200.0.
func ParsePoints(raw string) (int64, error) {
	s := strings.TrimSpace(halfWidth(raw))
	if s == "" {
		return 0, nil
	}
	for _, cut := range []string{",", "，", " ", "分", "积分"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && strings.Trim(s[i+1:], "0") == "" {
		s = s[:i]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("积分「%s」应为整数", raw)
	case n < 0:
		return 0, fmt.Errorf("积分「%s」不能为负数", raw)
	case n > 100_000_000:
		return 0, fmt.Errorf("积分「%s」过大", raw)
	}
	return n, nil
}
