package web

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"sync"
	"time"

	"jiuke/app"
)

const (
	cookieName = "jiuke_session"
	// A signed-in browser unused this long is forgotten and must sign in again.
	defaultIdle = 12 * time.Hour
	// At most this many browsers stay signed in at once; signing in one more forgets the one unused longest.
	defaultMaxSeats = 64
	// Failed sign-in and approval attempts per address per minute, against PIN guessing from the shop network.
	signInPerMinute = 10
	// Addresses remembered for the limit above before the stale ones are swept.
	maxTriesHosts = 1024
)

// seat is one signed-in browser's own set of services. Seats exist only after a successful sign-in
// or first-start setup: a request without a valid cookie is answered by the shared anonymous seat and
// leaves nothing behind.
type seat struct {
	core     *app.Core
	methods  map[string]method
	token    string
	lastUsed time.Time
	elem     *list.Element // place in seats.lru
	gone     chan struct{} // closed when the seat is forgotten, ending its event streams
}

type seats struct {
	mu       sync.Mutex
	newCore  func() *app.Core
	hub      *Hub
	idle     time.Duration
	max      int
	now      func() time.Time
	anon     *seat
	byToken  map[string]*seat
	lru      *list.List // front: used most recently
	tries    map[string][]time.Time
	template []method
}

func newSeats(newCore func() *app.Core, hub *Hub, opts Options) (*seats, error) {
	s := &seats{newCore: newCore, hub: hub, idle: opts.Idle, max: opts.MaxSessions, now: opts.Now,
		byToken: map[string]*seat{}, lru: list.New(), tries: map[string][]time.Time{}}
	if s.idle <= 0 {
		s.idle = defaultIdle
	}
	if s.max <= 0 {
		s.max = defaultMaxSeats
	}
	if s.now == nil {
		s.now = time.Now
	}
	anon, err := s.build()
	if err != nil {
		return nil, err
	}
	anon.core.Events = nobody{} // an anonymous page has no events to receive
	s.anon = anon
	return s, nil
}

// build makes the services of one seat, not yet signed in nor registered.
func (s *seats) build() (*seat, error) {
	c := s.newCore()
	ms, err := collect(app.Services(c))
	if err != nil {
		return nil, err
	}
	st := &seat{core: c, methods: make(map[string]method, len(ms)), gone: make(chan struct{})}
	for _, m := range ms {
		st.methods[m.service+"/"+m.name] = m
	}
	c.Events = seatEvents{hub: s.hub, seat: st}
	if s.template == nil {
		s.template = ms
	}
	return st, nil
}

// lookup returns the request's signed-in seat, or nil. Seats idle too long are forgotten first,
// oldest at the back of the list, so the sweep stops at the first seat still in use.
func (s *seats) lookup(r *http.Request) *seat {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for e := s.lru.Back(); e != nil; e = s.lru.Back() {
		st := e.Value.(*seat)
		if now.Sub(st.lastUsed) <= s.idle {
			break
		}
		s.forget(st)
	}
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil
	}
	st := s.byToken[c.Value]
	if st == nil {
		return nil
	}
	st.lastUsed = now
	s.lru.MoveToFront(st.elem)
	return st
}

// admit keeps st as a signed-in seat under a new token and sets the browser's cookie; a seat that
// already had a token loses it (sign-in rotates the token, so one seen before sign-in is worthless).
func (s *seats) admit(w http.ResponseWriter, st *seat) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	tok := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if st.token != "" {
		delete(s.byToken, st.token)
	}
	st.token, st.lastUsed = tok, s.now()
	s.byToken[tok] = st
	if st.elem == nil {
		st.elem = s.lru.PushFront(st)
	} else {
		s.lru.MoveToFront(st.elem)
	}
	for s.lru.Len() > s.max {
		s.forget(s.lru.Back().Value.(*seat))
	}
	// A browser-session cookie: the server forgets an idle seat itself, so a device in use all day is
	// not signed out at a fixed hour, and closing the browser ends the session.
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return nil
}

// drop forgets a seat that signed out and clears the browser's cookie when w can still take it.
func (s *seats) drop(w http.ResponseWriter, st *seat) {
	s.mu.Lock()
	if s.byToken[st.token] == st {
		s.forget(st)
	}
	s.mu.Unlock()
	if w == nil {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

// forget removes a seat; the caller holds s.mu.
func (s *seats) forget(st *seat) {
	delete(s.byToken, st.token)
	if st.elem != nil {
		s.lru.Remove(st.elem)
		st.elem = nil
	}
	close(st.gone)
}

// count is how many browsers are signed in.
func (s *seats) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byToken)
}

// allowSignIn refuses an address with too many failed sign-ins in the last minute.
func (s *seats) allowSignIn(r *http.Request) bool {
	host := clientHost(r)
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	recent := recentTries(s.tries[host], now)
	if len(recent) == 0 {
		delete(s.tries, host)
	} else {
		s.tries[host] = recent
	}
	return len(recent) < signInPerMinute
}

// failedSignIn counts a refused sign-in or approval against the client's address.
func (s *seats) failedSignIn(r *http.Request) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tries) >= maxTriesHosts {
		for h, ts := range s.tries {
			if len(recentTries(ts, now)) == 0 {
				delete(s.tries, h)
			}
		}
	}
	host := clientHost(r)
	s.tries[host] = append(s.tries[host], now)
}

func recentTries(ts []time.Time, now time.Time) []time.Time {
	out := ts[:0]
	for _, t := range ts {
		if now.Sub(t) < time.Minute {
			out = append(out, t)
		}
	}
	return out
}

// clientHost is who the per-client limits count: the address, or for IPv6 its /64, since one device
// may take any address it likes inside its network.
func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return host
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
