package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jiuke/app/web"
	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/settings"
	"jiuke/backend/store"
)

// checkinShop: an inviting event tonight 19:00–21:30 with 张伟 seated at table 2, tokens issued (any
// key: pages look tokens up by their hash), the clock at 19:05.
func checkinShop(t *testing.T) (s *shop, clk *clock, guest, walk string) {
	clk = &clock{now: time.Date(2026, 12, 5, 19, 5, 0, 0, store.Shop)}
	s = newShopWith(t, web.Options{Now: clk.Now})
	s.owner()
	ctx := context.Background()
	key := make([]byte, events.KeyLen)
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: "张伟", Mobile: "13800138000", Gender: "M"}, 0)
		if err != nil {
			return err
		}
		ev, err := events.Create(ctx, tx, events.Input{Name: "秋季品鉴会", Kind: "品鉴会", StartsAt: "2026-12-05 19:00", EndsAt: "2026-12-05 21:30", Venue: "二楼"}, 0)
		if err != nil {
			return err
		}
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{c.ID}, 0, 0); err != nil {
			return err
		}
		ts, err := events.AddTables(ctx, tx, ev.ID, 2, 10)
		if err != nil {
			return err
		}
		toks, _, err := events.GuestTokens(ctx, tx, key, ev.ID, 0)
		if err != nil {
			return err
		}
		if _, err := events.Seat(ctx, tx, ev.ID, toks[0].GuestID, ts[1].ID); err != nil {
			return err
		}
		guest = toks[0].Token
		if walk, err = events.WalkInToken(ctx, tx, key, ev.ID, 0, false); err != nil {
			return err
		}
		_, err = events.SetState(ctx, tx, ev.ID, events.Inviting, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, clk, guest, walk
}

func (s *shop) lan(on bool) {
	err := s.db.WithTx(context.Background(), func(tx *sql.Tx) error {
		_, err := settings.SaveLAN(context.Background(), tx, settings.LAN{Enabled: on, Port: 8421})
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
}

// page fetches a check-in page as a phone with no cookies; form nil is a GET.
func (s *shop) page(path string, form url.Values) (int, string, http.Header) {
	s.t.Helper()
	var resp *http.Response
	var err error
	if form == nil {
		resp, err = http.Get(s.srv.URL + path)
	} else {
		resp, err = http.PostForm(s.srv.URL+path, form)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func want(t *testing.T, what string, status int, body string, wantStatus int, fragments ...string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("%s: status %d, want %d\n%s", what, status, wantStatus, body)
	}
	for _, f := range fragments {
		if !strings.Contains(body, f) {
			t.Fatalf("%s: page lacks %q\n%s", what, f, body)
		}
	}
}

func TestGuestCheckInPageDoesOneThingWithoutASession(t *testing.T) {
	s, _, guest, walk := checkinShop(t)
	status, body, _ := s.page("/c/"+guest, nil)
	want(t, "shop-network mode off", status, body, http.StatusForbidden, "局域网模式未开启")
	s.lan(true)
	status, body, h := s.page("/c/"+guest, nil)
	want(t, "invitation", status, body, http.StatusOK, "尊敬的张先生", "秋季品鉴会", "12月5日（周六）19:00–21:30", "确认签到")
	if strings.Contains(body, "2号桌") || strings.Contains(body, "13800138000") {
		t.Fatal("the invitation shows the table before check-in or a phone number")
	}
	if h.Get("Set-Cookie") != "" || h.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("headers %v", h)
	}
	// The token opens nothing under /api/app: not as a cookie, a bearer or a query.
	for _, r := range []func(*http.Request){
		func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "jiuke_session", Value: guest}) },
		func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+guest) },
		func(r *http.Request) { r.URL.RawQuery = "token=" + guest },
	} {
		for m, args := range map[string]string{"Events/Detail": "[1]", "Events/List": `[""]`, "Events/CheckIn": "[1, 1]", "Events/WalkInRequests": "[1]"} {
			req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/api/app/"+m, strings.NewReader(args))
			req.Header.Set("Content-Type", "application/json")
			r(req)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "请先登录") {
				t.Fatalf("%s with the token: %d %s", m, resp.StatusCode, b)
			}
		}
	}
	// Paths past the token, and the walk-in token here, open nothing.
	for _, p := range []string{"/c/" + guest + "/../../api/app/Events/List", "/c/" + guest + "/x", "/c/" + walk, "/w/" + guest} {
		status, body, _ := s.page(p, nil)
		if status == http.StatusOK || strings.Contains(body, "确认签到") {
			t.Fatalf("%s: %d", p, status)
		}
	}
	status, body, h = s.page("/c/"+guest, url.Values{})
	want(t, "confirm", status, body, http.StatusOK, "签到成功", "2号桌")
	if h.Get("Set-Cookie") != "" {
		t.Fatal("confirming set a cookie")
	}
	status, body, _ = s.page("/c/"+guest, url.Values{})
	want(t, "used token", status, body, http.StatusConflict, "无需重复签到")
	if s.h.Sessions() != 1 {
		t.Fatalf("%d sessions: the phone's pages made one", s.h.Sessions())
	}
}

func TestTokenWindowAndUnknownTokensOnThePage(t *testing.T) {
	s, clk, guest, _ := checkinShop(t)
	s.lan(true)
	clk.add(-3 * time.Hour)
	status, body, _ := s.page("/c/"+guest, nil)
	want(t, "too early", status, body, http.StatusConflict, "签到尚未开始", "12月5日 17:00")
	clk.add(6 * time.Hour)
	status, body, _ = s.page("/c/"+guest, nil)
	want(t, "too late", status, body, http.StatusConflict, "签到已结束")
	clk.add(-3 * time.Hour)
	// Guessing: ten unknown tokens and the address waits, even with a good token.
	for i := range 10 {
		status, body, _ := s.page(fmt.Sprintf("/c/%024d", i), nil)
		want(t, "unknown", status, body, http.StatusConflict, "签到码无效")
	}
	status, body, _ = s.page("/c/"+guest, nil)
	want(t, "after guessing", status, body, http.StatusTooManyRequests, "操作过于频繁")
	clk.add(11 * time.Minute)
	status, body, _ = s.page("/c/"+guest, nil)
	want(t, "ten minutes later", status, body, http.StatusOK, "确认签到")
}

func TestWalkInFormIsHeldAndBounded(t *testing.T) {
	s, clk, _, walk := checkinShop(t)
	s.lan(true)
	status, body, _ := s.page("/w/"+walk, nil)
	want(t, "walk-in form", status, body, http.StatusOK, "现场登记", "手机号")
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {"赵六"}, "mobile": {"12345"}})
	want(t, "bad mobile", status, body, http.StatusUnprocessableEntity, "手机号应为11位数字", `value="赵六"`, `aria-invalid="true"`)
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {strings.Repeat("名", 5000)}, "mobile": {"13500135000"}})
	want(t, "oversized form", status, body, http.StatusUnprocessableEntity, "表单内容过长")
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {"张伟"}, "mobile": {"13800138000"}})
	want(t, "held", status, body, http.StatusOK, "已登记，请到签到台稍候")
	if strings.Contains(body, "张伟 ") || strings.Contains(body, "李") {
		t.Fatal("the receipt says more than the form held")
	}
	// Five forms per phone per ten minutes (the refused mobile counts too; the oversized form was
	// refused before it was read).
	for i := range 3 {
		s.page("/w/"+walk, url.Values{"name": {"散客"}, "mobile": {fmt.Sprintf("1390000%04d", i)}})
	}
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {"散客"}, "mobile": {"13911112222"}})
	want(t, "sixth form", status, body, http.StatusTooManyRequests, "操作过于频繁")
	clk.add(10 * time.Minute)
	status, body, _ = s.page("/w/"+walk, url.Values{"name": {"散客"}, "mobile": {"13911112222"}})
	want(t, "later", status, body, http.StatusOK, "已登记")
	var held int
	if err := s.db.R.QueryRow(`SELECT COUNT(*) FROM event_walkin_requests WHERE status = 'pending'`).Scan(&held); err != nil {
		t.Fatal(err)
	}
	if held != 5 {
		t.Fatalf("%d walk-ins held", held)
	}
}
