package web

import (
	"bytes"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"jiuke/backend/errs"
)

// Options change how the handler guards itself.
type Options struct {
	// LAN accepts requests addressed to this machine's network names (shop-network mode); otherwise
	// only loopback host names are served.
	LAN bool
}

// NewHandler serves the frontend in assets and the services' methods. newSeat builds the services
// for one browser: each browser signs in on its own, kept apart by an HttpOnly SameSite cookie.
func NewHandler(newSeat func() []any, hub *Hub, assets fs.FS, opts Options) (http.Handler, error) {
	template, err := collect(newSeat())
	if err != nil {
		return nil, err
	}
	ss := &seats{newSeat: func() ([]method, error) { return collect(newSeat()) }, byToken: map[string]*seat{}, tries: map[string][]time.Time{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/app/", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || !sameOrigin(r) {
			// A cross-site page can neither send JSON without a preflight we never grant nor fake Origin.
			http.Error(w, "cross-site request refused", http.StatusForbidden)
			return
		}
		key := strings.TrimPrefix(r.URL.Path, "/api/app/")
		st, err := ss.get(w, r)
		if err != nil {
			writeError(w, err)
			return
		}
		m, ok := st.methods[key]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if key == "Auth/SignIn" || key == "Auth/Approve" {
			if !ss.allowSignIn(r) {
				writeJSON(w, http.StatusTooManyRequests, errs.Payload{Code: errs.CodeForbidden, Message: "尝试次数过多，请一分钟后再试"})
				return
			}
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			m.serve(rec, r)
			if rec.status != http.StatusOK {
				ss.failedSignIn(r)
			}
			return
		}
		m.serve(w, r)
	})
	bridge := bridgeScript(template)
	mux.HandleFunc("/jiuke/bridge.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(bridge)
	})
	mux.Handle("/api/events", hub)
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
		files.ServeHTTP(w, r)
	})
	if opts.LAN {
		return mux, nil
	}
	return loopbackOnly(mux), nil
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
				http.Error(w, "forbidden host", http.StatusForbidden)
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
