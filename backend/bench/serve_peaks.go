package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"jiuke/backend/store"
)

// peakSteps reads the server's peak resident memory (and how long the step took) after each step and then resets the peak
// (writing 5 to /proc/PID/clear_refs), so each step's own peak shows and a rise in the overall
// figure names the request that caused it instead of needing a bisect. Where the reset is refused
// the peaks are cumulative, which still gives the right overall peak.
type peakSteps struct {
	pid   int
	peak  int64 // KiB, the highest of every step's
	last  int64 // KiB resident after the step before
	reset bool
	at    time.Time // when the step before ended
	steps []peakStep
}

type peakStep struct {
	name      string
	hwm, rise int64 // KiB
	took      time.Duration
}

func (p *peakSteps) take(name string) {
	rss, hwm := procStatus(p.pid)
	p.peak = max(p.peak, hwm)
	step := peakStep{name: name, hwm: hwm, rise: hwm - p.last}
	if !p.at.IsZero() {
		step.took = time.Since(p.at)
	}
	p.steps = append(p.steps, step)
	p.last = rss
	p.reset = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid), []byte("5"), 0) == nil
	p.at = time.Now()
}

func (p *peakSteps) String() string {
	parts := make([]string, len(p.steps))
	for i, s := range p.steps {
		parts[i] = fmt.Sprintf("%s %.0f（%+.0f）", s.name, float64(s.hwm)/1024, float64(s.rise)/1024)
		if s.took > 0 {
			parts[i] += fmt.Sprintf(" %.2f s", s.took.Seconds())
		}
	}
	out := strings.Join(parts, "，")
	if !p.reset {
		out += "（无法重置峰值：各步为累计峰值）"
	}
	return out
}

// top names the step that rose most above the memory held before it, for the figure's note.
func (p *peakSteps) top() string {
	if len(p.steps) < 2 {
		return ""
	}
	var best peakStep
	for _, s := range p.steps[1:] {
		if s.rise > best.rise {
			best = s
		}
	}
	if best.name == "" {
		return ""
	}
	return fmt.Sprintf("启动后 %.0f MiB；涨得最多的一步：%s（+%.0f MiB）", float64(p.steps[0].hwm)/1024, best.name, float64(best.rise)/1024)
}

// fileRSS is the part of a process's resident memory that maps files (KiB): for the server, pages of
// its own executable, which the kernel maps in large runs of the page cache rather than page by page.
func fileRSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	var v int64
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "RssFile:"); ok {
			fmt.Sscanf(rest, "%d", &v)
		}
	}
	return v
}

// remeasureServe measures only the real `jiuke serve` on a kept archive, counting the bench segment
// when an earlier run left its tags: a quick check of the server's memory after a change.
func remeasureServe(path, bin string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	ids := make([]int64, len(benchTags))
	for i, name := range benchTags {
		if err = db.R.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, name).Scan(&ids[i]); err != nil {
			break
		}
	}
	db.Close()
	if errors.Is(err, sql.ErrNoRows) {
		return benchServe(path, bin, nil)
	} else if err != nil {
		return err
	}
	def := countDef(ids[0], ids[1])
	return benchServe(path, bin, &def)
}
