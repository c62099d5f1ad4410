package customers

import (
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
