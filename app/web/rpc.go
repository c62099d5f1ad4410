// Package web serves the app to a browser: the built frontend, one JSON route per bound method (found
// by reflection on the same service structs the window binds), a bridge script that gives the page the
// same window.go / window.runtime it has inside the window, and events over Server-Sent Events.
package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"

	"jiuke/app"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
)

// maxBody is the largest request accepted: the largest file the import takes (sheets.MaxFileMB, the
// figure the import page shows), as the base64 the browser sends, with room for the file name and
// the JSON around it. Any other call is far smaller.
var maxBody = int64(base64.StdEncoding.EncodedLen(sheets.MaxFileSize)) + 64<<10

func bodyTooLarge(w http.ResponseWriter) {
	writeJSON(w, http.StatusRequestEntityTooLarge, errs.Payload{Code: errs.CodeInvalid, Field: "file",
		Message: fmt.Sprintf("上传的文件超过 %d MB 的上限，请按年份或区域拆分成几个文件分批导入", sheets.MaxFileMB)})
}

// rawArg keeps one argument as the bytes of the request body it came from, without the copy
// json.RawMessage makes: an upload's argument is most of the body.
type rawArg []byte

func (a *rawArg) UnmarshalJSON(b []byte) error {
	*a = b // a slice of the body, which is read once and never changed
	return nil
}

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
	// A body over the limit is refused on its declared length before any of it is read, and on its
	// actual length as soon as it passes the limit.
	if r.ContentLength > maxBody {
		bodyTooLarge(w)
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			bodyTooLarge(w)
			return
		}
		writeError(w, errs.Invalid("", "请求读取失败"))
		return
	}
	var raw []rawArg
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
		args[i], raw[i] = p.Elem(), nil
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

// readBody reads the whole body into one buffer of its declared length when it has one, rather than
// a buffer that doubles as it fills.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if r.ContentLength <= 0 {
		return io.ReadAll(body)
	}
	buf := make([]byte, r.ContentLength)
	if _, err := io.ReadFull(body, buf); err != nil {
		return nil, err
	}
	return buf, nil
}
