package sheets

import (
	"errors"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestParseBirthday(t *testing.T) {
	solar := func(y, m, d int) customers.Birthday {
		return customers.Birthday{Calendar: "solar", Year: y, Month: m, Day: d}
	}
	lunar := func(y, m, d int, leap bool) customers.Birthday {
		return customers.Birthday{Calendar: "lunar", Year: y, Month: m, Day: d, Leap: leap}
	}
	cases := []struct {
		in   string
		want customers.Birthday
		err  string
	}{
		{"1985-03-12", solar(1985, 3, 12), ""},
		{"1985-03-12 00:00:00", solar(1985, 3, 12), ""},
		{"1985.3.12", solar(1985, 3, 12), ""},
		{"1985/3/12", solar(1985, 3, 12), ""},
		{"1985年3月12日", solar(1985, 3, 12), ""},
		{"1985年3月12号", solar(1985, 3, 12), ""},
		{"19850312", solar(1985, 3, 12), ""},
		{"85-3-12", solar(1985, 3, 12), ""},
		{"05.3.12", solar(2005, 3, 12), ""},
		{"3月12日", solar(0, 3, 12), ""},
		{"2月29日", solar(0, 2, 29), ""},
		{"农历三月十二", lunar(0, 3, 12, false), ""},
		{"农历正月初一", lunar(0, 1, 1, false), ""},
		{"阴历腊月廿三", lunar(0, 12, 23, false), ""},
		{"农历冬月三十", lunar(0, 11, 30, false), ""},
		{"农历1985-03-12", lunar(1985, 3, 12, false), ""},
		{"农历1985年三月十二", lunar(1985, 3, 12, false), ""},
		{"农历闰四月初八", lunar(0, 4, 8, true), ""},
		{"1985年3月12日(农历)", lunar(1985, 3, 12, false), ""},
		{"", customers.Birthday{}, ""},
		{"1985-02-30", customers.Birthday{}, "2月没有30日"},
		{"1985-13-01", customers.Birthday{}, "月份"},
		{"2030-01-01", customers.Birthday{}, "晚于今天"},
		{"2026-11-24", customers.Birthday{}, "晚于今天"},
		{"1850-01-01", customers.Birthday{}, "年份"},
		// Excel day numbers from a cell not formatted as a date, or a CSV: five digits up to today.
		{"31118", solar(1985, 3, 12), ""},
		{"32874", solar(1990, 1, 1), ""},
		{"32874.0", solar(1990, 1, 1), ""},
		{"32874.75", solar(1990, 1, 1), ""},
		{"10000", solar(1927, 5, 18), ""},
		{"46349", solar(2026, 11, 23), ""},      // today
		{"46350", customers.Birthday{}, "无法识别"}, // tomorrow is no birthday: not a day number either
		{"99999", customers.Birthday{}, "无法识别"},
		{"09999", customers.Birthday{}, "无法识别"},
		// A year alone is a year, never day 1985 (1905-06-07); short numbers are no day numbers.
		{"1985", customers.Birthday{}, "只有年份"},
		{"2026", customers.Birthday{}, "只有年份"},
		{"312", customers.Birthday{}, "无法识别"},
		{"85", customers.Birthday{}, "无法识别"},
		// Phone-like numbers are never day numbers.
		{"13800138000", customers.Birthday{}, "无法识别"},
		{"86668888", customers.Birthday{}, "有误"},
		{"8666888", customers.Birthday{}, "无法识别"},
		{"三月十二", customers.Birthday{}, "无法识别"},
		{"农历三月卅五", customers.Birthday{}, "农历"},
	}
	for _, c := range cases {
		got, err := ParseBirthday(c.in, now)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: %+v %v, want error %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v %v, want %+v", c.in, got, err, c.want)
		}
	}
	if d, err := ParseDay("2024/6/18", now); d != "2024-06-18" || err != nil {
		t.Errorf("purchase day %q %v", d, err)
	}
	if _, err := ParseDay("6月18日", now); err == nil || !strings.Contains(err.Error(), "缺少年份") {
		t.Errorf("purchase day without year: %v", err)
	}
	if d, err := ParseDay("45461", now); d != "2024-06-18" || err != nil {
		t.Errorf("purchase day as an Excel day number: %q %v", d, err)
	}
	for _, in := range []string{"2026-11-24", "2027-01-01"} {
		if _, err := ParseBirthday(in, now); !errors.Is(err, errFuture) {
			t.Errorf("birthday %s: %v, want errFuture", in, err)
		}
		if _, err := ParseDay(in, now); !errors.Is(err, errFuture) || !strings.Contains(err.Error(), "晚于今天") {
			t.Errorf("purchase day %s: %v, want errFuture", in, err)
		}
	}
}

func TestParseMoneyPointsGender(t *testing.T) {
	money := map[string]int64{"1280": 128000, "¥1,280.50": 128050, "1280元": 128000, "￥3.5万": 3500000, "RMB 99.9": 9990,
		"０.０１": 1, "12.345": 1235, "1.2万元": 1200000, "": 0, "2千": 200000}
	for in, want := range money {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("money %q = %d %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"-5", "abc", "1.2.3", "万", "99999999999999"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("money %q accepted", bad)
		}
	}
	pts := map[string]int64{"1200": 1200, "1,200": 1200, "800分": 800, "1200.0": 1200}
	for in, want := range pts {
		if got, err := ParsePoints(in); err != nil || got != want {
			t.Errorf("points %q = %d %v", in, got, err)
		}
	}
	if _, err := ParsePoints("12.5"); err == nil {
		t.Error("fractional points accepted")
	}
	genders := map[string]string{"男": "M", "先生": "M", "女士": "F", "女": "F", "M": "M", "f": "F", "": ""}
	for in, want := range genders {
		if got, err := ParseGender(in); err != nil || got != want {
			t.Errorf("gender %q = %q %v", in, got, err)
		}
	}
	if _, err := ParseGender("保密"); err == nil {
		t.Error("unknown gender accepted")
	}
}

func TestHeaderGuessingFromSynonyms(t *testing.T) {
	header := []string{"序号", "客户姓名", "联系电话", "座机", "出生日期", "会员卡号", "VIP等级", "积分余额", "消费金额（元）", "手机号（必填）", "备注"}
	cols := guessColumns(header, map[string]string{"序号": ""})
	got := map[string]string{}
	for _, c := range cols {
		got[c.Header] = c.Field
	}
	want := map[string]string{"序号": "", "客户姓名": "name", "联系电话": "mobile", "座机": "otherPhone", "出生日期": "birthday",
		"会员卡号": "cardNumber", "VIP等级": "level", "积分余额": "points", "消费金额（元）": "spend", "手机号（必填）": "", "备注": "notes"}
	for h, f := range want {
		if got[h] != f {
			t.Errorf("%s → %q, want %q", h, got[h], f)
		}
	}
	if cols[0].Origin != "remembered" || cols[1].Origin != "guessed" || cols[1].Letter != "B" || colLetter(27) != "AB" {
		t.Errorf("origins/letters %+v", cols[:2])
	}
}
