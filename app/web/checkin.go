package web

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"jiuke/app"
	"jiuke/backend/errs"
	"jiuke/backend/events"
)

// Guest self check-in pages (扫码签到): /c/<token> shows a guest's invitation and confirms their
// check-in; /w/<token> is the door stand's walk-in form. They are plain server-rendered pages (no
// script, no SPA) that any phone browser opens over http, outside /api/app, and they never create a
// session or set a cookie: a token reaches its own invitation and nothing else.

// Limits of the public pages, per phone (address) and per event (token). Tokens cannot be guessed
// (144 bits); the limits keep a script on the shop Wi-Fi from flooding the desk or the database.
var (
	// pageLimit: page views and confirmations per address per minute.
	pageLimit = rate{max: 30, per: time.Minute}
	// missLimit: unknown or malformed tokens per address per 10 minutes before the address waits.
	missLimit = rate{max: 10, per: 10 * time.Minute}
	// walkInPerPhone: walk-in forms sent per address per 10 minutes.
	walkInPerPhone = rate{max: 5, per: 10 * time.Minute}
	// walkInPerEvent: walk-in forms per event (its stand) per 10 minutes, whoever sends them.
	walkInPerEvent = rate{max: 60, per: 10 * time.Minute}
)

// formLimit bounds a POST body: a walk-in's name and mobile fit many times over.
const formLimit = 4 << 10

type rate struct {
	max int
	per time.Duration
}

// limiter counts recent hits per key; it forgets stale keys once it holds too many.
type limiter struct {
	mu   sync.Mutex
	rate rate
	now  func() time.Time
	hits map[string][]time.Time
}

const limiterKeys = 4096

func newLimiter(r rate, now func() time.Time) *limiter {
	return &limiter{rate: r, now: now, hits: map[string][]time.Time{}}
}

// allow reports whether key is under its limit, counting this hit when it is.
func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	recent := l.recent(key, now)
	if len(recent) >= l.rate.max {
		l.hits[key] = recent
		return false
	}
	if len(l.hits) >= limiterKeys {
		for k := range l.hits {
			if len(l.recent(k, now)) == 0 {
				delete(l.hits, k)
			}
		}
	}
	l.hits[key] = append(recent, now)
	return true
}

// over reports whether key is at its limit without counting a hit.
func (l *limiter) over(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(key, l.now())) >= l.rate.max
}

func (l *limiter) recent(key string, now time.Time) []time.Time {
	ts := l.hits[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.rate.per {
		i++
	}
	return ts[i:]
}

// checkinPages serves the public pages.
type checkinPages struct {
	self                              *app.SelfCheckIn
	pages, misses, phones, eventForms *limiter
}

func newCheckinPages(self *app.SelfCheckIn, now func() time.Time) *checkinPages {
	return &checkinPages{self: self, pages: newLimiter(pageLimit, now), misses: newLimiter(missLimit, now),
		phones: newLimiter(walkInPerPhone, now), eventForms: newLimiter(walkInPerEvent, now)}
}

func (p *checkinPages) mount(mux *http.ServeMux) {
	mux.HandleFunc(app.GuestCheckInPath, func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, false) })
	mux.HandleFunc(app.WalkInPath, func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, true) })
}

var errTooMany = errs.Conflict("", "操作过于频繁，请稍等几分钟再试，或直接到签到台找工作人员", map[string]string{"reason": "rate"})

func (p *checkinPages) serve(w http.ResponseWriter, r *http.Request, walkIn bool) {
	h := w.Header()
	// The token is in the URL: keep it out of referrers, caches and frames.
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	prefix := app.GuestCheckInPath
	if walkIn {
		prefix = app.WalkInPath
	}
	token := strings.TrimPrefix(r.URL.Path, prefix)
	view := pageView{Token: token, WalkIn: walkIn}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		h.Set("Allow", "GET, POST")
		view.fail(errs.Invalid("", "只接受 GET 或 POST 请求"))
		render(w, http.StatusMethodNotAllowed, view)
		return
	}
	ip := clientHost(r)
	if p.misses.over(ip) || !p.pages.allow(ip) {
		view.fail(errTooMany)
		render(w, http.StatusTooManyRequests, view)
		return
	}
	var err error
	switch {
	case r.Method == http.MethodGet:
		view.Inv, err = p.self.View(token)
		if err == nil && view.Inv.WalkIn != walkIn {
			err = kindMismatch(walkIn)
		}
	case !walkIn:
		view.Inv, err = p.self.Confirm(token)
		view.Confirmed = err == nil
	default:
		err = p.walkIn(r, ip, token, &view)
	}
	if events.RefusalReason(err) == events.RefusedUnknown {
		p.misses.allow(ip)
	}
	if err != nil {
		switch events.RefusalReason(err) {
		case events.RefusedUsed:
			// Their own table again, with the refusal.
			view.Inv, _ = p.self.View(token)
		case events.RefusedKind:
			view.Inv = app.Invitation{Event: view.Inv.Event, Theme: view.Inv.Theme}
		}
		view.fail(err)
		status := statusOf(errs.CodeOf(err))
		if err == errTooMany {
			status = http.StatusTooManyRequests
		}
		render(w, status, view)
		return
	}
	render(w, http.StatusOK, view)
}

// walkIn reads and sends the walk-in form.
func (p *checkinPages) walkIn(r *http.Request, ip, token string, view *pageView) error {
	r.Body = http.MaxBytesReader(nil, r.Body, formLimit)
	if err := r.ParseForm(); err != nil {
		return errs.Invalid("", "表单内容过长或格式不对，请重新填写")
	}
	view.Name, view.Mobile = r.PostForm.Get("name"), r.PostForm.Get("mobile")
	inv, err := p.self.View(token)
	if err != nil {
		return err
	}
	view.Inv = inv
	if !inv.WalkIn {
		return kindMismatch(true)
	}
	if !p.phones.allow(ip) || !p.eventForms.allow(token) {
		return errTooMany
	}
	view.Receipt, err = p.self.RequestWalkIn(token, events.WalkInInput{Name: view.Name, Mobile: view.Mobile})
	return err
}

func kindMismatch(walkIn bool) error {
	if walkIn {
		return errs.Conflict("token", "这是个人邀请的签到码，请扫描邀请函上的二维码", map[string]string{"reason": events.RefusedKind})
	}
	return errs.Conflict("token", "这是现场登记二维码，请在登记页填写姓名和手机号", map[string]string{"reason": events.RefusedKind})
}

// pageView is what one page shows.
type pageView struct {
	Token     string
	WalkIn    bool
	Inv       app.Invitation
	Confirmed bool
	Receipt   app.WalkInReceipt
	Name      string
	Mobile    string
	// Error is the refusal; Field names the form field it is about; Reason is events' reason.
	Error  string
	Field  string
	Reason string
}

func (v *pageView) fail(err error) {
	var e *errs.Error
	if errors.As(err, &e) {
		v.Field = e.Field
	}
	v.Error = app.ErrorPayload(err).Message
	v.Reason = events.RefusalReason(err)
}
