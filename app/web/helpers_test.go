package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

type shop struct {
	t   *testing.T
	srv *httptest.Server
	hub *web.Hub
	db  *store.DB
	h   *web.Handler
}

func newShop(t *testing.T) *shop { return newShopWith(t, web.Options{}) }

func newShopWith(t *testing.T, opts web.Options) *shop {
	t.Helper()
	db := storetest.Open(t)
	hub := web.NewHub()
	core, err := app.NewCore(context.Background(), db, hub)
	if err != nil {
		t.Fatal(err)
	}
	assets := fstest.MapFS{"index.html": {Data: []byte("<html><head><title>酒客通</title></head><body></body></html>")}}
	h, err := web.NewHandler(func() *app.Core { return core.ForSession() }, hub, assets, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &shop{t: t, srv: srv, hub: hub, db: db, h: h}
}

// browser is one client with its own cookies: one seat.
type browser struct {
	s *shop
	c *http.Client
}

func (s *shop) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar}}
}

// call posts the arguments to Service/Method and returns the status, the decoded object and raw body.
func (b *browser) call(path string, args ...any) (int, map[string]any, json.RawMessage) {
	b.s.t.Helper()
	if args == nil {
		args = []any{}
	}
	body, _ := json.Marshal(args)
	resp, err := b.c.Post(b.s.srv.URL+"/api/app/"+path, "application/json", strings.NewReader(string(body)))
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	json.NewDecoder(resp.Body).Decode(&raw)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m, raw
}

func (b *browser) must(path string, args ...any) map[string]any {
	b.s.t.Helper()
	status, body, raw := b.call(path, args...)
	if status != http.StatusOK {
		b.s.t.Fatalf("%s: %d %s", path, status, raw)
	}
	return body
}

// owner completes the first-start setup in a new browser, signed in as the owner.
func (s *shop) owner() *browser {
	b := s.browser()
	b.must("Auth/Setup", map[string]any{"shopName": "蜀香酒行", "ownerName": "王老板", "password": "jiuke123"})
	return b
}

// staffBrowser creates an account as the owner and signs it in from a new browser.
func (s *shop) staffBrowser(owner *browser, name, role, pin string) (*browser, int64) {
	m := owner.must("Staff/Create", map[string]any{"name": name, "role": role, "active": true, "secret": pin})
	id := int64(m["id"].(float64))
	b := s.browser()
	b.must("Auth/SignIn", id, pin)
	return b, id
}
