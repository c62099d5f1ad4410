package sheets

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestParsePhones(t *testing.T) {
	cases := []struct {
		in, mobile string
		others     []string
		err        string
	}{
		{"13800138000", "13800138000", nil, ""},
		{"13800138000.0", "13800138000", nil, ""},
		{"138 0013 8000", "13800138000", nil, ""},
		{"138-0013-8000", "13800138000", nil, ""},
		{"１３８００１３８０００", "13800138000", nil, ""},
		{"+86 138 0013 8000", "13800138000", nil, ""},
		{"0086-13800138000", "13800138000", nil, ""},
		{"手机：13800138000", "13800138000", nil, ""},
		{"13800138000/13900139000", "13800138000", []string{"13900139000"}, ""},
		{"13800138000 13900139000", "13800138000", []string{"13900139000"}, ""},
		{"13800138000、028-86668888", "13800138000", []string{"028-86668888"}, ""},
		{"(028)86668888", "", []string{"(028)86668888"}, ""},
		{"1.3800138123E+10", "13800138123", nil, ""},
		{"1.38001E+10", "", nil, "科学计数法"},
		{"1.38E+10", "", nil, "科学计数法"},
		{"1380013800", "", nil, "位数不对"},
		{"12800138000", "", nil, "第二位"},
		{"", "", nil, ""},
	}
	for _, c := range cases {
		p, _, err := ParsePhones(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || p.Mobile != c.mobile || !slices.Equal(p.Others, c.others) {
			t.Errorf("%q: %+v %v, want %s %v", c.in, p, err, c.mobile, c.others)
		}
	}
	if _, warn, err := ParsePhones("13800138000 / 打不通"); err != nil || !strings.Contains(warn, "打不通") {
		t.Errorf("odd part: %q %v", warn, err)
	}
}

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
		{"2030-01-01", customers.Birthday{}, "年份"},
		{"31118", customers.Birthday{}, "无法识别"},
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
