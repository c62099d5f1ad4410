package app

import "testing"

// A clerk sees the last 4 digits of every number a customer has, mobiles and landlines alike, and an
// edit form sending the masked text back keeps what is stored.
func TestMaskNumbersShowsOnlyTheLastFourDigits(t *testing.T) {
	cases := map[string]string{
		"13800138000":              "138****8000",
		"028-85551234":             "028-****1234",
		"13800138000、028-85551234": "138****8000、028-****1234",
		"85551234 转 801":           "****1234 转 801",
		"":                         "",
		"门店电话见备注":                  "门店电话见备注",
	}
	for in, want := range cases {
		if got := maskNumbers(in); got != want {
			t.Errorf("maskNumbers(%q) = %q, want %q", in, got, want)
		}
	}
	stored := "13800138000、028-85551234"
	if got := unmasked(maskNumbers(stored), stored); got != stored {
		t.Errorf("the masked form sent back replaced the stored numbers: %q", got)
	}
	if got := unmasked("028-66661234", stored); got != "028-66661234" {
		t.Errorf("a newly typed number was not kept: %q", got)
	}
}
