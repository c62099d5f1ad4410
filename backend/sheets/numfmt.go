package sheets

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// isDateFormat reports whether a number format shows a date: one of the built-in date formats
// (including the Chinese ones, 27–36 and 50–58), or a custom code with date parts outside quotes.
// A number without such a format stays a number: 31118 in a General cell is never taken for a date.
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	case code == "":
		return false
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '[':
			for i++; i < len(code) && code[i] != ']'; i++ {
			}
		case '\\', '_', '*':
			i++
		default:
			b.WriteByte(c | 0x20)
		}
	}
	plain := b.String()
	return strings.ContainsAny(plain, "yd") || strings.Contains(plain, "m") && !strings.ContainsAny(plain, "0#?")
}

// dateText renders an Excel serial as the date (and time, when it has one) that the cell shows.
func dateText(raw string, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 1 || v > 2958465 {
		return raw, false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return raw, false
	}
	t = t.Round(time.Minute)
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format(time.DateOnly), true
	}
	return t.Format("2006-01-02 15:04"), true
}

// numberText turns a stored number into the plain decimal a person reads: 13800138000, not
// 1.3800138E+10. Whole numbers up to 15 digits are exact in a float64 and print without a point.
func numberText(raw string) string {
	if !strings.ContainsAny(raw, ".eE") {
		return raw
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
