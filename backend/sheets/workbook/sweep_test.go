package workbook

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A spool a killed export left behind is removed at the next start; a fresh one (an export running
// in another Jiuke right now) and files that are not ours stay.
func TestSweepLeftoversRemovesOnlyOldSpools(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	old := filepath.Join(dir, "jiuke-export-111.rows")
	fresh := filepath.Join(dir, "jiuke-export-222.rows")
	other := filepath.Join(dir, "someone-else.rows")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	for _, p := range []string{old, other} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	if n := SweepLeftovers(time.Hour); n != 1 {
		t.Fatalf("removed %d files, want the one old spool", n)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Fatalf("the old spool is still there: %v", err)
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s should stay: %v", p, err)
		}
	}
	// The spool an export makes is one the sweep recognises.
	s, err := newSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(s.file.Name())
	defer s.file.Close()
	if ok, _ := filepath.Match(filepath.Join(dir, spoolPattern), s.file.Name()); !ok {
		t.Fatalf("spool %s is not named by the sweep's pattern", s.file.Name())
	}
}
