package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/store"
)

// TestNoCallerNamesAServerPath calls every bound method that takes a string, found by the same
// reflection the server routes by, with /etc/passwd, ../../etc/passwd, the database's own path and
// /dev/zero in each string position (top level or a field of a struct argument), as a visitor, a
// clerk, a clerk with a manager's approval, a manager and the owner, over HTTP. Nothing outside the
// database may be read, written or revealed, and the run stays within bounded memory and time.
func TestNoCallerNamesAServerPath(t *testing.T) {
	if testing.Short() {
		t.Skip("calls every method a few thousand times")
	}
	s := newShop(t)
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	approved, _ := s.staffBrowser(owner, "小李", "clerk", "3691")
	manager, managerID := s.staffBrowser(owner, "刘店长", "manager", "5928")
	owner.must("Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000"})
	owner.must("System/Backup")

	dbPath := s.db.Path
	dbDir := filepath.Dir(dbPath)
	cwd, _ := os.Getwd()
	// A decoy beside the real one, so a relative ../ that escaped would find something to take.
	decoy := filepath.Join(dbDir, "etc", "passwd")
	os.MkdirAll(filepath.Dir(decoy), 0o755)
	os.WriteFile(decoy, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644)
	payloads := []string{"/etc/passwd", "../../etc/passwd", dbPath, "/dev/zero"}

	watched := []string{"/etc/passwd", decoy}
	before := hashes(t, watched)
	treeBefore := tree(t, dbDir)
	cwdBefore := tree(t, cwd)
	var want [32]byte
	dbHash := func() [32]byte {
		// The content, not the file: SQLite may move pages between the file and its WAL.
		var dump strings.Builder
		for _, table := range []string{"customers", "staff", "audit_entries", "export_log"} {
			rows, err := s.db.R.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			for rows.Next() {
				if err := rows.Scan(vals...); err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(vals)
				dump.Write(b)
			}
			rows.Close()
		}
		return sha256.Sum256([]byte(dump.String()))
	}
	want = dbHash()
	_ = want

	// Memory: sample the heap through the run; /dev/zero read whole would take it all.
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	started := time.Now()

	routes, err := web.Routes(app.Services(nil))
	if err != nil {
		t.Fatal(err)
	}
	// Sign-in methods last: their wrong secrets trip the per-address limit, which would stop the
	// approvals the other methods need.
	sort.SliceStable(routes, func(i, j int) bool { return routes[i].Service != "Auth" && routes[j].Service == "Auth" })
	secrets := regexp.MustCompile(`root:[^"]*:0:0|/root:/bin`)
	type seat struct {
		name    string
		b       *browser
		approve bool
	}
	seats := []seat{{"visitor", s.browser(), false}, {"clerk", clerk, false}, {"approved clerk", approved, true}, {"manager", manager, false}, {"owner", owner, false}}
	var calls atomic.Int64
	rules := app.Permissions()
	// Each seat walks every method on its own, all at once, as browsers on the shop network would.
	var wg sync.WaitGroup
	for _, st := range seats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range routes {
				key := r.Service + "/" + r.Name
				if key == "Auth/SignOut" || key == "Auth/Lock" {
					continue // no string; and they would end the seat
				}
				// Approval matters only where a clerk is otherwise refused; elsewhere that seat is
				// one more clerk, so it skips the method.
				if st.approve && rules[r.Service+"."+r.Name] != app.ManagerOnly {
					continue
				}
				for pos := range stringPositions(r.In) {
					for _, p := range payloads {
						args := argsWith(r.In, pos, p)
						if st.approve {
							st.b.call("Auth/Approve", managerID, "5928")
						}
						status, _, raw := st.b.call(key, args...)
						calls.Add(1)
						body := strings.ReplaceAll(string(raw), jsonText(p), "") // an echo of what was sent is no leak
						switch {
						case secrets.MatchString(body):
							t.Errorf("%s %v as %s: the answer holds a password file: %.200s", key, args, st.name, raw)
						case strings.Contains(body, dbDir) || strings.Contains(body, cwd) || strings.Contains(body, os.TempDir()+"/"):
							t.Errorf("%s %v as %s: the answer names a server path: %.300s", key, args, st.name, raw)
						case status >= 500:
							t.Errorf("%s %v as %s: %d %.200s", key, args, st.name, status, raw)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	elapsed := time.Since(started)
	t.Logf("%d calls in %v, heap peak %d MB", calls.Load(), elapsed, peak.Load()>>20)
	if calls.Load() < 500 {
		t.Fatalf("only %d calls: the walk missed the methods that take strings", calls.Load())
	}
	if peak.Load() > 400<<20 {
		t.Errorf("heap reached %d MB", peak.Load()>>20)
	}
	if elapsed > 5*time.Minute {
		t.Errorf("the run took %v", elapsed)
	}

	if after := hashes(t, watched); !reflect.DeepEqual(after, before) {
		t.Errorf("a file outside the database changed: %v → %v", before, after)
	}
	if err := store.CheckFile(context.Background(), dbPath, true); err != nil {
		t.Fatalf("the database is no longer a Jiuke database: %v", err)
	}
	if _, err := os.Stat(app.PendingRestore(dbPath)); err == nil {
		t.Error("a restore was staged from a named path")
	}
	// Beside the database only the database's own files and the backup folder may change; nothing
	// appears in the working folder (where a relative path would land).
	for name, sum := range tree(t, dbDir) {
		if strings.HasPrefix(name, "backups/") || name == filepath.Base(dbPath)+"-wal" || name == filepath.Base(dbPath)+"-shm" || name == filepath.Base(dbPath) {
			continue
		}
		if treeBefore[name] != sum {
			t.Errorf("%s appeared or changed beside the database", name)
		}
	}
	if after := tree(t, cwd); !reflect.DeepEqual(after, cwdBefore) {
		t.Errorf("files appeared or changed in the working folder")
	}

	// Now the database as a whole: each write above may have changed rows (a customer named
	// "/etc/passwd" is a customer), but a fresh run of only the methods that touch files changes nothing.
	want = dbHash()
	for _, key := range []string{"System/Restore", "Sheets/OpenPicked", "System/BackupAs", "System/RestorePicked", "Sheets/Template", "Sheets/ErrorReport", "Sheets/CancelImport", "Sheets/CloseFile", "Sheets/Preview"} {
		for _, p := range payloads {
			owner.call(key, p)
		}
	}
	if got := dbHash(); got != want {
		// Template and error reports log nothing; a refused restore logs nothing.
		t.Errorf("the file methods changed the database")
	}
}

// stringPositions yields, for each argument, -1-based positions of string places: i for a string
// argument, and i*1000+f+1 for string field f of a struct argument.
func stringPositions(in []reflect.Type) map[int]bool {
	out := map[int]bool{}
	for i, t := range in {
		switch t.Kind() {
		case reflect.String:
			out[i*1000] = true
		case reflect.Struct:
			for f := 0; f < t.NumField(); f++ {
				if t.Field(f).IsExported() && t.Field(f).Type.Kind() == reflect.String {
					out[i*1000+f+1] = true
				}
			}
		}
	}
	return out
}

// argsWith is a zero-valued argument list with payload at pos (see stringPositions).
func argsWith(in []reflect.Type, pos int, payload string) []any {
	args := make([]any, len(in))
	for i, t := range in {
		v := reflect.New(t).Elem()
		if i == pos/1000 {
			if f := pos % 1000; f == 0 {
				v.SetString(payload)
			} else {
				v.Field(f - 1).SetString(payload)
			}
		}
		b, _ := json.Marshal(v.Interface())
		var out any
		json.Unmarshal(b, &out)
		args[i] = out
	}
	return args
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}

func hashes(t *testing.T, paths []string) map[string][32]byte {
	out := map[string][32]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = sha256.Sum256(b)
	}
	return out
}

// tree hashes every file under dir by its path relative to dir.
func tree(t *testing.T, dir string) map[string][32]byte {
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return nil // gone meanwhile (a SQLite side file)
		}
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var _ = http.StatusOK
