package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/errs"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
)

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Shop-network mode, tested on 127.0.0.1 only: off by default, on and off from the owner's settings,
// serving other host names but only behind sign-in.
func TestShopNetworkModeTurnsOnAndOffBehindSignIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	demoFlag := false
	f := dbFlags{path: &path, demo: &demoFlag}
	hub := web.NewHub()
	core, err := f.open(ctx, hub)
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked()
	defer core.DB.Close()
	if err := attachLAN(ctx, core, hub, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	defer core.LAN.Stop()
	if core.LAN.Running() {
		t.Fatal("shop-network mode is on by default")
	}
	auth, system, _ := services(core)
	if _, err := system.SetLAN(settings.LAN{Enabled: true, Port: freePort(t)}); err == nil {
		t.Fatal("shop-network mode turned on without signing in")
	}
	if _, err := auth.Setup(staff.SetupInput{ShopName: "蜀香酒行", OwnerName: "王老板", Password: "jiuke123"}); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	st, err := system.SetLAN(settings.LAN{Enabled: true, Port: port})
	if err != nil || !st.Running {
		t.Fatalf("turn on: %+v %v", st, err)
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	req, _ := http.NewRequest("POST", base+"/api/app/Customers/List", strings.NewReader("[{}]"))
	req.Header.Set("Content-Type", "application/json")
	req.Host = "192.168.1.20:" + strconv.Itoa(port) // what a tablet on the shop network would send
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a tablet reached the archive without signing in: %d", resp.StatusCode)
	}
	if _, err := system.SetLAN(settings.LAN{Enabled: false, Port: port}); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Fatal("still serving after shop-network mode was turned off")
	}
	if l, _ := settings.LoadLAN(ctx, core.DB.R); l.Enabled {
		t.Fatal("the setting did not stay off")
	}
}

// A busy port is refused in Chinese before anything changes: the setting stays as it was, the server
// keeps running on its old port, and the audit log does not say it was turned on.
func TestShopNetworkModeOnABusyPortChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	demoFlag := false
	f := dbFlags{path: &path, demo: &demoFlag}
	hub := web.NewHub()
	core, err := f.open(ctx, hub)
	if err != nil {
		t.Fatal(err)
	}
	<-core.Checked()
	defer core.DB.Close()
	if err := attachLAN(ctx, core, hub, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	defer core.LAN.Stop()
	auth, system, _ := services(core)
	if _, err := auth.Setup(staff.SetupInput{ShopName: "蜀香酒行", OwnerName: "王老板", Password: "jiuke123"}); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	logged := func() int {
		var n int
		if err := core.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_entries WHERE action = '开启局域网模式'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	refused := func(st app.LANStatus, err error) {
		t.Helper()
		var e *errs.Error
		if !errors.As(err, &e) || e.Code != errs.CodeConflict || e.Field != "port" || !strings.Contains(e.Message, strconv.Itoa(busyPort)) ||
			strings.Contains(e.Message, "bind") || strings.Contains(e.Message, "address") {
			t.Fatalf("busy port: %+v %v", st, err)
		}
	}

	// Off, then asked to turn on at a busy port: still off, not saved, not logged.
	refused(system.SetLAN(settings.LAN{Enabled: true, Port: busyPort}))
	if l, err := settings.LoadLAN(ctx, core.DB.R); err != nil || l.Enabled || core.LAN.Running() || logged() != 0 {
		t.Fatalf("after a refused start: saved %+v (%v), running %v, logged %d", l, err, core.LAN.Running(), logged())
	}

	// On at a free port, then asked to move to the busy one: still on the first port.
	port := freePort(t)
	if _, err := system.SetLAN(settings.LAN{Enabled: true, Port: port}); err != nil {
		t.Fatal(err)
	}
	refused(system.SetLAN(settings.LAN{Enabled: true, Port: busyPort}))
	if l, _ := settings.LoadLAN(ctx, core.DB.R); !l.Enabled || l.Port != port || logged() != 1 {
		t.Fatalf("after a refused move: saved %+v, logged %d", l, logged())
	}
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/")
	if err != nil {
		t.Fatalf("the running server was stopped by a refused move: %v", err)
	}
	resp.Body.Close()

	// Moving to another free port works and lets go of the old one.
	other := freePort(t)
	if st, err := system.SetLAN(settings.LAN{Enabled: true, Port: other}); err != nil || !st.Running {
		t.Fatalf("move: %+v %v", st, err)
	}
	if _, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/"); err == nil {
		t.Fatal("still serving on the old port")
	}
}
