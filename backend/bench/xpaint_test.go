package main

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// pixels is an image of 32-bit little-endian pixels, one per colour given, with pad as the unused
// fourth byte.
func pixels(pad byte, colours ...uint32) []byte {
	out := make([]byte, 0, 4*len(colours))
	for _, c := range colours {
		out = binary.LittleEndian.AppendUint32(out, c&0xffffff|uint32(pad)<<24)
	}
	return out
}

// span is the colours from..to-1, each repeated times in a row (as a page's runs of one colour).
func span(from, to uint32, times int) []uint32 {
	var out []uint32
	for c := from; c < to; c++ {
		for range times {
			out = append(out, c*0x010203)
		}
	}
	return out
}

func TestColourCounterCountsDistinctColours(t *testing.T) {
	c := newColourCounter()
	img := append(span(0, 150, 3), span(20, 40, 1)...) // repeats, in and out of runs
	img = append(img, 0xffffff, 0xffffff, 0x000000)
	if got := c.count(pixels(0, img...), 1<<24); got != 151 {
		t.Fatalf("150 colours, white and repeats: got %d", got)
	}
	// The padding byte is not part of the colour.
	mixed := append(pixels(0x00, 0x123456, 0xabcdef), pixels(0xff, 0x123456, 0xabcdef)...)
	if got := c.count(mixed, 1<<24); got != 2 {
		t.Fatalf("two colours with different padding: got %d", got)
	}
	if got := c.count(nil, paintedColours); got != 0 {
		t.Fatalf("empty image: got %d", got)
	}
}

func TestColourCounterStopsAtLimitAndClearsBetweenCounts(t *testing.T) {
	c := newColourCounter()
	if got := c.count(pixels(7, span(0, 1000, 2)...), paintedColours); got != paintedColours {
		t.Fatalf("1000 colours, limit %d: got %d", paintedColours, got)
	}
	if len(c.set) != 0 {
		t.Fatalf("%d colours still marked after the count", len(c.set))
	}
	// Colours 100..249 overlap the first count's; a second count must see all 150 of them again.
	if got := c.count(pixels(7, span(100, 250, 1)...), 1<<24); got != 150 {
		t.Fatalf("second count polluted by the first: got %d, want 150", got)
	}
	for i, w := range c.bits {
		if w != 0 {
			t.Fatalf("bitset word %d left set (%#x) after two counts", i, w)
		}
	}
}

// xChildEnv makes the test binary a stand-in window: it waits, draws a page of 250 colours on the
// root window of $DISPLAY (set to "screen": 0.3 s later a block in the first screen's accent too),
// and waits to be stopped.
const xChildEnv = "JIUKE_XPAINT_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(xChildEnv) != "" {
		time.Sleep(300 * time.Millisecond)
		conn, err := xgb.NewConnDisplay("")
		if err != nil {
			os.Exit(3)
		}
		root := xproto.Setup(conn).DefaultScreen(conn).Root
		drawColours(conn, root, 250)
		if os.Getenv(xChildEnv) == "screen" {
			// Then the first screen: a button-sized block in the accent colour.
			time.Sleep(300 * time.Millisecond)
			gc, _ := xproto.NewGcontextId(conn)
			xproto.CreateGC(conn, gc, xproto.Drawable(root), xproto.GcForeground, []uint32{screenAccent})
			xproto.PolyFillRectangle(conn, xproto.Drawable(root), gc, []xproto.Rectangle{{X: 100, Y: 600, Width: 400, Height: 40}})
			xproto.GetInputFocus(conn).Reply()
		}
		select {}
	}
	os.Exit(m.Run())
}

// drawColours fills the root with one colour and draws n small squares of n other colours on it.
func drawColours(conn *xgb.Conn, root xproto.Window, n int) {
	gc, _ := xproto.NewGcontextId(conn)
	xproto.CreateGC(conn, gc, xproto.Drawable(root), xproto.GcForeground, []uint32{0x102030})
	xproto.PolyFillRectangle(conn, xproto.Drawable(root), gc, []xproto.Rectangle{{Width: screenW, Height: screenH}})
	for i := range n {
		xproto.ChangeGC(conn, gc, xproto.GcForeground, []uint32{uint32(0x808000 + i)})
		xproto.PolyFillRectangle(conn, xproto.Drawable(root), gc, []xproto.Rectangle{{X: int16(i%40) * 30, Y: int16(i/40) * 30, Width: 20, Height: 20}})
	}
	xproto.GetInputFocus(conn).Reply() // a round trip: everything above has been drawn
}

func needXvfb(t *testing.T) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("没有 Xvfb")
	}
}

// timeChild times this test binary as a stand-in window (xChildEnv set to mode) in the meter.
func timeChild(t *testing.T, mode string, screen bool) (paintTimes, meterCost) {
	t.Helper()
	needXvfb(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(xChildEnv, mode)
	pt, m, err := timePaint(self, nil, filepath.Join(t.TempDir(), "child.log"), screen)
	if err != nil {
		t.Fatal(err)
	}
	return pt, m
}

func TestTimePaintTimesAChildAndStopsIt(t *testing.T) {
	pt, m := timeChild(t, "1", false)
	d := pt.painted
	if pt.screen != 0 {
		t.Fatalf("no first screen was asked for, got %v", pt.screen)
	}
	if d < 300*time.Millisecond || d > 20*time.Second {
		t.Fatalf("child draws after 0.3 s: measured %v", d)
	}
	if m.polls < 5 || m.reads < 1 || m.cost <= 0 || m.span <= 0 || m.starts != 1 {
		t.Fatalf("poll accounting: %+v", m)
	}
	// Nothing is drawn for 0.3 s, so most polls find no change and read nothing (Xvfb has DAMAGE).
	if m.reads*2 > m.polls {
		t.Fatalf("%d of %d polls read the screen", m.reads, m.polls)
	}
	// Nothing of ours is left: no test child, no Xvfb.
	if out, _ := exec.Command("pgrep", "-l", "-P", strconv.Itoa(os.Getpid())).Output(); len(out) != 0 {
		t.Fatalf("processes left running: %s", out)
	}
}

func TestAccentPixelsCountsOnlyTheExactColour(t *testing.T) {
	px := make([]byte, 4*10)
	for i := range 10 {
		c := uint32(screenAccent)
		if i%3 == 0 {
			c++ // one shade off
		}
		binary.LittleEndian.PutUint32(px[4*i:], c|0xff000000) // the padding byte is ignored
	}
	if n := accentPixels(px); n != 6 {
		t.Fatalf("accent pixels %d, want 6", n)
	}
}

// Asked for the first screen, the meter waits past the first paint until the accent block is drawn.
func TestTimePaintWaitsForTheFirstScreen(t *testing.T) {
	pt, _ := timeChild(t, "screen", true)
	if pt.painted < 300*time.Millisecond || pt.screen < pt.painted+250*time.Millisecond {
		t.Fatalf("painted at %v, first screen at %v: want the screen 0.3 s after the paint", pt.painted, pt.screen)
	}
}
