package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/store/storetest"
)

func newServer(t *testing.T) (*httptest.Server, *web.Hub, []any) {
	t.Helper()
	db := storetest.Open(t)
	hub := web.NewHub()
	core, err := app.NewCore(context.Background(), db, hub)
	if err != nil {
		t.Fatal(err)
	}
	services := app.Services(core)
	assets := fstest.MapFS{"index.html": {Data: []byte("<html><head><title>酒客通</title></head><body></body></html>")}}
	h, err := web.NewHandler(services, hub, assets)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, hub, services
}

func call(t *testing.T, srv *httptest.Server, path string, args ...any) (int, map[string]any, []byte) {
	t.Helper()
	body, _ := json.Marshal(args)
	resp, err := http.Post(srv.URL+"/api/app/"+path, "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	json.NewDecoder(resp.Body).Decode(&raw)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m, raw
}

func TestEveryBoundMethodHasARouteAndABridgeEntry(t *testing.T) {
	srv, _, services := newServer(t)
	resp, err := http.Get(srv.URL + "/jiuke/bridge.js")
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&script)
	resp.Body.Close()
	n := 0
	for _, svc := range services {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			name := typ.Elem().Name() + "/" + typ.Method(i).Name
			n++
			// An empty argument list reaches the method's argument check, never a 404.
			status, body, _ := call(t, srv, name)
			if status == http.StatusNotFound && body["code"] != "not_found" {
				t.Errorf("%s has no route", name)
			}
			if !strings.Contains(script.String(), `"`+typ.Method(i).Name+`"`) {
				t.Errorf("%s missing from the bridge script", name)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d methods bound", n)
	}
}

func TestCallsAndErrorsOverHTTP(t *testing.T) {
	srv, _, _ := newServer(t)
	status, body, _ := call(t, srv, "Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000"})
	if status != 200 || body["mobile"] != "13800138000" || body["ownerName"] != "店主" {
		t.Fatalf("create: %d %v", status, body)
	}
	status, body, _ = call(t, srv, "Customers/Create", map[string]any{"name": "张叁", "mobile": "138-0013-8000"})
	if status != http.StatusConflict || body["code"] != "conflict" || body["field"] != "mobile" || !strings.Contains(body["message"].(string), "张三") {
		t.Fatalf("duplicate: %d %v", status, body)
	}
	status, body, _ = call(t, srv, "Customers/Create", map[string]any{"name": ""})
	if status != http.StatusUnprocessableEntity || body["field"] != "name" || body["message"] != "请填写姓名" {
		t.Fatalf("invalid: %d %v", status, body)
	}
	status, _, raw := call(t, srv, "Customers/Search", "zs", false)
	if status != 200 || !strings.Contains(string(raw), "张三") {
		t.Fatalf("search: %d %s", status, raw)
	}
	status, body, _ = call(t, srv, "Customers/Get", 999)
	if status != http.StatusNotFound || body["code"] != "not_found" {
		t.Fatalf("missing: %d %v", status, body)
	}
	status, body, _ = call(t, srv, "Customers/Get", "not a number")
	if status != http.StatusUnprocessableEntity || body["code"] != "invalid" {
		t.Fatalf("bad argument: %d %v", status, body)
	}
}

func TestRefusesForeignHostsAndNonJSONPosts(t *testing.T) {
	srv, _, _ := newServer(t)
	req, _ := http.NewRequest("POST", srv.URL+"/api/app/System/Info", strings.NewReader("[]"))
	req.Header.Set("Content-Type", "application/json")
	req.Host = "evil.example:8421"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("foreign Host header: %d", resp.StatusCode)
	}
	resp, err = http.Post(srv.URL+"/api/app/System/Info", "text/plain", strings.NewReader("[]"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("form-style post: %d", resp.StatusCode)
	}
}

func TestIndexLoadsBridgeBeforeTheApp(t *testing.T) {
	srv, _, _ := newServer(t)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	resp.Body.Close()
	if !strings.Contains(b.String(), `<script src="/jiuke/bridge.js"></script></head>`) {
		t.Fatalf("index: %s", b.String())
	}
}

func TestEventsReachTheBrowserOverSSE(t *testing.T) {
	srv, hub, _ := newServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("first line %q", line)
	}
	hub.Emit("import:progress", map[string]int{"done": 3200, "total": 100000})
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(line, "data: ") {
			if !strings.Contains(line, `"name":"import:progress"`) || !strings.Contains(line, `"done":3200`) {
				t.Fatalf("event %q", line)
			}
			return
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8421": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8421": false, "192.168.1.5:80": false, ":8421": false} {
		if web.IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%s) != %v", addr, want)
		}
	}
}
