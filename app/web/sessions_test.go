package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"jiuke/app/web"
)

func cookieOf(b *browser) string {
	u, _ := http.NewRequest("GET", b.s.srv.URL, nil)
	for _, c := range b.c.Jar.Cookies(u.URL) {
		if c.Name == "jiuke_session" {
			return c.Value
		}
	}
	return ""
}

// withCookie calls path with a given session token instead of the browser's jar.
func (s *shop) withCookie(token, path string) int {
	req, _ := http.NewRequest("POST", s.srv.URL+"/api/app/"+path, strings.NewReader("[]"))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "jiuke_session", Value: token})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// 30,000 requests without a cookie (the sign-in screen's calls, refused calls, wrong sign-ins) leave
// no session and no cookie behind, and memory stays where it was.
func TestAnonymousCallsLeaveNoSession(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	_, clerkID := s.staffBrowser(owner, "小王", "clerk", "2580")
	if n := s.h.Sessions(); n != 2 {
		t.Fatalf("sessions after two sign-ins: %d", n)
	}
	owner.must("Auth/SignOut")
	if n := s.h.Sessions(); n != 1 {
		t.Fatalf("sessions after a sign-out: %d", n)
	}
	call := func(path, body, remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/app/"+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = remote
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, req)
		return w
	}
	// Wrong sign-ins from a few addresses run on a throwaway seat that is not kept.
	for i := 0; i < 4; i++ {
		if w := call("Auth/SignIn", fmt.Sprintf("[%d,\"0000\"]", clerkID), fmt.Sprintf("10.0.0.%d:5000", i)); w.Code == http.StatusOK || w.Header().Get("Set-Cookie") != "" {
			t.Fatalf("wrong sign-in: %d %v", w.Code, w.Header())
		}
	}
	paths := []string{"Auth/Status", "System/Info", "Customers/List", "Auth/Lock", "Auth/SignOut", "Sheets/Batches"}
	before := heapAfterGC()
	for i := 0; i < 30000; i++ {
		p := paths[i%len(paths)]
		body := "[]"
		if p == "Customers/List" {
			body = "[{}]"
		}
		w := call(p, body, "127.0.0.1:40000")
		if w.Header().Get("Set-Cookie") != "" {
			t.Fatalf("%s set a cookie for an anonymous browser", p)
		}
		if i < len(paths) && (p == "Customers/List" || p == "Sheets/Batches") && w.Code != http.StatusForbidden {
			t.Fatalf("%s without sign-in: %d", p, w.Code)
		}
	}
	after := heapAfterGC()
	if n := s.h.Sessions(); n != 1 {
		t.Fatalf("sessions after 30,000 anonymous calls: %d, want the clerk's only", n)
	}
	if after > before+8<<20 {
		t.Fatalf("heap grew from %d MB to %d MB over 30,000 anonymous calls", before>>20, after>>20)
	}
}

// Signing in (or in again, to switch user or unlock) sets a new token; the one before stops working.
// Signing out forgets the seat.
func TestSignInRotatesTheToken(t *testing.T) {
	s := newShop(t)
	b := s.browser()
	b.must("Auth/Status")
	if tok := cookieOf(b); tok != "" {
		t.Fatalf("the sign-in screen set a cookie: %s", tok)
	}
	b.must("Auth/Setup", map[string]any{"shopName": "蜀香酒行", "ownerName": "王老板", "password": "jiuke123"})
	first := cookieOf(b)
	if first == "" {
		t.Fatal("setup did not sign the browser in")
	}
	if got := s.withCookie(first, "Staff/List"); got != http.StatusOK {
		t.Fatalf("the owner's token: %d", got)
	}
	b.must("Auth/Lock")
	b.must("Auth/SignIn", 1, "jiuke123")
	second := cookieOf(b)
	if second == "" || second == first {
		t.Fatalf("sign-in kept the token %q -> %q", first, second)
	}
	if got := s.withCookie(first, "Staff/List"); got != http.StatusForbidden {
		t.Fatalf("the token from before sign-in still works: %d", got)
	}
	if got := s.withCookie(second, "Staff/List"); got != http.StatusOK {
		t.Fatalf("the new token: %d", got)
	}
	// A wrong PIN on a signed-in browser changes nothing.
	if status, _, _ := b.call("Auth/SignIn", 1, "wrong-password"); status == http.StatusOK || cookieOf(b) != second {
		t.Fatalf("wrong sign-in: %d, token %q", status, cookieOf(b))
	}
	// The cookie the sign-in sets: script cannot read it, other sites cannot send it, and it lasts
	// as long as the browser (the server forgets idle seats itself).
	req := httptest.NewRequest("POST", "http://127.0.0.1/api/app/Auth/SignIn", strings.NewReader(`[1,"jiuke123"]`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	if c := w.Header().Get("Set-Cookie"); w.Code != http.StatusOK || !strings.Contains(c, "HttpOnly") ||
		!strings.Contains(c, "SameSite=Strict") || strings.Contains(c, "Max-Age") || strings.Contains(c, "Expires") {
		t.Fatalf("sign-in cookie: %d %q", w.Code, c)
	}
	b.must("Auth/SignOut")
	if got := s.withCookie(second, "Staff/List"); got != http.StatusForbidden || s.h.Sessions() != 1 { // the raw sign-in's seat is left
		t.Fatalf("after sign-out: %d, %d sessions", got, s.h.Sessions())
	}
	if cookieOf(b) != "" {
		t.Fatal("sign-out left the cookie in the browser")
	}
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }
func newClock() *clock               { return &clock{now: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)} }

// A browser unused longer than the idle limit must sign in again; one in use stays signed in.
func TestIdleSessionsExpire(t *testing.T) {
	c := newClock()
	s := newShopWith(t, web.Options{Idle: 2 * time.Hour, Now: c.Now})
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	for i := 0; i < 3; i++ {
		c.add(90 * time.Minute)
		owner.must("Staff/List")
	}
	if status, _, _ := clerk.call("Customers/List", map[string]any{}); status != http.StatusForbidden {
		t.Fatalf("a browser idle 4.5 h: %d", status)
	}
	if n := s.h.Sessions(); n != 1 {
		t.Fatalf("sessions: %d, want the owner's only", n)
	}
	c.add(2*time.Hour + time.Second)
	if status, _, _ := owner.call("Staff/List"); status != http.StatusForbidden || s.h.Sessions() != 0 {
		t.Fatalf("the owner idle over 2 h: %d, %d sessions", status, s.h.Sessions())
	}
}

// Past the cap, a new sign-in forgets the browser unused longest.
func TestSessionCapForgetsTheLeastRecentlyUsed(t *testing.T) {
	c := newClock()
	s := newShopWith(t, web.Options{MaxSessions: 3, Now: c.Now})
	owner := s.owner()
	m := owner.must("Staff/Create", map[string]any{"name": "小王", "role": "clerk", "active": true, "secret": "2580"})
	id := m["id"]
	signIn := func() *browser {
		b := s.browser()
		c.add(time.Minute)
		b.must("Auth/SignIn", id, "2580")
		return b
	}
	b1, b2 := signIn(), signIn() // owner, b1, b2: three seats
	c.add(time.Minute)
	owner.must("Staff/List") // b1 is now the least recently used
	b3 := signIn()
	if n := s.h.Sessions(); n != 3 {
		t.Fatalf("sessions: %d, want the cap of 3", n)
	}
	if status, _, _ := b1.call("Customers/List", map[string]any{}); status != http.StatusForbidden {
		t.Fatalf("the least recently used browser is still signed in: %d", status)
	}
	for name, b := range map[string]*browser{"owner": owner, "b2": b2, "b3": b3} {
		if status, _, _ := b.call("Customers/List", map[string]any{}); status != http.StatusOK {
			t.Fatalf("%s was signed out: %d", name, status)
		}
	}
}

// Before sign-in a browser learns only what the sign-in screen shows: no database path, no choices;
// the staff picker comes from Auth.Status. After sign-in only the owner sees the database file.
func TestAnonymousAnswersCarryOnlyTheSignInScreen(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	visitor := s.browser()
	for _, path := range []string{"System/Info", "Auth/Status"} {
		_, _, raw := visitor.call(path)
		if strings.Contains(string(raw), s.db.Path) || strings.Contains(string(raw), "test.db") {
			t.Fatalf("%s told a visitor the database path: %s", path, raw)
		}
	}
	info := visitor.must("System/Info")
	if info["shop"].(map[string]any)["name"] != "蜀香酒行" || len(info["staff"].([]any)) != 0 || len(info["sources"].([]any)) != 0 || info["dbPath"] != "" {
		t.Fatalf("anonymous info: %v", info)
	}
	if st := visitor.must("Auth/Status"); len(st["staff"].([]any)) != 2 || st["signedIn"] != false {
		t.Fatalf("anonymous status: %v", st)
	}
	if info := clerk.must("System/Info"); info["dbPath"] != "" || len(info["staff"].([]any)) != 2 || len(info["sources"].([]any)) == 0 {
		t.Fatalf("clerk info: %v", info)
	}
	if info := owner.must("System/Info"); info["dbPath"] != s.db.Path {
		t.Fatalf("owner info: %v", info["dbPath"])
	}
}

// What the transport itself says reaches the user in Chinese, without Go method names.
func TestTransportMessagesAreChinese(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	status, body, raw := owner.call("Customers/Create")
	if status != http.StatusUnprocessableEntity || strings.Contains(string(raw), "Customers") || !strings.Contains(body["message"].(string), "参数") {
		t.Fatalf("missing argument: %d %s", status, raw)
	}
	status, body, raw = owner.call("Customers/NoSuchMethod")
	if status != http.StatusNotFound || body["code"] != "not_found" || strings.Contains(string(raw), "NoSuchMethod") {
		t.Fatalf("unknown method: %d %s", status, raw)
	}
	hasHan := func(s string) bool {
		for _, r := range s {
			if r >= 0x4e00 && r <= 0x9fff {
				return true
			}
		}
		return false
	}
	for name, req := range map[string]func() *http.Request{
		"cross-site": func() *http.Request {
			r, _ := http.NewRequest("POST", s.srv.URL+"/api/app/System/Info", strings.NewReader("[]"))
			r.Header.Set("Content-Type", "text/plain")
			return r
		},
		"foreign host": func() *http.Request {
			r, _ := http.NewRequest("POST", s.srv.URL+"/api/app/System/Info", strings.NewReader("[]"))
			r.Header.Set("Content-Type", "application/json")
			r.Host = "evil.example"
			return r
		},
		"missing file": func() *http.Request { r, _ := http.NewRequest("GET", s.srv.URL+"/assets/nope.js", nil); return r },
	} {
		resp, err := http.DefaultClient.Do(req())
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		b.Write(buf[:n])
		resp.Body.Close()
		if resp.StatusCode < 400 || !hasHan(b.String()) {
			t.Errorf("%s: %d %q", name, resp.StatusCode, b.String())
		}
	}
}
