//go:build !desktop

package main

// Without the desktop tag the binary has no window (and needs no GTK/WebKit): it serves the browser UI.
const desktopBuild = false

func runWindow(dbFlags) error { return nil }
