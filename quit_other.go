//go:build !windows

package main

import "context"

// watchQuit: elsewhere SIGINT/SIGTERM (signal.NotifyContext in runServe) are how a program is asked to quit.
func watchQuit(ctx context.Context) (context.Context, func()) { return ctx, func() {} }
