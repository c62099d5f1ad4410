package customers

import (
	"fmt"
	"sync"
	"time"

	"github.com/6tail/lunar-go/calendar"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

var lunarMonthNames = []string{"", "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"}

// validateBirthday checks a birthday is a real date of its calendar and not in the future.
func validateBirthday(b Birthday, now time.Time) *errs.Error {
	if b.Month == 0 && b.Day == 0 && b.Year == 0 {
		return nil
	}
	if b.Calendar != "solar" && b.Calendar != "lunar" {
		return errs.Invalid("birthday", "请选择公历或农历")
	}
	if b.Month < 1 || b.Month > 12 {
		return errs.Invalid("birthday", "生日月份应在1到12之间")
	}
	if b.Year != 0 && (b.Year < 1900 || b.Year > now.Year()) {
		return errs.Invalid("birthday", fmt.Sprintf("出生年份应在1900到%d之间", now.Year()))
	}
	if b.Calendar == "solar" {
		if b.Leap {
			return errs.Invalid("birthday", "公历没有闰月")
		}
		year := b.Year
		if year == 0 {
			year = 2000 // a leap year, so 2月29日 without a year is accepted
		}
		t := time.Date(year, time.Month(b.Month), b.Day, 0, 0, 0, 0, store.Shop)
		if b.Day < 1 || t.Month() != time.Month(b.Month) {
			return errs.Invalid("birthday", fmt.Sprintf("%d月没有%d日", b.Month, b.Day))
		}
		if b.Year != 0 && t.After(now) {
			return errs.Invalid("birthday", "生日不能晚于今天")
		}
		return nil
	}
	if b.Day < 1 || b.Day > 30 {
		return errs.Invalid("birthday", "农历日期应在初一到三十之间")
	}
	if b.Year == 0 {
		return nil
	}
	m := b.Month
	if b.Leap {
		m = -m
	}
	days := lunarMonthDays(b.Year, m)
	if days == 0 {
		return errs.Invalid("birthday", fmt.Sprintf("农历%d年没有闰%s月", b.Year, lunarMonthNames[b.Month]))
	}
	if b.Day > days {
		return errs.Invalid("birthday", fmt.Sprintf("农历%d年%s%s月只有%d天", b.Year, leapWord(b.Leap), lunarMonthNames[b.Month], days))
	}
	// A lunar date falls at most a year later on the solar calendar, so only recent years can be future.
	if b.Year >= now.Year()-1 {
		s := calendar.NewLunarFromYmd(b.Year, m, b.Day).GetSolar()
		if time.Date(s.GetYear(), time.Month(s.GetMonth()), s.GetDay(), 0, 0, 0, 0, store.Shop).After(now) {
			return errs.Invalid("birthday", "生日不能晚于今天")
		}
	}
	return nil
}

// lunarMonth is the first solar day and the length of a lunar month (negative month = leap).
type lunarMonth struct {
	first time.Time
	days  int
}

// lunarMonthOf computes a lunar month astronomically (about 0.3 ms), so results are cached: imports
// check thousands of birthdays and birthday lists convert every lunar birthday, from a few dozen years.
func lunarMonthOf(year, month int) (lunarMonth, bool) {
	key := [2]int{year, month}
	if v, ok := lunarMonths.Load(key); ok {
		lm := v.(lunarMonth)
		return lm, lm.days > 0
	}
	var out lunarMonth
	if lm := calendar.NewLunarMonthFromYm(year, month); lm != nil {
		s := calendar.NewSolarFromJulianDay(lm.GetFirstJulianDay())
		out = lunarMonth{first: time.Date(s.GetYear(), time.Month(s.GetMonth()), s.GetDay(), 0, 0, 0, 0, store.Shop), days: lm.GetDayCount()}
	}
	lunarMonths.Store(key, out)
	return out, out.days > 0
}

var lunarMonths sync.Map

// lunarMonthDays is the length of a lunar month, 0 when the year has no such month.
func lunarMonthDays(year, month int) int {
	lm, _ := lunarMonthOf(year, month)
	return lm.days
}

// SolarBirthday is the solar date on which a birthday falls in solar year `year`. A lunar birthday is
// looked up in the lunar years overlapping it; a leap-month birthday in a year without that leap month
// is kept in the ordinary month, and day 30 in a 29-day month moves to the 29th. ok is false when
// there is no birthday (or no date in that year, e.g. a 29 February outside a leap year).
func SolarBirthday(b Birthday, year int) (time.Time, bool) {
	if b.Month == 0 || b.Day == 0 {
		return time.Time{}, false
	}
	if b.Calendar != "lunar" {
		t := time.Date(year, time.Month(b.Month), b.Day, 0, 0, 0, 0, store.Shop)
		return t, t.Month() == time.Month(b.Month)
	}
	for _, ly := range []int{year - 1, year} {
		m := b.Month
		lm, ok := lunarMonthOf(ly, -m)
		if !b.Leap || !ok {
			lm, ok = lunarMonthOf(ly, m)
		}
		if !ok {
			continue
		}
		t := lm.first.AddDate(0, 0, min(b.Day, lm.days)-1)
		if t.Year() == year {
			return t, true
		}
	}
	return time.Time{}, false
}

// NextBirthday is the first date on or after from (a shop-local midnight) on which a birthday falls.
// It looks at lunar years rather than solar ones: a lunar birthday can fall twice in one solar year
// (冬月二十 was 2026-01-08 and is 2026-12-28 again), which SolarBirthday, one date per year, hides.
func NextBirthday(b Birthday, from time.Time) (time.Time, bool) {
	if b.Month == 0 || b.Day == 0 {
		return time.Time{}, false
	}
	if b.Calendar != "lunar" {
		for y := from.Year(); y <= from.Year()+4; y++ { // 29 February waits for a leap year
			if t, ok := SolarBirthday(b, y); ok && !t.Before(from) {
				return t, true
			}
		}
		return time.Time{}, false
	}
	for ly := from.Year() - 1; ly <= from.Year()+1; ly++ {
		lm, ok := lunarMonthOf(ly, -b.Month)
		if !b.Leap || !ok {
			lm, ok = lunarMonthOf(ly, b.Month)
		}
		if !ok {
			continue
		}
		if t := lm.first.AddDate(0, 0, min(b.Day, lm.days)-1); !t.Before(from) {
			return t, true
		}
	}
	return time.Time{}, false
}

func leapWord(leap bool) string {
	if leap {
		return "闰"
	}
	return ""
}
