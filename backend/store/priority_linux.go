package store

import "syscall"

// lowerThreadPriority gives the calling thread the lowest scheduling priority (nice 19): on Linux
// setpriority with a thread id applies to that thread alone.
func lowerThreadPriority() {
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
}
