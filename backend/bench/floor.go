package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/sheets"
)

// physicalFloor is what importing a ledger costs at the least, whatever the schema: excelize reads
// the raw values of the same file and one transaction inserts the same fields into a table with
// only a unique index on the mobile and one on the name, with the archive's durability (WAL,
// synchronous FULL). No parsing, no validation, no search tables.
func physicalFloor(ctx context.Context, dbPath, file string) error {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "5000")
	db, err := sql.Open("sqlite3", "file:"+dbPath+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE ledger (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mobile TEXT UNIQUE,
		birthday TEXT, gender TEXT, district TEXT, address TEXT, company TEXT, level TEXT, points TEXT, date TEXT, amount TEXT);
		CREATE INDEX ledger_name ON ledger (name)`); err != nil {
		return err
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows("客户台账")
	if err != nil {
		return err
	}
	defer rows.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO ledger (name, mobile, birthday, gender, district, address, company,
		level, points, date, amount) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	args := make([]any, 11)
	for rows.Next() {
		c, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if len(c) < 2 || c[1] == "" {
			continue
		}
		for i := range args {
			args[i] = nil
			if i+1 < len(c) && c[i+1] != "" {
				args[i] = c[i+1]
			}
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	return tx.Commit()
}

// phaseFlag makes this program run one import phase (physical, schema or import) and exit: each
// phase runs in a process of its own, so its peak resident memory is its own (the C heap SQLite
// freed in an earlier phase stays resident in this process).
const phaseFlag = "-import-phase"

// runPhaseIfAsked runs the phase named on the command line, if any, and exits.
func runPhaseIfAsked() {
	if len(os.Args) != 5 || os.Args[1] != phaseFlag {
		return
	}
	ctx := context.Background()
	kind, dbPath, file := os.Args[2], os.Args[3], os.Args[4]
	var err error
	var res phaseResult
	// JIUKE_BENCH_PROFILE=dir writes each phase's CPU profile there (go tool pprof).
	if dir := os.Getenv("JIUKE_BENCH_PROFILE"); dir != "" {
		f, err := os.CreateTemp(dir, kind+"-*.pprof")
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	switch kind {
	case "physical":
		err = physicalFloor(ctx, dbPath, file)
	case "schema":
		err = importFloor(ctx, dbPath, file)
	case "import":
		res.Summary, err = importFile(ctx, dbPath, file)
	default:
		err = fmt.Errorf("unknown phase %q", kind)
	}
	pprof.StopCPUProfile()
	if err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
	// This process's own peak: the kernel's account of a child (rusage) starts from the parent's.
	res.PeakMiB = peakRSS()
	json.NewEncoder(os.Stdout).Encode(res)
	os.Exit(0)
}

// phaseResult is what a phase process prints.
type phaseResult struct {
	PeakMiB float64        `json:"peakMiB"`
	Summary sheets.Summary `json:"summary"`
}

// phase runs one import phase in its own process and reports its time, its peak resident memory
// (MiB) and what the import summed up.
func phase(kind, dbPath, file string) (d time.Duration, res phaseResult, err error) {
	self, err := os.Executable()
	if err != nil {
		return 0, res, err
	}
	cmd := exec.Command(self, phaseFlag, kind, dbPath, file)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	d = time.Since(start)
	if err != nil {
		return d, res, fmt.Errorf("%s: %w", kind, err)
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return d, res, fmt.Errorf("%s: %w", kind, err)
	}
	// CPU time beside the wall time: on a busy machine it shows what the phase itself cost.
	fmt.Printf("    （%s：用时 %.2f s，CPU %.2f s，内存峰值 %.0f MiB）\n", kind, d.Seconds(),
		(cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(), res.PeakMiB)
	return d, res, nil
}

// peakRSS is this process's peak resident memory in MiB (Linux), 0 where it cannot be read.
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb / 1024
		}
	}
	return 0
}
