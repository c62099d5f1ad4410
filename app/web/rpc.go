// Package web serves the app to a browser: the built frontend, one JSON route per bound method (found
// by reflection on the same service structs the window binds), a bridge script that gives the page the
// same window.go / window.runtime it has inside the window, and events over Server-Sent Events.
package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"

	"jiuke/app"
	"jiuke/backend/errs"
)

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// method is one callable route: /api/app/{Service}/{Method}.
type method struct {
	service string
	name    string
	fn      reflect.Value
	in      []reflect.Type
	hasOut  bool
}

// collect finds every exported method of the services, in a stable order.
func collect(services []any) ([]method, error) {
	var out []method
	for _, svc := range services {
		v := reflect.ValueOf(svc)
		t := v.Type()
		svcName := t.Elem().Name()
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			ft := m.Type
			n := ft.NumOut()
			if n == 0 || n > 2 || ft.Out(n-1) != errorType {
				return nil, fmt.Errorf("%s.%s must return (T, error) or error", svcName, m.Name)
			}
			var in []reflect.Type
			for j := 1; j < ft.NumIn(); j++ {
				in = append(in, ft.In(j))
			}
			out = append(out, method{service: svcName, name: m.Name, fn: v.Method(i), in: in, hasOut: n == 2})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].service+"."+out[i].name < out[j].service+"."+out[j].name
	})
	return out, nil
}

func statusOf(code errs.Code) int {
	switch code {
	case errs.CodeInvalid:
		return http.StatusUnprocessableEntity
	case errs.CodeNotFound:
		return http.StatusNotFound
	case errs.CodeConflict:
		return http.StatusConflict
	case errs.CodeForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with the payload the window would get; app logs an internal error's cause there.
func writeError(w http.ResponseWriter, err error) {
	p := app.ErrorPayload(err)
	writeJSON(w, statusOf(p.Code), p)
}

// serve decodes the JSON array of arguments, calls the method and encodes its result.
func (m method) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, errs.Payload{Code: errs.CodeInvalid, Message: "只接受 POST 请求"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		writeError(w, errs.Invalid("", "请求读取失败"))
		return
	}
	var raw []json.RawMessage
	if len(body) > 0 {
		if err := json.Unmarshal(body, &raw); err != nil {
			writeError(w, errs.Invalid("", "请求格式应为参数数组"))
			return
		}
	}
	if len(raw) != len(m.in) {
		writeError(w, errs.Invalid("", fmt.Sprintf("请求的参数个数不对：需要 %d 个，收到 %d 个", len(m.in), len(raw))))
		return
	}
	args := make([]reflect.Value, len(m.in))
	for i, t := range m.in {
		p := reflect.New(t)
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			writeError(w, errs.Invalid("", fmt.Sprintf("第 %d 个参数格式不对", i+1)))
			return
		}
		args[i] = p.Elem()
	}
	res := m.fn.Call(args)
	if e := res[len(res)-1]; !e.IsNil() {
		writeError(w, e.Interface().(error))
		return
	}
	if !m.hasOut {
		writeJSON(w, http.StatusOK, nil)
		return
	}
	writeJSON(w, http.StatusOK, res[0].Interface())
}
