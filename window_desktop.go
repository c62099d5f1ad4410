//go:build desktop

package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/pkg/browser"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/frontend"
)

const desktopBuild = true

// The window's start holds the background integrity check back this long after its page loaded, or
// at most checkAtLatest after start (see runWindow).
const (
	firstScreenGrace = 2 * time.Second
	checkAtLatest    = 10 * time.Second
)

// wailsEvents emits through the window's event bus once the window exists.
type wailsEvents struct{ ctx context.Context }

func (w *wailsEvents) Emit(name string, data any) {
	if w.ctx != nil {
		wruntime.EventsEmit(w.ctx, name, data)
	}
}

// dialogs are the window's native file dialogs, opened on the Go side: the paths never reach the UI
// as something it could send back.
type dialogs struct{ w *wailsEvents }

func (d dialogs) OpenFile(title, filterName, pattern string) (string, error) {
	return wruntime.OpenFileDialog(d.w.ctx, wruntime.OpenDialogOptions{Title: title,
		Filters: []wruntime.FileFilter{{DisplayName: filterName + " (" + pattern + ")", Pattern: pattern}}})
}

func (d dialogs) SaveFile(title, defaultName, filterName, pattern string) (string, error) {
	return wruntime.SaveFileDialog(d.w.ctx, wruntime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		Filters: []wruntime.FileFilter{{DisplayName: filterName + " (" + pattern + ")", Pattern: pattern}}})
}

// OpenWithSystem shows a saved poster or PDF in the system's viewer (the default app for its type).
func (d dialogs) OpenWithSystem(path string) error { return browser.OpenFile(path) }

func runWindow(f dbFlags) error {
	lock, err := lockDB(f.dbPath(), "window")
	var other *errLocked
	if errors.As(err, &other) && other.holder == "window" {
		// Another window has this archive open: Wails' single-instance lock brings that one to the front
		// and ends this launch before any window opens, and before this one touches the database.
		return wails.Run(&options.App{Title: "酒客通", SingleInstanceLock: singleInstance(f.dbPath(), nil)})
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	events := &wailsEvents{}
	// Logoff or shutdown: close the window the way its close button does, so the database below is
	// closed before Windows ends the process (registered first, so it is released last).
	quit, closed := watchQuit(context.Background())
	defer closed()
	go func() {
		<-quit.Done()
		if events.ctx != nil {
			wruntime.Quit(events.ctx)
		}
	}()
	hub := web.NewHub()
	// The integrity check reads the whole archive (seconds of one core at a million customers) and the
	// day's backup copies it: on a two-core shop PC that would race WebKit starting and drawing the
	// first screen, so both wait until the page has loaded and had firstScreenGrace to draw (or
	// checkAtLatest after start, should the page never say it loaded). The page's load is its start
	// screen; the app's script runs and draws the first screen within the grace (a few tenths of a
	// second here), and the check itself runs at the lowest priority (store.CheckInBackgroundAfter).
	// The archive counts as being checked meanwhile, as it does while the check reads; the result is
	// shown and logged as before.
	firstScreen := make(chan struct{})
	var drawn sync.Once
	letCheck := func() { drawn.Do(func() { close(firstScreen) }) }
	time.AfterFunc(checkAtLatest, letCheck)
	f.checkAfter = firstScreen
	core, err := f.open(context.Background(), hub.Window(events))
	if err != nil {
		return err
	}
	defer core.DB.Close()
	if err := attachLAN(context.Background(), core, hub, ""); err != nil {
		return err
	}
	defer core.LAN.Stop()
	// Only the window's own seat gets the dialogs; the shop network's seats (core.ForSession) never do.
	core.UseDialogs(dialogs{events})
	return wails.Run(&options.App{
		Title:            "酒客通",
		Width:            1280,
		Height:           800,
		MinWidth:         1024,
		MinHeight:        680,
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		AssetServer:      &assetserver.Options{Assets: frontend.Assets()},
		OnDomReady:       func(context.Context) { time.AfterFunc(firstScreenGrace, letCheck) },
		OnStartup: func(ctx context.Context) {
			events.ctx = ctx
			core.Startup(ctx)
		},
		Bind:               app.Services(core),
		ErrorFormatter:     app.FormatError,
		SingleInstanceLock: singleInstance(core.DB.Path, events),
	})
}

// singleInstance is one window per database: a second launch brings the first to the front instead
// of opening the same archive twice. The demo database is a different archive, so it may open beside it.
func singleInstance(path string, events *wailsEvents) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{
		UniqueId: fmt.Sprintf("jiuke-%x", sha256.Sum256([]byte(path)))[:22],
		OnSecondInstanceLaunch: func(options.SecondInstanceData) {
			if events != nil && events.ctx != nil {
				wruntime.WindowUnminimise(events.ctx)
				wruntime.Show(events.ctx)
			}
		},
	}
}
