package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A phone on the shop Wi-Fi picks any address it likes inside its IPv6 network: the per-phone limits
// must count the network, not the address, or one phone sends as many forms as it has addresses.
func TestWalkInLimitCountsAnIPv6NetworkAsOnePhone(t *testing.T) {
	s, _, _, walk := checkinShop(t)
	s.lan(true)
	post := func(i int) int {
		form := url.Values{"name": {"散客"}, "mobile": {fmt.Sprintf("1390000%04d", i)}}
		req := httptest.NewRequest(http.MethodPost, "/w/"+walk, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Host = "127.0.0.1"
		req.RemoteAddr = fmt.Sprintf("[fd00:1234:5678:9abc::%x]:50000", i+1)
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, req)
		return rec.Code
	}
	for i := range 5 {
		if code := post(i); code != http.StatusOK {
			t.Fatalf("form %d: %d", i+1, code)
		}
	}
	if code := post(5); code != http.StatusTooManyRequests {
		t.Fatalf("sixth form from another address of the same network: %d, want %d", code, http.StatusTooManyRequests)
	}
	var held int
	if err := s.db.R.QueryRow(`SELECT COUNT(*) FROM event_walkin_requests`).Scan(&held); err != nil {
		t.Fatal(err)
	}
	if held != 5 {
		t.Fatalf("%d walk-ins held from one phone", held)
	}
}

// The walk-in receipt greets whoever sent this form: sending someone's mobile again must not show the
// name held with it, or the page tells a stranger who registered with a number.
func TestWalkInReceiptDoesNotShowAnotherFormsName(t *testing.T) {
	s, _, _, walk := checkinShop(t)
	s.lan(true)
	status, body, _ := s.page("/w/"+walk, url.Values{"name": {"欧阳娜娜"}, "mobile": {"13600136000"}})
	want(t, "first form", status, body, http.StatusOK, "欧阳娜娜，您好")
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {"路人"}, "mobile": {"13600136000"}})
	want(t, "same mobile again", status, body, http.StatusOK, "已登记")
	if strings.Contains(body, "欧阳") {
		t.Fatalf("a second form with the same mobile was shown the first form's name:\n%s", body)
	}
}
