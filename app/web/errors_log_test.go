package web_test

import (
	"bytes"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
)

type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *logCapture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

func (c *logCapture) count(substr string) (n int, lines []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range strings.Split(c.buf.String(), "\n") {
		if strings.Contains(l, substr) {
			lines = append(lines, l)
		}
	}
	return len(lines), lines
}

// Over HTTP an internal error is logged once with its cause (by app, the place both transports pass),
// and the browser gets the calm message without it; a refusal the clerk can act on is not logged.
func TestHTTPPathLogsInternalErrorsOnceWithTheirCause(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	c := &logCapture{}
	prev := log.Writer()
	log.SetOutput(c)
	t.Cleanup(func() { log.SetOutput(prev) })

	if status, body, raw := owner.call("Customers/Get", 987654); status != http.StatusNotFound || body["code"] != "not_found" {
		t.Fatalf("missing customer: %d %s", status, raw)
	}
	if n, lines := c.count("internal error"); n != 0 {
		t.Fatalf("a not-found was logged as internal: %q", lines)
	}

	s.db.Close()
	status, body, raw := owner.call("Customers/Get", 1)
	if status != http.StatusInternalServerError || body["code"] != "internal" || strings.Contains(string(raw), "closed") {
		t.Fatalf("closed database over HTTP: %d %s", status, raw)
	}
	if n, lines := c.count("internal error"); n != 1 || !strings.Contains(lines[0], "database is closed") {
		t.Fatalf("want the cause logged exactly once, got %q", lines)
	}
}
