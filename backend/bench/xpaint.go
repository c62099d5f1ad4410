package main

// The meter behind the window's first-paint figure: an Xvfb of our own, read through one X11
// connection in this process (into shared memory when the server offers MIT-SHM; no screenshot
// programs), so that measuring costs the measured window as little CPU as possible on a two-core
// machine.

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xfixes"
	"github.com/jezek/xgb/xproto"
	"golang.org/x/sys/unix"
)

const (
	screenW, screenH = 1280, 800
	// paintedColours tells a rendered page from a blank or half-drawn window, which has a few.
	paintedColours = 200
	pollEvery      = 20 * time.Millisecond
	// unreportedEvery bounds how long an unchanged-looking screen goes unread.
	unreportedEvery = 500 * time.Millisecond
	paintTimeout    = time.Minute
)

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

// xScreen is a private Xvfb and this process's connection to it.
type xScreen struct {
	server  *exec.Cmd
	display string
	conn    *xgb.Conn
	root    xproto.Window
	// shared is where the server writes the screen for us (MIT-SHM), nil when it cannot: then every
	// read comes over the socket (4 MB) and is copied once more on our side.
	shared []byte
	seg    shm.Seg
	// damage reports changes anywhere on the screen (DAMAGE on the root); 0 without the extension.
	damage damage.Damage
}

// startXvfb starts Xvfb on the first free display, which Xvfb itself picks and reports on a pipe
// (-displayfd), so a display number taken by someone else never matters.
func startXvfb() (*xScreen, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	server := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH), "-nolisten", "tcp")
	server.ExtraFiles = []*os.File{w}
	server.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = server.Start()
	w.Close()
	if err != nil {
		return nil, fmt.Errorf("启动 Xvfb: %w", err)
	}
	x := &xScreen{server: server}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		x.display = ":" + n
	case <-time.After(10 * time.Second):
	}
	if x.display == ":" || x.display == "" {
		x.close()
		return nil, errors.New("Xvfb 没有报告显示编号")
	}
	xgb.Logger = log.New(io.Discard, "", 0) // it complains of the missing (unneeded) authority file
	if x.conn, err = xgb.NewConnDisplay(x.display); err != nil {
		x.close()
		return nil, fmt.Errorf("连接 Xvfb %s: %w", x.display, err)
	}
	setup := xproto.Setup(x.conn)
	if setup.ImageByteOrder != xproto.ImageOrderLSBFirst || !slices.ContainsFunc(setup.PixmapFormats, func(f xproto.Format) bool { return f.Depth == 24 && f.BitsPerPixel == 32 }) {
		x.close()
		return nil, errors.New("Xvfb 的像素格式不是 32 位小端")
	}
	x.root = setup.DefaultScreen(x.conn).Root
	x.shareScreen()
	x.watchChanges()
	return x, nil
}

// watchChanges asks the server to say when anything on the screen changes (DAMAGE on the root
// window covers every window drawn on it), so the meter reads the screen only after a change: while
// the program is still loading, nothing is drawn and the meter costs next to nothing. Without the
// extension every poll reads.
func (x *xScreen) watchChanges() {
	if damage.Init(x.conn) != nil {
		return
	}
	if _, err := damage.QueryVersion(x.conn, 1, 1).Reply(); err != nil {
		return
	}
	id, err := damage.NewDamageId(x.conn)
	if err == nil {
		err = damage.CreateChecked(x.conn, id, xproto.Drawable(x.root), damage.ReportLevelNonEmpty).Check()
	}
	if err == nil {
		x.damage = id
	}
}

// changed says whether the screen may have changed since it last said so (always, without DAMAGE).
// Saying so re-arms the report before the caller reads the screen, so a change the read misses is
// reported next time. The server sends one report per re-arming, so events never pile up.
func (x *xScreen) changed() bool {
	if x.damage == 0 {
		return true
	}
	seen := false
	for {
		ev, xerr := x.conn.PollForEvent()
		if ev == nil && xerr == nil {
			break
		}
		if _, ok := ev.(damage.NotifyEvent); ok {
			seen = true
		}
	}
	if seen {
		damage.Subtract(x.conn, x.damage, xfixes.Region(0), xfixes.Region(0))
	}
	return seen
}

// shareScreen sets up a System V shared memory segment both we and the server attach, so that a
// read of the screen is one copy by the server into our memory instead of 4 MB through the socket
// and two more copies here. Without MIT-SHM it leaves reads on the socket.
func (x *xScreen) shareScreen() {
	if shm.Init(x.conn) != nil {
		return
	}
	id, err := unix.SysvShmGet(unix.IPC_PRIVATE, screenW*screenH*4, unix.IPC_CREAT|0o600)
	if err != nil {
		return
	}
	// Marked for removal once both sides are attached (or at once on failure): the kernel frees it
	// when the last one detaches or exits, so it never outlives this run.
	defer unix.SysvShmCtl(id, unix.IPC_RMID, nil)
	data, err := unix.SysvShmAttach(id, 0, 0)
	if err != nil {
		return
	}
	seg, err := shm.NewSegId(x.conn)
	if err == nil {
		err = shm.AttachChecked(x.conn, seg, uint32(id), false).Check()
	}
	if err != nil {
		unix.SysvShmDetach(data)
		return
	}
	x.shared, x.seg = data, seg
}

// grab reads the whole root window at full resolution (ZPixmap, all planes): 4 bytes a pixel, valid
// until the next grab. Over the socket, the raw reply is used as it is rather than copied again into
// a GetImageReply.
func (x *xScreen) grab() ([]byte, error) {
	if x.shared != nil {
		r, err := shm.GetImage(x.conn, xproto.Drawable(x.root), 0, 0, screenW, screenH, 0xffffffff, xproto.ImageFormatZPixmap, x.seg, 0).Reply()
		if err != nil {
			return nil, err
		}
		if int(r.Size) != len(x.shared) {
			return nil, errors.New("Xvfb 返回的截图不完整")
		}
		return x.shared, nil
	}
	buf, err := xproto.GetImage(x.conn, xproto.ImageFormatZPixmap, xproto.Drawable(x.root), 0, 0, screenW, screenH, 0xffffffff).Cookie.Reply()
	if err != nil {
		return nil, err
	}
	if len(buf) < 32+screenW*screenH*4 {
		return nil, errors.New("Xvfb 返回的截图不完整")
	}
	return buf[32:], nil
}

func (x *xScreen) close() {
	if x.shared != nil {
		shm.Detach(x.conn, x.seg)
		unix.SysvShmDetach(x.shared)
	}
	if x.conn != nil {
		x.conn.Close()
	}
	stopGroup(x.server, nil)
}

// stopGroup ends a process we started in its own group, with everything it started (WebKit's
// helper processes), politely first; done, when given, is closed once the process has been waited for.
func stopGroup(cmd *exec.Cmd, done <-chan struct{}) {
	if done == nil {
		d := make(chan struct{})
		go func() { cmd.Wait(); close(d) }()
		done = d
	}
	pgid := cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // helpers that outlived the leader, or a leader that did not stop
	<-done
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
// the first read of the screen that shows paintedColours colours or more, and what the polls cost.
// The child's output goes to logPath.
func timePaint(bin string, args []string, logPath string) (time.Duration, meterCost, error) {
	x, err := startXvfb()
	if err != nil {
		return 0, meterCost{}, err
	}
	defer x.close()
	counter := newColourCounter()
	x.changed() // the server reports the whole screen once when asked to watch it: that is read here
	px, err := x.grab()
	if err != nil {
		return 0, meterCost{}, fmt.Errorf("读 Xvfb 屏幕: %w", err)
	}
	if counter.count(px, paintedColours) >= paintedColours {
		return 0, meterCost{}, errors.New("Xvfb 的屏幕在窗口启动前就不是空白")
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return 0, meterCost{}, err
	}
	defer logFile.Close()
	child := exec.Command(bin, args...)
	child.Stdout, child.Stderr = logFile, logFile
	child.Env = append(os.Environ(), "DISPLAY="+x.display,
		"WEBKIT_DISABLE_COMPOSITING_MODE=1", "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1", "LIBGL_ALWAYS_SOFTWARE=1")
	child.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	px = nil
	start := time.Now()
	if err := child.Start(); err != nil {
		return 0, meterCost{}, fmt.Errorf("启动 %s: %w", bin, err)
	}
	exited := make(chan struct{})
	go func() { child.Wait(); close(exited) }()
	defer stopGroup(child, exited)
	m := meterCost{starts: 1}
	var lastRead time.Time
	for next := start; ; {
		select {
		case <-exited:
			return 0, m, fmt.Errorf("桌面窗口没画出页面就退出了：%s", logTail(logPath))
		default:
		}
		polled := time.Now()
		m.polls++
		m.span = polled.Sub(start)
		if polled.Sub(start) > paintTimeout {
			return 0, m, errors.New("桌面窗口一分钟内没有画出页面")
		}
		// Unchanged screens are not read; now and then one is anyway, so that a change the server
		// did not report could delay the figure by at most that much, never stall it.
		if reported := x.changed(); reported || polled.Sub(lastRead) >= unreportedEvery {
			lastRead = polled
			px, err := x.grab()
			if err != nil {
				return 0, m, fmt.Errorf("读 Xvfb 屏幕: %w", err)
			}
			seen := time.Since(start) // the page was on screen by the time the read came back
			n := counter.count(px, paintedColours)
			m.reads++
			m.cost += time.Since(polled)
			if n >= paintedColours {
				if !reported {
					m.unreported++
				}
				return seen, m, nil
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
