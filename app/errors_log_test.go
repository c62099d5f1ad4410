package app

import (
	"bytes"
	"log"
	"strings"
	"sync"
	"testing"

	"jiuke/backend/errs"
)

// logCapture holds what the standard logger wrote during a test.
type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *logCapture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

func (c *logCapture) lines(substr string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, l := range strings.Split(c.buf.String(), "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return out
}

func captureLog(t *testing.T) *logCapture {
	c := &logCapture{}
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(c)
	t.Cleanup(func() { log.SetOutput(prev); log.SetFlags(flags) })
	return c
}

// The window's error formatter logs an internal error once with its cause and hands the UI only the
// calm message; errors the clerk can act on are not logged.
func TestWindowPathLogsInternalErrorsOnceWithTheirCause(t *testing.T) {
	core := signedInCore(t, nil)
	logged := captureLog(t)
	s := &Customers{core}
	_, err := s.Get(987654)
	if p := FormatError(err).(errs.Payload); p.Code != errs.CodeNotFound {
		t.Fatalf("missing customer: %+v (%v)", p, err)
	}
	if got := logged.lines("internal error"); len(got) != 0 {
		t.Fatalf("a not-found was logged as internal: %q", got)
	}

	core.DB.Close() // every later call fails inside the storage layer
	_, err = s.Get(1)
	if err == nil {
		t.Fatal("a read from a closed database succeeded")
	}
	p := FormatError(err).(errs.Payload)
	if p.Code != errs.CodeInternal || strings.Contains(p.Message, "closed") {
		t.Fatalf("payload %+v: want the calm internal message without the cause", p)
	}
	got := logged.lines("internal error")
	if len(got) != 1 || !strings.Contains(got[0], "database is closed") {
		t.Fatalf("want the cause logged exactly once, got %q", got)
	}
}
