//go:build windows

package main

import (
	"context"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The release build is a GUI-subsystem program (-H windowsgui), so `jiuke serve` has no console and
// never sees Ctrl+C or the console's close/logoff/shutdown events (for a console build Go turns those
// into SIGTERM, which runServe already handles). What Windows sends a GUI program instead goes to its
// top-level windows: WM_CLOSE (taskkill without /F, "end task"), WM_QUERYENDSESSION and
// WM_ENDSESSION (logoff, shutdown, restart). watchQuit keeps a hidden top-level window that turns
// those into a cancelled context, so the server stops and the database is checkpointed and closed.

const (
	wmClose           = 0x0010
	wmQueryEndSession = 0x0011
	wmEndSession      = 0x0016
	// Windows ends the process as soon as WM_ENDSESSION returns, so the handler waits for the database
	// to close, up to this long (Windows itself allows about 5 s before it offers to force the end).
	endSessionWait = 4 * time.Second
)

var (
	user32           = windows.NewLazySystemDLL("user32.dll")
	procRegisterCls  = user32.NewProc("RegisterClassExW")
	procCreateWindow = user32.NewProc("CreateWindowExW")
	procDefWindow    = user32.NewProc("DefWindowProcW")
	procGetMessage   = user32.NewProc("GetMessageW")
	procDispatch     = user32.NewProc("DispatchMessageW")
)

type wndClassEx struct {
	size, style                        uint32
	wndProc                            uintptr
	clsExtra, wndExtra                 int32
	instance, icon, cursor, background windows.Handle
	menuName, className                *uint16
	iconSm                             windows.Handle
}

type winMsg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      [2]int32
	private uint32
}

// quitWatch is the one hidden window's state: the callback Windows calls cannot carry a closure.
var quitWatch struct {
	once   sync.Once
	mu     sync.Mutex
	cancel context.CancelFunc
	closed chan struct{}
}

// watchQuit returns ctx, cancelled when Windows asks the program to quit, and done, which the caller
// calls once the database is closed (a pending end-session waits for it).
func watchQuit(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	closed := make(chan struct{})
	quitWatch.mu.Lock()
	quitWatch.cancel, quitWatch.closed = cancel, closed
	quitWatch.mu.Unlock()
	quitWatch.once.Do(func() {
		started := make(chan struct{})
		go hiddenWindowLoop(started)
		<-started
	})
	var doneOnce sync.Once
	return ctx, func() { doneOnce.Do(func() { close(closed) }) }
}

// askQuit cancels the running serve; wait says whether to hold the caller until the database closed.
func askQuit(wait bool) {
	quitWatch.mu.Lock()
	cancel, closed := quitWatch.cancel, quitWatch.closed
	quitWatch.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	if wait {
		select {
		case <-closed:
		case <-time.After(endSessionWait):
		}
	}
}

func quitWndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	switch msg {
	case wmQueryEndSession:
		return 1 // nothing unsaved: every write is already committed
	case wmEndSession:
		if wParam != 0 {
			askQuit(true)
		}
		return 0
	case wmClose:
		askQuit(false)
		return 0
	}
	r, _, _ := procDefWindow.Call(hwnd, msg, wParam, lParam)
	return r
}

// hiddenWindowLoop creates the hidden window on a thread of its own and pumps its messages for the
// life of the process. Without a window (no desktop at all) the program still runs; only these
// requests to quit go unheard.
func hiddenWindowLoop(started chan<- struct{}) {
	runtime.LockOSThread()
	class, _ := windows.UTF16PtrFromString("JiukeQuitWatch")
	title, _ := windows.UTF16PtrFromString("酒客通")
	var inst windows.Handle
	windows.GetModuleHandleEx(0, nil, &inst)
	wc := wndClassEx{wndProc: windows.NewCallback(quitWndProc), instance: inst, className: class}
	wc.size = uint32(unsafe.Sizeof(wc))
	procRegisterCls.Call(uintptr(unsafe.Pointer(&wc)))
	// A real top-level window, never shown: message-only windows get no end-session messages and are
	// not among the windows taskkill closes.
	hwnd, _, _ := procCreateWindow.Call(0, uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(title)),
		0, 0, 0, 0, 0, 0, 0, uintptr(inst), 0)
	close(started)
	if hwnd == 0 {
		return
	}
	var m winMsg
	for {
		r, _, _ := procGetMessage.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
		if int32(r) <= 0 {
			return
		}
		procDispatch.Call(uintptr(unsafe.Pointer(&m)))
	}
}
