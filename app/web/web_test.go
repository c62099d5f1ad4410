package web_test

import (
	"bufio"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"jiuke/app"
	"jiuke/app/web"
)

func TestEveryBoundMethodHasARouteAndABridgeEntry(t *testing.T) {
	s := newShop(t)
	resp, err := http.Get(s.srv.URL + "/jiuke/bridge.js")
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&script)
	resp.Body.Close()
	b := s.owner()
	n := 0
	for _, svc := range app.Services(nil) {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			name := typ.Elem().Name() + "/" + typ.Method(i).Name
			n++
			resp, err := b.c.Post(s.srv.URL+"/api/app/"+name, "application/json", strings.NewReader("not json"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotFound {
				t.Errorf("%s has no route", name)
			}
			if !strings.Contains(script.String(), `"`+typ.Method(i).Name+`"`) {
				t.Errorf("%s missing from the bridge script", name)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d methods bound", n)
	}
}

func TestCallsAndErrorsOverHTTP(t *testing.T) {
	b := newShop(t).owner()
	body := b.must("Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000"})
	if body["mobile"] != "13800138000" || body["ownerName"] != "王老板" {
		t.Fatalf("create: %v", body)
	}
	status, body, _ := b.call("Customers/Create", map[string]any{"name": "张叁", "mobile": "138-0013-8000"})
	if status != http.StatusConflict || body["code"] != "conflict" || body["field"] != "mobile" || !strings.Contains(body["message"].(string), "张三") {
		t.Fatalf("duplicate: %d %v", status, body)
	}
	status, body, _ = b.call("Customers/Create", map[string]any{"name": ""})
	if status != http.StatusUnprocessableEntity || body["field"] != "name" || body["message"] != "请填写姓名" {
		t.Fatalf("invalid: %d %v", status, body)
	}
	status, _, raw := b.call("Customers/Search", "zs", false)
	if status != 200 || !strings.Contains(string(raw), "张三") {
		t.Fatalf("search: %d %s", status, raw)
	}
	status, body, _ = b.call("Customers/Get", 999)
	if status != http.StatusNotFound || body["code"] != "not_found" {
		t.Fatalf("missing: %d %v", status, body)
	}
	status, body, _ = b.call("Customers/Get", "not a number")
	if status != http.StatusUnprocessableEntity || body["code"] != "invalid" {
		t.Fatalf("bad argument: %d %v", status, body)
	}
}

func TestRefusesForeignHostsAndCrossSiteRequests(t *testing.T) {
	s := newShop(t)
	post := func(host, origin, ctype string) int {
		req, _ := http.NewRequest("POST", s.srv.URL+"/api/app/System/Info", strings.NewReader("[]"))
		req.Header.Set("Content-Type", ctype)
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("evil.example:8421", "", "application/json"); got != http.StatusForbidden {
		t.Errorf("foreign Host header: %d", got)
	}
	if got := post("", "", "text/plain"); got != http.StatusForbidden {
		t.Errorf("form-style post: %d", got)
	}
	if got := post("", "http://evil.example", "application/json"); got != http.StatusForbidden {
		t.Errorf("cross-site Origin: %d", got)
	}
	if got := post("", s.srv.URL, "application/json"); got != http.StatusOK {
		t.Errorf("same-origin call: %d", got)
	}
}

func TestIndexLoadsBridgeBeforeTheApp(t *testing.T) {
	s := newShop(t)
	resp, err := http.Get(s.srv.URL + "/")
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

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8421": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8421": false, "192.168.1.5:80": false, ":8421": false} {
		if web.IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%s) != %v", addr, want)
		}
	}
}
