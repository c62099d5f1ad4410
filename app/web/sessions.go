package web

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"sync"
	"time"
)

const (
	cookieName = "jiuke_session"
	// A browser seat unused this long is forgotten and must sign in again.
	sessionIdle = 12 * time.Hour
	// Failed sign-in and approval attempts per address per minute, against PIN guessing from the shop network.
	signInPerMinute = 10
)

// seat is one browser's own set of services, signed in separately from every other browser.
type seat struct {
	methods  map[string]method
	lastUsed time.Time
}

type seats struct {
	mu      sync.Mutex
	newSeat func() ([]method, error)
	byToken map[string]*seat
	tries   map[string][]time.Time
}

// get returns the request's seat, creating one (and its cookie) for a new browser.
func (s *seats) get(w http.ResponseWriter, r *http.Request) (*seat, error) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok, st := range s.byToken {
		if now.Sub(st.lastUsed) > sessionIdle {
			delete(s.byToken, tok)
		}
	}
	if c, err := r.Cookie(cookieName); err == nil {
		if st, ok := s.byToken[c.Value]; ok {
			st.lastUsed = now
			return st, nil
		}
	}
	ms, err := s.newSeat()
	if err != nil {
		return nil, err
	}
	st := &seat{methods: map[string]method{}, lastUsed: now}
	for _, m := range ms {
		st.methods[m.service+"/"+m.name] = m
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	tok := hex.EncodeToString(b)
	s.byToken[tok] = st
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		MaxAge: int(sessionIdle / time.Second)})
	return st, nil
}

// allowSignIn refuses an address with too many failed sign-ins in the last minute.
func (s *seats) allowSignIn(r *http.Request) bool {
	host := clientHost(r)
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	recent := s.tries[host][:0]
	for _, t := range s.tries[host] {
		if now.Sub(t) < time.Minute {
			recent = append(recent, t)
		}
	}
	s.tries[host] = recent
	return len(recent) < signInPerMinute
}

// failedSignIn counts a refused sign-in or approval against the client's address.
func (s *seats) failedSignIn(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	host := clientHost(r)
	s.tries[host] = append(s.tries[host], time.Now())
}

func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
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
