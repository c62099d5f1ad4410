package sheets

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"jiuke/backend/customers"
)

var (
	ymd       = regexp.MustCompile(`^(\d{2}|\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?$`)
	compact8  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	md        = regexp.MustCompile(`^(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?$`)
	lunarText = regexp.MustCompile(`^(?:(\d{2}|\d{4})年)?(闰)?([正元一二三四五六七八九十冬腊]{1,3}|\d{1,2})月(?:份)?([初十廿卅一二三四五六七八九]{1,3}|\d{1,2})[日号]?$`)
	timePart  = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$`)
	// serial is a day number as Excel stores a date: what a date cell shows when it is not formatted
	// as a date, or when the sheet went through a CSV. Five digits, with an optional time fraction.
	serial = regexp.MustCompile(`^([1-9]\d{4})(?:\.\d+)?$`)
)

// errFuture marks a date after today, which the import reports as its own reason.
var errFuture = errors.New("日期晚于今天")

// lateError is a date after today, said with the value as written; errors.Is(err, errFuture) holds.
type lateError struct{ msg string }

func (e lateError) Error() string        { return e.msg }
func (e lateError) Is(target error) bool { return target == errFuture }

// excelEpoch is day 0 of Excel's 1900 date system as it counts past February 1900 (Excel keeps
// Lotus's 29 February 1900, so from day 61 on the count starts on 30 December 1899).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serialDate reads a bare Excel day number. Only five-digit numbers (10000 = 1927-05-18) up to
// today count: four digits are a year (1985), fewer are an age or a month and day (312), and seven
// or more are a phone number or a compact date (19850312), never a serial.
func serialDate(s string, now time.Time) (time.Time, bool) {
	m := serial.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	t := excelEpoch.AddDate(0, 0, atoi(m[1]))
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if t.After(today) {
		return time.Time{}, false
	}
	return t, true
}

var lunarMonthWords = map[string]int{"正": 1, "元": 1, "冬": 11, "腊": 12}

// ParseBirthday reads a birthday as ledgers write it: a date cell (already YYYY-MM-DD from the
// reader), 1985.3.12, 1985/3/12, 1985年3月12日, 19850312, 85-3-12, 3月12日 with no year, an Excel
// day number (32874, see serialDate), and lunar birthdays 农历三月十二, 农历1985-03-12, 阴历闰四月初八.
// now bounds the year; a date after today is an error for which errors.Is(err, errFuture) holds.
func ParseBirthday(raw string, now time.Time) (customers.Birthday, error) {
	s := strings.TrimSpace(halfWidth(raw))
	b := customers.Birthday{Calendar: "solar"}
	if s == "" {
		return customers.Birthday{}, nil
	}
	for _, mark := range []string{"(农历)", "（农历）", "(农)", "（农）", "农历", "阴历"} {
		if strings.Contains(s, mark) {
			b.Calendar = "lunar"
			s = strings.TrimSpace(strings.ReplaceAll(s, mark, ""))
		}
	}
	if b.Calendar == "lunar" && strings.Contains(s, "闰") && !lunarText.MatchString(s) {
		b.Leap = true
		s = strings.ReplaceAll(s, "闰", "")
	}
	if m := timePart.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	var y, mo, d int
	var err error
	if t, ok := serialDate(s, now); ok && b.Calendar == "solar" {
		s = t.Format(time.DateOnly)
	}
	switch {
	case ymd.MatchString(s):
		m := ymd.FindStringSubmatch(s)
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
		if len(m[1]) == 2 {
			y = fullYear(y, now)
		}
	case compact8.MatchString(s):
		m := compact8.FindStringSubmatch(s)
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	case md.MatchString(s):
		m := md.FindStringSubmatch(s)
		mo, d = atoi(m[1]), atoi(m[2])
	case b.Calendar == "lunar" && lunarText.MatchString(s):
		m := lunarText.FindStringSubmatch(s)
		if m[1] != "" {
			y = atoi(m[1])
			if len(m[1]) == 2 {
				y = fullYear(y, now)
			}
		}
		b.Leap = m[2] != ""
		if mo, err = chineseMonth(m[3]); err != nil {
			return customers.Birthday{}, err
		}
		if d, err = chineseDay(m[4]); err != nil {
			return customers.Birthday{}, err
		}
	case isYear(s, now):
		return customers.Birthday{}, fmt.Errorf("「%s」只有年份，缺少月和日", raw)
	default:
		return customers.Birthday{}, fmt.Errorf("无法识别的日期「%s」，可写作 1985-03-12、1985年3月12日、3月12日 或 农历三月十二", raw)
	}
	b.Year, b.Month, b.Day = y, mo, d
	if err := checkDate(b, now); err != nil {
		if errors.Is(err, errFuture) {
			return customers.Birthday{}, lateError{fmt.Sprintf("日期「%s」晚于今天", raw)}
		}
		return customers.Birthday{}, fmt.Errorf("日期「%s」有误：%w", raw, err)
	}
	return b, nil
}

// isYear is a bare four-digit year from 1900 to this year: a year, never an Excel day number.
func isYear(s string, now time.Time) bool {
	if len(s) != 4 {
		return false
	}
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= now.Year()
}

// ParseDay reads a full solar date (a purchase date), as YYYY-MM-DD.
func ParseDay(raw string, now time.Time) (string, error) {
	b, err := ParseBirthday(raw, now)
	switch {
	case err != nil:
		return "", err
	case b.Month == 0:
		return "", nil
	case b.Calendar == "lunar":
		return "", fmt.Errorf("消费日期「%s」请用公历", raw)
	case b.Year == 0:
		return "", fmt.Errorf("消费日期「%s」缺少年份", raw)
	}
	d := fmt.Sprintf("%04d-%02d-%02d", b.Year, b.Month, b.Day)
	if d > now.Format(time.DateOnly) {
		return "", lateError{fmt.Sprintf("消费日期「%s」晚于今天", raw)}
	}
	return d, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// fullYear reads a two-digit year as the most recent year it can be: 85 is 1985, 05 is 2005.
func fullYear(yy int, now time.Time) int {
	if 2000+yy > now.Year() {
		return 1900 + yy
	}
	return 2000 + yy
}

func checkDate(b customers.Birthday, now time.Time) error {
	if b.Month < 1 || b.Month > 12 {
		return errors.New("月份应在1到12之间")
	}
	if b.Year > now.Year() {
		return errFuture
	}
	if b.Year != 0 && b.Year < 1900 {
		return fmt.Errorf("年份应在1900到%d之间", now.Year())
	}
	if b.Calendar == "lunar" {
		if b.Day < 1 || b.Day > 30 {
			return errors.New("农历日期应在初一到三十之间")
		}
		return nil
	}
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year, so 2月29日 without a year is accepted
	}
	t := time.Date(year, time.Month(b.Month), b.Day, 0, 0, 0, 0, time.UTC)
	if b.Day < 1 || t.Month() != time.Month(b.Month) {
		return fmt.Errorf("%d月没有%d日", b.Month, b.Day)
	}
	if b.Year != 0 && t.After(now) {
		return errFuture
	}
	return nil
}

var digitWords = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

// chineseMonth reads 正, 三, 十一, 冬, 腊 (or digits).
func chineseMonth(s string) (int, error) {
	if n, ok := lunarMonthWords[s]; ok {
		return n, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	if n := chineseNumber(s); n >= 1 && n <= 12 {
		return n, nil
	}
	return 0, fmt.Errorf("无法识别的农历月份「%s月」", s)
}

// chineseDay reads 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十, 卅 (or digits).
func chineseDay(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	t := strings.TrimPrefix(s, "初")
	t = strings.Replace(t, "廿", "二十", 1)
	t = strings.Replace(t, "卅", "三十", 1)
	if n := chineseNumber(t); n >= 1 && n <= 30 && (t != s || n > 10) {
		return n, nil
	}
	return 0, fmt.Errorf("无法识别的农历日子「%s」", s)
}

// chineseNumber reads 1–99 written as 三, 十, 十二, 二十, 二十三; 0 when it is not one.
func chineseNumber(s string) int {
	r := []rune(s)
	switch {
	case len(r) == 1:
		return digitWords[r[0]]
	case len(r) == 2 && r[0] == '十':
		return 10 + digitWords[r[1]]*boolInt(r[1] != '十')
	case len(r) == 2 && r[1] == '十' && digitWords[r[0]] < 10:
		return digitWords[r[0]] * 10
	case len(r) == 3 && r[1] == '十' && digitWords[r[0]] < 10 && digitWords[r[2]] < 10:
		return digitWords[r[0]]*10 + digitWords[r[2]]
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
