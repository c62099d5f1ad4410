package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Without --addr a taken default port moves to the next free one and says so; a taken --addr is
// refused in Chinese with how to pick another, before the database (or the demo) is made.
func TestServeMovesOffATakenPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port

	ln, note, err := listenServe("", port)
	if err != nil {
		t.Fatal(err)
	}
	got := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if got <= port || got >= port+servePortTries || !strings.Contains(note, strconv.Itoa(port)) ||
		!strings.Contains(note, strconv.Itoa(got)) || !strings.Contains(note, "make run ADDR=") {
		t.Fatalf("moved to %d, note %q", got, note)
	}

	db := filepath.Join(t.TempDir(), "demo.db")
	err = run([]string{"serve", "--addr", taken.Addr().String(), "--db", db, "--demo"})
	if err == nil || !strings.Contains(err.Error(), "make run ADDR=") || strings.Contains(err.Error(), "bind") ||
		strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("taken --addr: %v", err)
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Fatal("the demo database was generated before the port was found taken")
	}
}
