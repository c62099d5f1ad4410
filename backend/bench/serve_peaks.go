package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"jiuke/backend/store"
)

// peakSteps reads the server's peak resident memory after each step and then resets the peak
// (writing 5 to /proc/PID/clear_refs), so each step's own peak shows and a rise in the overall
// figure names the request that caused it instead of needing a bisect. Where the reset is refused
// the peaks are cumulative, which still gives the right overall peak.
type peakSteps struct {
	pid   int
	peak  int64 // KiB, the highest of every step's
	last  int64 // KiB resident after the step before
	reset bool
	steps []peakStep
}

type peakStep struct {
	name      string
	hwm, rise int64 // KiB
}

func (p *peakSteps) take(name string) {
	rss, hwm := procStatus(p.pid)
	p.peak = max(p.peak, hwm)
	p.steps = append(p.steps, peakStep{name: name, hwm: hwm, rise: hwm - p.last})
	p.last = rss
	p.reset = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid), []byte("5"), 0) == nil
}

func (p *peakSteps) String() string {
	parts := make([]string, len(p.steps))
	for i, s := range p.steps {
		parts[i] = fmt.Sprintf("%s %.0f（%+.0f）", s.name, float64(s.hwm)/1024, float64(s.rise)/1024)
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
