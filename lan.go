package main

import (
	"context"
	"errors"
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
	addr    string
}

func (l *lanServer) Start(port int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv != nil {
		return errors.New("已在运行")
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(l.host, strconv.Itoa(port)))
	if err != nil {
		return err
	}
	l.srv = &http.Server{Handler: l.handler, ReadHeaderTimeout: 10 * time.Second}
	l.addr = ln.Addr().String()
	go l.srv.Serve(ln)
	return nil
}

func (l *lanServer) Stop() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := l.srv.Shutdown(ctx)
	l.srv = nil
	return err
}

func (l *lanServer) Running() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.srv != nil
}

// attachLAN gives core its shop-network server and starts it when the owner left it on.
func attachLAN(ctx context.Context, core *app.Core, hub *web.Hub, host string) error {
	handler, err := web.NewHandler(func() []any { return app.Services(core.ForSession()) }, hub, frontend.Assets(), web.Options{LAN: true})
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
		fmt.Fprintf(os.Stderr, "警告：局域网模式无法在端口 %d 上启动：%v\n", l.Port, err)
		return nil
	}
	fmt.Printf("局域网模式已开启：店内其他电脑或平板可访问本机 %d 端口\n", l.Port)
	return nil
}

// fanout sends events to the window and to browsers on the shop network alike.
type fanout []app.Emitter

func (f fanout) Emit(name string, data any) {
	for _, e := range f {
		e.Emit(name, data)
	}
}
