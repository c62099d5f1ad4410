package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
)

// burnFlag makes this program a CPU burner: one thread spinning until it is killed.
const burnFlag = "-burn-cpu"

// burnIfAsked spins forever when the program was started as a burner.
func burnIfAsked() {
	if len(os.Args) != 2 || os.Args[1] != burnFlag {
		return
	}
	runtime.GOMAXPROCS(1)
	x := 0
	for {
		x++
	}
}

// startBurner starts a second process that keeps one core busy, as another program on the shop PC
// would; stop ends it (only it: by its own process).
func startBurner() (stop func(), err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, burnFlag)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("启动 CPU 占用进程: %w", err)
	}
	return func() {
		cmd.Process.Kill()
		cmd.Wait()
	}, nil
}
