package store

import (
	"context"
	"runtime"
	"syscall"
	"testing"
)

// niceOfThisThread is the calling thread's nice value (the raw system call answers 20 - nice).
func niceOfThisThread(t *testing.T) int {
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		t.Fatal(err)
	}
	return 20 - p
}

// The background check runs at the lowest priority, and only its own thread does: what follows it
// (done: the event and the day's backup) and the rest of the program keep their normal priority.
func TestBackgroundCheckRunsAtLowestPriorityOnItsOwnThread(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := niceOfThisThread(t)
	checking := make(chan int, 1)
	onCheckThread = func() {
		p, _ := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
		checking <- 20 - p
	}
	defer func() { onCheckThread = nil }()
	after := make(chan int, 1)
	db.CheckInBackground(ctx, func(h Health) {
		p, _ := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
		after <- 20 - p
	})
	if nice := <-checking; nice != 19 {
		t.Fatalf("the check ran at nice %d, want 19", nice)
	}
	if nice := <-after; nice != before {
		t.Fatalf("what follows the check (the day's backup) ran at nice %d, want %d", nice, before)
	}
	if now := niceOfThisThread(t); now != before {
		t.Fatalf("this thread's nice went from %d to %d", before, now)
	}
}
