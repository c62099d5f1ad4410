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

// lunarMonthDays is the length of a lunar month (negative month = leap), 0 when the year has no such
// month. The calendar computes it astronomically (about 0.3 ms), so results are cached: imports check
// thousands of birthdays from a few dozen years.
func lunarMonthDays(year, month int) int {
	key := [2]int{year, month}
	if v, ok := lunarDays.Load(key); ok {
		return v.(int)
	}
	days := 0
	if lm := calendar.NewLunarMonthFromYm(year, month); lm != nil {
		days = lm.GetDayCount()
	}
	lunarDays.Store(key, days)
	return days
}

var lunarDays sync.Map

func leapWord(leap bool) string {
	if leap {
		return "闰"
	}
	return ""
}
