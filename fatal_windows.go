//go:build windows

package main

import "golang.org/x/sys/windows"

// showError puts a failed start in front of the user: the release build is a GUI program, so when it
// was started from the Start menu or a shortcut there is no console and stderr goes nowhere.
func showError(msg string) {
	if h, err := windows.GetStdHandle(windows.STD_ERROR_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return // started from a console or by a program reading stderr: it has been said there
	}
	text, _ := windows.UTF16PtrFromString(msg)
	title, _ := windows.UTF16PtrFromString("酒客通")
	windows.MessageBox(0, text, title, windows.MB_OK|windows.MB_ICONERROR)
}
