package main

// The meter behind the window's first-paint figure: it starts the window in an Xvfb of its own
// (xscreen.go) and reads the screen from this process, only after a change and into shared memory,
// without screenshot programs, so that measuring costs the measured window as little CPU as possible
// on a two-core machine.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

const (
	// paintedColours tells a rendered page from a blank or half-drawn window, which has a few.
	paintedColours = 200
	pollEvery      = 20 * time.Millisecond
	// unreportedEvery bounds how long an unchanged-looking screen goes unread.
	unreportedEvery = 500 * time.Millisecond
	paintTimeout    = time.Minute
	// screenAccent and screenAccentPixels tell the app's own first screen (the sign-in or first-start
	// setup form, whose wide button is in the accent colour) from index.html's start screen, which
	// has only its 40-pixel logo in it: the start screen is the first paint, this is when a clerk can
	// type. The floor's page has such a button too.
	screenAccent       = 0x8b1a2b
	screenAccentPixels = 8000
)

// accentPixels counts the pixels of exactly screenAccent among the 32-bit little-endian pixels in data.
func accentPixels(data []byte) int {
	n := 0
	for i := 0; i+4 <= len(data); i += 4 {
		if binary.LittleEndian.Uint32(data[i:])&0xffffff == screenAccent {
			n++
		}
	}
	return n
}

// paintTimes are a start's first paint and, when asked for, its first screen (see screenAccent).
type paintTimes struct{ painted, screen time.Duration }

// colourCounter counts distinct 24-bit colours with a bitset of all of them (2 MiB), reused from
// count to count: only the bits a count set are cleared afterwards, so a poll costs the pixels it
// reads, not the size of the colour space.
type colourCounter struct {
	bits []uint64
	set  []uint32
}

func newColourCounter() *colourCounter {
	return &colourCounter{bits: make([]uint64, 1<<24/64), set: make([]uint32, 0, paintedColours)}
}

// count returns how many distinct colours the 32-bit little-endian pixels in data hold (the fourth
// byte is padding and ignored), stopping as soon as it has seen limit of them.
func (c *colourCounter) count(data []byte, limit int) int {
	defer c.clear()
	prev := uint32(1 << 31) // no 24-bit colour: the first pixel is always looked up
	pair := uint64(prev)    // prev twice, to skip two pixels at a time
	for i := 0; i+4 <= len(data); i += 4 {
		// Pages are mostly runs of one colour: two pixels the same as the last one are skipped whole.
		if i+8 <= len(data) && binary.LittleEndian.Uint64(data[i:])&0x00ffffff00ffffff == pair {
			i += 4
			continue
		}
		px := binary.LittleEndian.Uint32(data[i:]) & 0xffffff
		if px == prev {
			continue
		}
		prev, pair = px, uint64(px)|uint64(px)<<32
		w, b := px>>6, uint64(1)<<(px&63)
		if c.bits[w]&b != 0 {
			continue
		}
		c.bits[w] |= b
		c.set = append(c.set, px)
		if len(c.set) >= limit {
			break
		}
	}
	return len(c.set)
}

func (c *colourCounter) clear() {
	for _, px := range c.set {
		c.bits[px>>6] = 0
	}
	c.set = c.set[:0]
}

// meterCost is what a measurement's polls cost: how many there were and how many of them read the
// screen, the reads' total wall time (read plus count), the time the polls spanned, the number of
// starts measured, and of those whose page was found by a read no change report had asked for.
type meterCost struct {
	polls, reads, starts, unreported int
	cost, span                       time.Duration
}

func (m *meterCost) add(o meterCost) {
	m.polls += o.polls
	m.reads += o.reads
	m.starts += o.starts
	m.unreported += o.unreported
	m.cost += o.cost
	m.span += o.span
}

// note says in a few words how often the meter looked and what its reads cost.
func (m meterCost) note() string {
	if m.polls <= m.starts || m.reads == 0 {
		return "Xvfb 内读屏计色"
	}
	note := fmt.Sprintf("每 %.0f ms 查一次画面有无变化，有变化才读整屏计色（每次启动约 %.0f 次，每次 %.1f ms）",
		float64(m.span.Microseconds())/1000/float64(m.polls-m.starts), float64(m.reads)/float64(m.starts),
		float64(m.cost.Microseconds())/1000/float64(m.reads))
	if m.unreported > 0 {
		note += fmt.Sprintf("；%d 次启动的页面是定时读屏才发现的，可能慢算至多 %.1f s", m.unreported, unreportedEvery.Seconds())
	}
	return note
}

// timePaint starts bin with args in a fresh Xvfb and returns the time from just before its start to
// the first read of the screen that shows paintedColours colours or more, with screen also to the
// first read showing the first screen's accent (screenAccentPixels), and what the polls cost. The
// child's output goes to logPath.
func timePaint(bin string, args []string, logPath string, screen bool) (paintTimes, meterCost, error) {
	var t paintTimes
	x, err := startXvfb()
	if err != nil {
		return t, meterCost{}, err
	}
	defer x.close()
	counter := newColourCounter()
	x.changed() // the server reports the whole screen once when asked to watch it: that is read here
	px, err := x.grab()
	if err != nil {
		return t, meterCost{}, fmt.Errorf("读 Xvfb 屏幕: %w", err)
	}
	if counter.count(px, paintedColours) >= paintedColours {
		return t, meterCost{}, errors.New("Xvfb 的屏幕在窗口启动前就不是空白")
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return t, meterCost{}, err
	}
	defer logFile.Close()
	child := exec.Command(bin, args...)
	child.Stdout, child.Stderr = logFile, logFile
	child.Env = append(os.Environ(), "DISPLAY="+x.display,
		"WEBKIT_DISABLE_COMPOSITING_MODE=1", "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1", "LIBGL_ALWAYS_SOFTWARE=1")
	// Its own group, stopped whole by stopGroup; and killed if the bench dies first (Ctrl-C, timeout),
	// which would otherwise leave a window on the archive, checking and backing it up under later runs.
	child.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	px = nil
	start := time.Now()
	if err := child.Start(); err != nil {
		return t, meterCost{}, fmt.Errorf("启动 %s: %w", bin, err)
	}
	exited := make(chan struct{})
	go func() { child.Wait(); close(exited) }()
	defer stopGroup(child, exited)
	m := meterCost{starts: 1}
	var lastRead time.Time
	for next := start; ; {
		select {
		case <-exited:
			return t, m, fmt.Errorf("桌面窗口没画出页面就退出了：%s", logTail(logPath))
		default:
		}
		polled := time.Now()
		m.polls++
		m.span = polled.Sub(start)
		if polled.Sub(start) > paintTimeout {
			if t.painted != 0 {
				return t, m, errors.New("桌面窗口一分钟内没有画出登录或首次设置界面（只有启动画面）")
			}
			return t, m, errors.New("桌面窗口一分钟内没有画出页面")
		}
		// Unchanged screens are not read; now and then one is anyway, so that a change the server
		// did not report could delay the figure by at most that much, never stall it.
		if reported := x.changed(); reported || polled.Sub(lastRead) >= unreportedEvery {
			lastRead = polled
			px, err := x.grab()
			if err != nil {
				return t, m, fmt.Errorf("读 Xvfb 屏幕: %w", err)
			}
			seen := time.Since(start) // the page was on screen by the time the read came back
			if t.painted == 0 && counter.count(px, paintedColours) >= paintedColours {
				t.painted = seen
				if !reported {
					m.unreported++
				}
			}
			if t.painted != 0 && screen && accentPixels(px) >= screenAccentPixels {
				t.screen = seen
			}
			m.reads++
			m.cost += time.Since(polled)
			if t.painted != 0 && (!screen || t.screen != 0) {
				return t, m, nil
			}
		}
		next = next.Add(pollEvery)
		if wait := time.Until(next); wait > 0 {
			time.Sleep(wait)
		} else {
			next = time.Now() // a slow poll does not make the next ones hurry
		}
	}
}

// logTail is the end of a child's log, for an error saying why it stopped.
func logTail(path string) string {
	data, _ := os.ReadFile(path)
	if len(data) > 400 {
		data = data[len(data)-400:]
	}
	return strings.TrimSpace(strings.ToValidUTF8(string(data), ""))
}
