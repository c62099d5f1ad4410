package app

import (
	"context"
	"log"
	"time"

	"jiuke/backend/store"
)

// HealthEvent carries the integrity check's result (a store.Health) to every seat when it finishes.
const HealthEvent = "system:health"

// CheckInBackground starts the archive's integrity check after start (see store.CheckInBackground)
// and, once it passed, the day's automatic backup: a damaged file is never copied over good backups.
// Every seat hears the result; System.Info carries it too.
func (c *Core) CheckInBackground(ctx context.Context) { c.CheckInBackgroundAfter(ctx, nil) }

// CheckInBackgroundAfter is CheckInBackground whose check starts reading once ready is closed (nil: at
// once); see store.CheckInBackgroundAfter.
func (c *Core) CheckInBackgroundAfter(ctx context.Context, ready <-chan struct{}) {
	done := make(chan struct{})
	c.checked = done
	c.DB.CheckInBackgroundAfter(ctx, ready, func(h store.Health) {
		defer close(done)
		if c.Events != nil {
			c.Events.Emit(HealthEvent, h)
		}
		if h.State != store.HealthOK {
			return
		}
		if _, err := c.DB.AutoBackup(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Printf("警告：今日自动备份失败：%v", err)
		}
	})
}

// Checked is closed once the check started by CheckInBackground and the backup after it are done
// (nil when none was started): for tests and for shutting down in order.
func (c *Core) Checked() <-chan struct{} { return c.checked }
