package web

import (
	"encoding/json"
	"fmt"
	"strings"
)

// bridgeScript defines window.go.app.<Service>.<Method> and the part of window.runtime the app uses,
// shaped like the Wails window's, so the frontend runs unchanged in a browser.
func bridgeScript(methods []method) []byte {
	tree := map[string][]string{}
	for _, m := range methods {
		tree[m.service] = append(tree[m.service], m.name)
	}
	names, _ := json.Marshal(tree)
	var b strings.Builder
	fmt.Fprintf(&b, `(function () {
  if (window.go) return;
  var services = %s;
  function call(service, method, args) {
    return fetch('/api/app/' + service + '/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args)
    }).then(function (r) {
      return r.text().then(function (t) {
        var v = null;
        try { v = t ? JSON.parse(t) : null; } catch (e) { v = { code: 'internal', message: t }; }
        if (!r.ok) throw v;
        return v;
      });
    }, function () {
      throw { code: 'internal', message: '无法连接到酒客通服务，请确认程序仍在运行' };
    });
  }
  var app = {};
  Object.keys(services).forEach(function (s) {
    app[s] = {};
    services[s].forEach(function (m) {
      app[s][m] = function () { return call(s, m, Array.prototype.slice.call(arguments)); };
    });
  });
  window.go = { app: app };

  var listeners = {};
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource('/api/events');
    // The stream needs a signed-in seat and ends at sign-out: a refused or ended stream is opened
    // again a little later while the page still listens, so it resumes after the next sign-in.
    source.onerror = function () {
      if (!source || source.readyState !== 2) return;
      source = null;
      setTimeout(function () {
        if (Object.keys(listeners).some(function (n) { return listeners[n].length > 0; })) connect();
      }, 3000);
    };
    source.onmessage = function (e) {
      var ev = JSON.parse(e.data);
      (listeners[ev.name] || []).slice().forEach(function (l) {
        l.cb.apply(null, ev.data);
        if (l.max > 0 && --l.max === 0) off(ev.name, l);
      });
    };
  }
  function off(name, l) {
    listeners[name] = (listeners[name] || []).filter(function (x) { return x !== l; });
  }
  window.runtime = {
    EventsOnMultiple: function (name, cb, max) {
      connect();
      var l = { cb: cb, max: max };
      (listeners[name] = listeners[name] || []).push(l);
      return function () { off(name, l); };
    },
    EventsOn: function (name, cb) { return window.runtime.EventsOnMultiple(name, cb, -1); },
    EventsOff: function (name) { delete listeners[name]; },
    WindowSetTitle: function (title) { document.title = title; },
    BrowserOpenURL: function (url) { window.open(url, '_blank'); }
  };
})();
`, names)
	return []byte(b.String())
}
