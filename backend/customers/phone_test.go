package customers

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"jiuke/backend/errs"
)

func TestNormalizeMobile(t *testing.T) {
	ok := map[string]string{
		"13800138000":       "13800138000",
		" 138 0013 8000 ":   "13800138000",
		"138-0013-8000":     "13800138000",
		"１３８００１３８０００":       "13800138000",
		"+86 138 0013 8000": "13800138000",
		"+8613800138000":    "13800138000",
		"0086 13800138000":  "13800138000",
		"8613800138000":     "13800138000",
		"13800138000.0":     "13800138000",
		"13800138000.00":    "13800138000",
		"(138)0013-8000":    "13800138000",
		"":                  "",
	}
	for in, want := range ok {
		got, e := NormalizeMobile(in)
		if e != nil || got != want {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", in, got, e, want)
		}
	}
	bad := map[string]string{
		"1380013800a":  "手机号只能包含数字",
		"1380013800":   "手机号应为11位数字",
		"138001380001": "手机号应为11位数字",
		"12800138000":  "手机号应以1开头，第二位为3到9",
		"23800138000":  "手机号应以1开头，第二位为3到9",
		"1.38E+10":     "手机号只能包含数字",
	}
	for in, msg := range bad {
		_, e := NormalizeMobile(in)
		if e == nil || e.Message != msg || e.Field != "mobile" || e.Code != errs.CodeInvalid {
			t.Errorf("NormalizeMobile(%q) error = %v; want %q on field mobile", in, e, msg)
		}
	}
}

func TestMaskMobile(t *testing.T) {
	if got := MaskMobile("13800138000"); got != "138****8000" {
		t.Fatalf("got %s", got)
	}
}

// Every separator seen between the digits of a pasted or ledger-typed mobile reads as the number.
func TestNormalizeMobileSeparators(t *testing.T) {
	for _, sep := range []string{"-", "—", "–", "－", "‐", "‑", "‒", "―", "﹣", "−", " ", "\u3000", ".", "．", "。", "·", "・"} {
		for _, in := range []string{"138" + sep + "0013" + sep + "8000", "+86" + sep + "138" + sep + "0013" + sep + "8000", "0086" + sep + "13800138000"} {
			got, e := NormalizeMobile(in)
			if e != nil || got != "13800138000" {
				t.Errorf("separator %q: NormalizeMobile(%q) = %q, %v", sep, in, got, e)
			}
			p, _, err := ParsePhones(in)
			if err != nil || p.Mobile != "13800138000" || len(p.Others) != 0 {
				t.Errorf("separator %q: ParsePhones(%q) = %+v, %v", sep, in, p, err)
			}
		}
	}
	for in, want := range map[string]string{
		"１３８—００１３—８０００":   "13800138000", // full-width digits with an em dash
		"＋８６　１３８００１３８０００": "13800138000",
		"13800138000．0":        "13800138000", // a float written with a full-width dot
		"138.0013.8000":        "13800138000",
		"(+86)138 0013 8000":   "", // a bracket before the + is not a number
		"138—0013—8000—1":      "", // 12 digits
		"13800138000—13900139": "",
	} {
		got, e := NormalizeMobile(in)
		if want == "" {
			if e == nil {
				t.Errorf("NormalizeMobile(%q) = %q, want an error", in, got)
			}
			continue
		}
		if e != nil || got != want {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", in, got, e, want)
		}
	}
}

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
		{"138—0013—8000", "13800138000", nil, ""},
		{"138–0013–8000", "13800138000", nil, ""},
		{"138－0013－8000", "13800138000", nil, ""},
		{"138‐0013‐8000", "13800138000", nil, ""},
		{"手机：138—0013—8000", "13800138000", nil, ""},
		{"１３８００１３８０００", "13800138000", nil, ""},
		{"+86 138 0013 8000", "13800138000", nil, ""},
		{"0086-13800138000", "13800138000", nil, ""},
		{"＋８６—１３８００１３８０００", "13800138000", nil, ""},
		{"手机：13800138000", "13800138000", nil, ""},
		{"13800138000/13900139000", "13800138000", []string{"13900139000"}, ""},
		{"13800138000／139—0013—9000", "13800138000", []string{"13900139000"}, ""},
		{"13800138000 13900139000", "13800138000", []string{"13900139000"}, ""},
		// Landlines are kept as written, in other phones, whatever dash they use.
		{"13800138000、028-86668888", "13800138000", []string{"028-86668888"}, ""},
		{"13800138000、028—86668888", "13800138000", []string{"028-86668888"}, ""},
		{"(028)86668888", "", []string{"(028)86668888"}, ""},
		{"（028）8666—8888", "", []string{"(028)8666-8888"}, ""},
		{"1.3800138123E+10", "13800138123", nil, ""},
		{"1.38001E+10", "", nil, "科学计数法"},
		{"1.38E+10", "", nil, "科学计数法"},
		{"1380013800", "", nil, "位数不对"},
		{"138—0013—800", "", nil, "位数不对"},
		{"12800138000", "", nil, "第二位"},
		{"", "", nil, ""},
	}
	for _, c := range cases {
		p, _, err := ParsePhones(c.in)
		if c.err != "" {
			var e *errs.Error
			if !errors.As(err, &e) || e.Field != "mobile" || !strings.Contains(e.Message, c.err) {
				t.Errorf("%q: err %v, want %q on mobile", c.in, err, c.err)
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

// Phone cells are whatever a clerk ever typed: the parser must never panic, and a mobile it
// accepts must be what the archive can store. Run longer with: go test -fuzz FuzzParsePhones ./backend/customers
func FuzzParsePhones(f *testing.F) {
	for _, s := range []string{"13800138000", "1.38001E+10", "+86 138-0013-8000", "１３８００１３８０００", "13800138000/028-8666",
		"1.3800138123E+10", "9E+99", "手机：", "((((", "0086", "1e", "13800138000.000", "、、、", "138—0013—8000", "﹣﹣", "。"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, _, err := ParsePhones(s)
		if err != nil {
			return
		}
		if p.Mobile != "" && !mobilePattern.MatchString(p.Mobile) {
			t.Fatalf("%q gave mobile %q", s, p.Mobile)
		}
	})
}
