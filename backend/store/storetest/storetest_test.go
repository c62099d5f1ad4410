package storetest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// fatalRecorder is a testing.TB whose Fatalf records the message and stops the goroutine, as the real one does.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// A test's own check whose query is wrong fails that test instead of reading as zero.
func TestQueryRowFailsTheTestOnAQueryError(t *testing.T) {
	db := Open(t)
	var n int
	QueryRow(t, db.R, `SELECT COUNT(*) FROM settings`).Scan(&n)

	for _, query := range []string{`SELECT COUNT(*) FROM no_such_table`, `SELECT key FROM settings WHERE 0`} {
		rec := &fatalRecorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			QueryRow(rec, db.R, query).Scan(&n)
		}()
		<-done
		if !strings.Contains(rec.msg, query) {
			t.Errorf("%s: want the test failed naming the query, got %q", query, rec.msg)
		}
	}
}
