package web

import (
	"bytes"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strings"
)

// NewHandler serves the frontend in assets and the services' methods.
func NewHandler(services []any, hub *Hub, assets fs.FS) (http.Handler, error) {
	methods, err := collect(services)
	if err != nil {
		return nil, err
	}
	logf := log.Printf
	mux := http.NewServeMux()
	for _, m := range methods {
		mux.HandleFunc("/api/app/"+m.service+"/"+m.name, func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				// A cross-site form cannot send JSON without a preflight we never grant.
				http.Error(w, "Content-Type must be application/json", http.StatusUnsupportedMediaType)
				return
			}
			m.serve(w, r, logf)
		})
	}
	bridge := bridgeScript(methods)
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
	return loopbackOnly(mux), nil
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
