//go:build desktop

package main

import (
	"context"
	"crypto/sha256"
	"fmt"

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
	events := &wailsEvents{}
	hub := web.NewHub()
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
		OnStartup: func(ctx context.Context) {
			events.ctx = ctx
			core.Startup(ctx)
		},
		Bind:           app.Services(core),
		ErrorFormatter: app.FormatError,
		// One window per database: a second launch brings the first to the front instead of opening
		// the same archive twice. The demo database is a different archive, so it may open beside it.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: fmt.Sprintf("jiuke-%x", sha256.Sum256([]byte(core.DB.Path)))[:22],
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				if events.ctx != nil {
					wruntime.WindowUnminimise(events.ctx)
					wruntime.Show(events.ctx)
				}
			},
		},
	})
}
