package web

import (
	"bytes"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"jiuke/app"
	"jiuke/backend/errs"
)

// Options change how the handler guards itself.
type Options struct {
	// LAN accepts requests addressed to this machine's network names (shop-network mode); otherwise
	// only loopback host names are served.
	LAN bool
	// MaxSessions caps the browsers signed in at once (default 64); Idle forgets a signed-in browser
	// unused this long (default 12 h); Now is the clock (tests move it).
	MaxSessions int
	Idle        time.Duration
	Now         func() time.Time
}

// Handler serves the frontend and the services' methods to browsers.
type Handler struct {
	http.Handler
	seats *seats
}

// Sessions is how many browsers are signed in now.
func (h *Handler) Sessions() int { return h.seats.count() }

// NewHandler serves the frontend in assets and the services' methods. newSeat gives the Core of one
// browser: each browser signs in on its own, kept apart by an HttpOnly SameSite cookie that exists
// only once it signed in.
func NewHandler(newSeat func() *app.Core, hub *Hub, assets fs.FS, opts Options) (*Handler, error) {
	ss, err := newSeats(newSeat, hub, opts)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/app/", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || !sameOrigin(r) {
			// A cross-site page can neither send JSON without a preflight we never grant nor fake Origin.
			refuse(w, "拒绝跨站请求：请在酒客通页面内操作")
			return
		}
		ss.serveCall(w, r, strings.TrimPrefix(r.URL.Path, "/api/app/"))
	})
	bridge := bridgeScript(ss.template)
	mux.HandleFunc("/jiuke/bridge.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(bridge)
	})
	mux.HandleFunc("/api/events", func(w http.ResponseWriter, r *http.Request) {
		st := ss.lookup(r)
		if st == nil {
			writeJSON(w, http.StatusForbidden, errs.Payload{Code: errs.CodeForbidden, Message: "请先登录"})
			return
		}
		hub.stream(w, r, st)
	})
	// Guests' phones: the check-in pages, on a Core nobody signs in to; what they do reaches every desk.
	public := newSeat()
	public.Events = nobody{}
	if hub != nil {
		public.Events = hub
	}
	self := app.NewSelfCheckIn(public)
	if opts.Now != nil {
		self.Now = opts.Now
	}
	newCheckinPages(self, ss.now).mount(mux)
	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		return nil, fmt.Errorf("前端未构建（缺少 index.html），请先运行 make build: %w", err)
	}
	page := injectBridge(index)
	files := http.FileServerFS(assets)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(page)
			return
		}
		if _, err := fs.Stat(assets, strings.TrimPrefix(path.Clean(r.URL.Path), "/")); err != nil {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintln(w, "页面不存在")
			return
		}
		files.ServeHTTP(w, r)
	})
	h := &Handler{Handler: mux, seats: ss}
	if !opts.LAN {
		h.Handler = loopbackOnly(mux)
	}
	return h, nil
}

// serveCall runs one method for the request's seat. Without a signed-in seat the call goes to the
// shared anonymous seat, which keeps nothing; sign-in and first-start setup run on a fresh seat that
// is kept only if it signed in. Signing in again rotates the cookie; signing out forgets the seat.
func (s *seats) serveCall(w http.ResponseWriter, r *http.Request, key string) {
	st := s.lookup(r)
	anonymous := st == nil
	if anonymous {
		st = s.anon
	}
	m, ok := st.methods[key]
	if !ok {
		writeJSON(w, http.StatusNotFound, errs.Payload{Code: errs.CodeNotFound, Message: "没有这项功能，请刷新页面后再试"})
		return
	}
	limited := key == "Auth/SignIn" || key == "Auth/Approve"
	if limited && !s.allowSignIn(r) {
		writeJSON(w, http.StatusTooManyRequests, errs.Payload{Code: errs.CodeForbidden, Message: "尝试次数过多，请一分钟后再试"})
		return
	}
	signs := key == "Auth/SignIn" || key == "Auth/Setup" || key == "Auth/SignOut"
	if !limited && !signs {
		m.serve(w, r)
		if !anonymous && !st.core.SignedIn() {
			s.drop(nil, st)
		}
		return
	}
	if anonymous && (key == "Auth/SignIn" || key == "Auth/Setup") {
		fresh, err := s.build()
		if err != nil {
			writeError(w, err)
			return
		}
		st, m = fresh, fresh.methods[key]
	}
	// Held back so the cookie can be set once the outcome is known.
	buf := &heldResponse{header: http.Header{}, status: http.StatusOK}
	m.serve(buf, r)
	if buf.status != http.StatusOK && limited {
		s.failedSignIn(r)
	}
	switch {
	case st == s.anon:
	case !st.core.SignedIn():
		if !anonymous {
			s.drop(w, st)
		}
	case buf.status == http.StatusOK && key != "Auth/Approve" && key != "Auth/SignOut":
		if err := s.admit(w, st); err != nil {
			writeError(w, err)
			return
		}
	}
	buf.sendTo(w)
}

// heldResponse keeps a small reply (sign-in, setup, sign-out) until the session cookie is decided.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header         { return h.header }
func (h *heldResponse) Write(b []byte) (int, error) { return h.body.Write(b) }
func (h *heldResponse) WriteHeader(code int)        { h.status = code }

func (h *heldResponse) sendTo(w http.ResponseWriter) {
	for k, v := range h.header {
		w.Header()[k] = v
	}
	w.WriteHeader(h.status)
	w.Write(h.body.Bytes())
}

func refuse(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusForbidden, errs.Payload{Code: errs.CodeForbidden, Message: msg})
}

// sameOrigin refuses a request whose Origin names another site than the one it was sent to.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// injectBridge loads the bridge before the app's module script, so window.go exists when the app starts.
func injectBridge(index []byte) []byte {
	tag := []byte(`<script src="/jiuke/bridge.js"></script>`)
	if i := bytes.Index(index, []byte("</head>")); i >= 0 {
		return append(append(append([]byte{}, index[:i]...), tag...), index[i:]...)
	}
	return append(tag, index...)
}

// loopbackOnly refuses requests addressed to any other host name, so a web page elsewhere cannot
// reach the archive through DNS rebinding while the server listens on 127.0.0.1.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if host != "localhost" {
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				refuse(w, "拒绝访问：未开启局域网模式时只能在本机使用")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// IsLoopback reports whether addr (host:port) only listens on this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
