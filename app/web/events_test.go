package web_test

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// stream opens /api/events for a browser and returns the status and a reader of its event lines.
func (b *browser) stream(ctx context.Context) (int, chan string) {
	b.s.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", b.s.srv.URL+"/api/events", nil)
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	lines := make(chan string, 256)
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		close(lines)
		return resp.StatusCode, lines
	}
	r := bufio.NewReader(resp.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		b.s.t.Fatalf("first line %q", line)
	}
	go func() {
		defer resp.Body.Close()
		defer close(lines)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if strings.HasPrefix(line, "data: ") {
				lines <- line
			}
		}
	}()
	return resp.StatusCode, lines
}

// waitFor reads events until one contains want, failing after a few seconds.
func waitFor(t *testing.T, lines chan string, want string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("stream ended before %s", want)
			}
			if strings.Contains(line, want) {
				return
			}
		case <-deadline:
			t.Fatalf("no event with %s", want)
		}
	}
}

// The event stream needs a signed-in browser; a seat's own progress events (which carry job ids
// that could cancel its work) reach only that seat, and events for every desk reach every seat.
func TestEventsNeedSignInAndStayWithTheirSeat(t *testing.T) {
	s := newShop(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if status, _ := s.browser().stream(ctx); status != http.StatusForbidden {
		t.Fatalf("anonymous event stream: %d", status)
	}
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	_, ownerEvents := owner.stream(ctx)
	_, clerkEvents := clerk.stream(ctx)

	owner.must("Tags/Recompute")
	waitFor(t, ownerEvents, `"name":"tags:progress"`)
	// For every desk: what the hub broadcasts (check-in counts) reaches both; the clerk's first
	// event is that one, so the owner's tag progress never reached the clerk.
	s.hub.Emit("event:checkin", map[string]int{"eventId": 7})
	select {
	case line := <-clerkEvents:
		if !strings.Contains(line, `"name":"event:checkin"`) {
			t.Fatalf("the clerk received another seat's event: %s", line)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the clerk missed the event meant for every desk")
	}
	waitFor(t, ownerEvents, `"name":"event:checkin"`)

	// Signing out ends the stream.
	clerk.must("Auth/SignOut")
	select {
	case _, ok := <-clerkEvents:
		for ok {
			_, ok = <-clerkEvents
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream outlived the sign-out")
	}
}
