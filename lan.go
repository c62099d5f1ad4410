package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/settings"
	"jiuke/frontend"
)

// lanServer serves the app to the shop network (局域网模式) when the owner turns it on. The handler
// accepts any host name and relies on sign-in; host is "" (all interfaces) except in tests.
type lanServer struct {
	mu      sync.Mutex
	host    string
	handler http.Handler
	srv     *http.Server
	port    int
}

// Start listens on port before letting go of the port it served on, so a busy port leaves the
// running server as it was.
func (l *lanServer) Start(port int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	addr := net.JoinHostPort(l.host, strconv.Itoa(port))
	if l.srv != nil && l.port == port {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if l.srv != nil {
		l.shutdown()
	}
	l.srv = &http.Server{Handler: l.handler, ReadHeaderTimeout: 10 * time.Second}
	l.port = port
	go l.srv.Serve(ln)
	return nil
}

func (l *lanServer) Stop() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv == nil {
		return nil
	}
	return l.shutdown()
}

// shutdown stops the running server; the caller holds l.mu.
func (l *lanServer) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := l.srv.Shutdown(ctx)
	if err != nil {
		// Open event streams never finish on their own.
		err = l.srv.Close()
	}
	l.srv, l.port = nil, 0
	return err
}

func (l *lanServer) Running() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.srv != nil
}

// attachLAN gives core its shop-network server and starts it when the owner left it on.
func attachLAN(ctx context.Context, core *app.Core, hub *web.Hub, host string) error {
	handler, err := web.NewHandler(func() *app.Core { return core.ForSession() }, hub, frontend.Assets(), web.Options{LAN: true})
	if err != nil {
		return err
	}
	lan := &lanServer{host: host, handler: handler}
	core.LAN = lan
	l, err := settings.LoadLAN(ctx, core.DB.R)
	if err != nil || !l.Enabled {
		return err
	}
	if err := lan.Start(l.Port); err != nil {
		fmt.Fprintf(os.Stderr, "警告：局域网模式无法在端口 %d 上启动（可能已被其他程序占用），请在设置中换一个端口\n", l.Port)
		return nil
	}
	fmt.Printf("局域网模式已开启：店内其他电脑或平板可访问本机 %d 端口\n", l.Port)
	return nil
}
