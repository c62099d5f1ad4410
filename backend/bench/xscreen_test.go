package main

import (
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"
	"golang.org/x/sys/unix"
)

func TestXvfbReadsWhatWasDrawn(t *testing.T) {
	needXvfb(t)
	for _, shared := range []bool{true, false} {
		t.Run(map[bool]string{true: "shared memory", false: "socket"}[shared], func(t *testing.T) {
			x, err := startXvfb()
			if err != nil {
				t.Fatal(err)
			}
			defer x.close()
			if shared && x.shared == nil {
				t.Skip("Xvfb 不支持 MIT-SHM 或没有 System V 共享内存")
			}
			if !shared && x.shared != nil { // reads over the socket, as without MIT-SHM
				defer unix.SysvShmDetach(x.shared)
				x.shared = nil
			}
			c := newColourCounter()
			px, err := x.grab()
			if err != nil {
				t.Fatal(err)
			}
			if got := c.count(px, paintedColours); got >= paintedColours {
				t.Fatalf("a fresh Xvfb's root already shows %d colours", got)
			}
			drawColours(x.conn, x.root, 250)
			if px, err = x.grab(); err != nil {
				t.Fatal(err)
			}
			if len(px) != screenW*screenH*4 {
				t.Fatalf("read %d bytes, want the whole screen", len(px))
			}
			if got := c.count(px, 1<<24); got != 251 {
				t.Fatalf("background and 250 squares: counted %d colours", got)
			}
		})
	}
}

func TestXvfbReportsChangesInsideWindows(t *testing.T) {
	needXvfb(t)
	x, err := startXvfb()
	if err != nil {
		t.Fatal(err)
	}
	defer x.close()
	if x.damage == 0 {
		t.Skip("Xvfb 不支持 DAMAGE")
	}
	// changedWithin polls as the meter does until the screen is reported changed, or gives up.
	changedWithin := func(d time.Duration) bool {
		for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(pollEvery) {
			if x.changed() {
				return true
			}
		}
		return false
	}
	x.changed() // the server reports the whole screen once, when asked to watch it
	if changedWithin(300 * time.Millisecond) {
		t.Fatal("nothing drawn, yet reported changed")
	}
	// A window of its own, as the app's: mapping paints its background, then something is drawn in it.
	win, _ := xproto.NewWindowId(x.conn)
	xproto.CreateWindow(x.conn, 24, win, x.root, 100, 100, 400, 300, 0, xproto.WindowClassInputOutput,
		xproto.Setup(x.conn).DefaultScreen(x.conn).RootVisual, xproto.CwBackPixel, []uint32{0xf7f4f2})
	xproto.MapWindow(x.conn, win)
	if !changedWithin(2 * time.Second) {
		t.Fatal("a window was mapped, not reported")
	}
	if changedWithin(300 * time.Millisecond) {
		t.Fatal("reported again with nothing drawn since")
	}
	gc, _ := xproto.NewGcontextId(x.conn)
	xproto.CreateGC(x.conn, gc, xproto.Drawable(win), xproto.GcForeground, []uint32{0x8b1a2b})
	xproto.PolyFillRectangle(x.conn, xproto.Drawable(win), gc, []xproto.Rectangle{{X: 10, Y: 10, Width: 50, Height: 20}})
	if !changedWithin(2 * time.Second) {
		t.Fatal("drawn inside the window, not reported")
	}
}
