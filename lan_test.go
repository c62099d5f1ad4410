package main

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jiuke/app/web"
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
