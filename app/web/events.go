package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"jiuke/app"
)

// Hub carries events to signed-in browser pages over Server-Sent Events, the browser's counterpart
// of Wails events. A seat's own events (the progress of its import or export, with job ids that
// could cancel it) reach only that seat's pages; the few meant for every desk (app.SharedEvent:
// the live count at an event's sign-in desks) reach every signed-in page and the window.
type Hub struct {
	mu     sync.Mutex
	subs   map[chan []byte]*seat
	window app.Emitter
}

func NewHub() *Hub { return &Hub{subs: map[chan []byte]*seat{}} }

type wireEvent struct {
	Name string `json:"name"`
	Data []any  `json:"data"`
}

// Window registers the desktop window's emitter and returns the one for the window's own seat:
// its own events stay in the window, shared ones also reach the browsers.
func (h *Hub) Window(e app.Emitter) app.Emitter {
	h.mu.Lock()
	h.window = e
	h.mu.Unlock()
	return windowEvents{hub: h, window: e}
}

// Emit sends an event to every desk: all signed-in pages and the window. It is for shared events
// and for work that belongs to no seat.
func (h *Hub) Emit(name string, data any) {
	h.send(nil, name, data)
	h.mu.Lock()
	w := h.window
	h.mu.Unlock()
	if w != nil {
		w.Emit(name, data)
	}
}

// send delivers to the pages of one seat, or of every seat when to is nil; a page that cannot keep
// up misses the event rather than blocking work.
func (h *Hub) send(to *seat, name string, data any) {
	msg, err := json.Marshal(wireEvent{Name: name, Data: []any{data}})
	if err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch, st := range h.subs {
		if to != nil && st != to {
			continue
		}
		select {
		case ch <- msg:
		default:
		}
	}
}

func (h *Hub) subscribe(st *seat) chan []byte {
	ch := make(chan []byte, 64)
	h.mu.Lock()
	h.subs[ch] = st
	h.mu.Unlock()
	return ch
}

func (h *Hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
}

// stream sends the seat's events to one page until the page goes away or the seat is forgotten
// (signed out, idle, or pushed out by newer sign-ins).
func (h *Hub) stream(w http.ResponseWriter, r *http.Request, st *seat) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "此连接不支持实时消息", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	ch := h.subscribe(st)
	defer h.unsubscribe(ch)
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-st.gone:
			return
		case msg := <-ch:
			fmt.Fprintf(w, "data: %s\n\n", msg)
			flusher.Flush()
		}
	}
}

// seatEvents is a browser seat's emitter.
type seatEvents struct {
	hub  *Hub
	seat *seat
}

func (e seatEvents) Emit(name string, data any) {
	if app.SharedEvent(name) {
		e.hub.Emit(name, data)
		return
	}
	e.hub.send(e.seat, name, data)
}

// windowEvents is the desktop window's emitter (the window is a seat of its own).
type windowEvents struct {
	hub    *Hub
	window app.Emitter
}

func (e windowEvents) Emit(name string, data any) {
	if app.SharedEvent(name) {
		e.hub.Emit(name, data)
		return
	}
	e.window.Emit(name, data)
}

// nobody drops events: the anonymous seat has no pages to tell.
type nobody struct{}

func (nobody) Emit(string, any) {}
