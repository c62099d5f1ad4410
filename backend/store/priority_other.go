//go:build !linux && !windows

package store

// lowerThreadPriority leaves the thread as it is where no per-thread priority is set.
func lowerThreadPriority() {}
