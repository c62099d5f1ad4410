package main

// A private Xvfb for the first-paint meter, and this process's X11 connection to it: reads of the
// whole screen (into shared memory when the server offers MIT-SHM) and reports of changes (DAMAGE).

import (
	"bufio"
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

// The screen's size, as the bench has always measured the window.
const screenW, screenH = 1280, 800

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
	// Killed if the bench dies first, like the window (xpaint.go).
	server.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
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
