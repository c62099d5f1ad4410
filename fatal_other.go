//go:build !windows

package main

// showError: outside Windows the program is always started from a terminal or a launcher that shows stderr.
func showError(string) {}
