package store

import "golang.org/x/sys/windows"

var setThreadPriority = windows.NewLazySystemDLL("kernel32.dll").NewProc("SetThreadPriority")

// threadModeBackgroundBegin lowers the thread's processor, disk and memory priority together; only
// a thread's own call may set it.
const threadModeBackgroundBegin = 0x00010000

// lowerThreadPriority puts the calling thread in background mode.
func lowerThreadPriority() {
	setThreadPriority.Call(uintptr(windows.CurrentThread()), threadModeBackgroundBegin)
}
