package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"jiuke/app"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// The headless commands (import, export, backup, restore) are a third caller of app/, like the window
// and the browser: they sign in as the owner and call the same services, so the permission rules, the
// audit log and the import run are the ones the UI uses.

// argDialogs answers the services' file dialogs with the paths given on the command line.
type argDialogs struct{ open, save string }

func (d argDialogs) OpenFile(string, string, string) (string, error) { return d.open, nil }

func (d argDialogs) SaveFile(_, defaultName, _, _ string) (string, error) {
	if d.save == "" {
		return defaultName, nil // into the current folder, under the name the window would suggest
	}
	return d.save, nil
}

// progressPrinter shows an import's progress on stderr, at most once a second.
type progressPrinter struct {
	quiet bool
	last  time.Time
}

func (p *progressPrinter) Emit(name string, data any) {
	pr, ok := data.(app.ImportProgress)
	if p.quiet || !ok || name != "import:progress" || pr.Phase != "importing" || time.Since(p.last) < time.Second {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(os.Stderr, "\r已处理 %d / %d 行", pr.Done, pr.Total)
}

// openAsOwner opens the archive at path (or the default one) for a headless command, as the owner.
func openAsOwner(ctx context.Context, path string, d app.Dialogs, events app.Emitter) (*app.Core, error) {
	if path == "" {
		path = defaultDBPath(false)
	}
	if err := checkPathLength(path); err != nil {
		return nil, err
	}
	if err := applyPendingRestore(ctx, path); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if events == nil {
		events = &progressPrinter{quiet: true}
	}
	core, err := app.NewCore(ctx, db, events)
	if err != nil {
		db.Close()
		return nil, err
	}
	core.UseDialogs(d)
	if err := core.SignInAsOwner(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return core, nil
}

// applyPendingRestore swaps in a restore staged in the window (or by jiuke restore) before the
// database is opened.
func applyPendingRestore(ctx context.Context, path string) error {
	pending := app.PendingRestore(path)
	if !fileExists(pending) {
		return nil
	}
	saved, err := store.RestoreFile(ctx, pending, path)
	if err != nil {
		return fmt.Errorf("恢复备份失败，当前数据未改动：%w", err)
	}
	os.Remove(pending)
	fmt.Println("已从备份恢复；恢复前的数据库保存在", saved)
	return nil
}

// service finds the bound service of type T among the core's services.
func service[T any](core *app.Core) T {
	for _, s := range app.Services(core) {
		if v, ok := s.(T); ok {
			return v
		}
	}
	panic("no such service")
}

// message is the Chinese text of a service error, for the terminal.
func message(err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return errors.New(errs.ToPayload(err).Message)
	}
	return err
}
