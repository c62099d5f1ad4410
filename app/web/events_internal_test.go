package web

import (
	"strings"
	"testing"

	"jiuke/app"
)

type recorder struct{ names []string }

func (r *recorder) Emit(name string, _ any) { r.names = append(r.names, name) }

// A seat's emitter keeps its own events to its pages and sends shared ones (check-in counts) to every
// seat and the window; the window's emitter keeps its own events in the window.
func TestSeatEventsRouteOwnAndSharedEvents(t *testing.T) {
	h := NewHub()
	win := &recorder{}
	windowEmit := h.Window(win)
	a, b := &seat{gone: make(chan struct{})}, &seat{gone: make(chan struct{})}
	subA, subB := h.subscribe(a), h.subscribe(b)
	drain := func(ch chan []byte) string {
		var out []string
		for {
			select {
			case m := <-ch:
				out = append(out, string(m))
			default:
				return strings.Join(out, "\n")
			}
		}
	}
	seatEvents{hub: h, seat: a}.Emit("import:progress", map[string]string{"jobId": "j1"})
	if got := drain(subA); !strings.Contains(got, "j1") {
		t.Fatalf("seat a missed its own event: %q", got)
	}
	if got := drain(subB); got != "" || len(win.names) != 0 {
		t.Fatalf("another seat or the window got seat a's import progress: %q %v", got, win.names)
	}
	seatEvents{hub: h, seat: a}.Emit(app.CheckInEvent, map[string]int{"guestId": 3})
	if !strings.Contains(drain(subA), app.CheckInEvent) || !strings.Contains(drain(subB), app.CheckInEvent) || len(win.names) != 1 {
		t.Fatalf("a check-in did not reach every desk: window %v", win.names)
	}
	windowEmit.Emit("import:progress", map[string]string{"jobId": "w1"})
	if got := drain(subA) + drain(subB); got != "" || len(win.names) != 2 {
		t.Fatalf("the window's import progress reached browsers: %q %v", got, win.names)
	}
	windowEmit.Emit(app.CheckInEvent, nil)
	if !strings.Contains(drain(subB), app.CheckInEvent) || len(win.names) != 3 {
		t.Fatalf("the window's check-in did not reach the browsers: %v", win.names)
	}
}
