package store

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"jiuke/backend/errs"
)

// Health is what the integrity check found. It runs after start, in the background, so that start
// does not wait on reading the whole file (seconds at a million customers, more on a cold disk).
type Health struct {
	State     string `json:"state"`     // HealthChecking, HealthOK or HealthFailed
	Message   string `json:"message"`   // for the owner; empty while checking and when ok
	CheckedAt string `json:"checkedAt"` // UTC, when the check finished
	Millis    int64  `json:"millis"`    // how long it took
}

const (
	HealthChecking = "checking"
	HealthOK       = "ok"
	HealthFailed   = "failed"
)

type health struct {
	mu sync.Mutex
	h  Health
}

// Health is the integrity check's state; a database never checked (a new file, tests) is ok.
func (db *DB) Health() Health {
	db.health.mu.Lock()
	defer db.health.mu.Unlock()
	if db.health.h.State == "" {
		return Health{State: HealthOK}
	}
	return db.health.h
}

func (db *DB) setHealth(h Health) {
	db.health.mu.Lock()
	db.health.h = h
	db.health.mu.Unlock()
}

// readOnlyError is why every write is refused after a failed check.
func (db *DB) readOnlyError() error {
	h := db.Health()
	if h.State != HealthFailed {
		return nil
	}
	return errs.Forbidden(h.Message)
}

// CheckInBackground marks the database as being checked and runs the quick integrity check on its
// own read-only connection, then calls done (in that goroutine) with the result. A failed check
// stops every write from then on: continuing to write into a damaged file can spread the damage
// into the next backups. The result is logged either way.
func (db *DB) CheckInBackground(ctx context.Context, done func(Health)) {
	db.CheckInBackgroundAfter(ctx, nil, done)
}

// CheckInBackgroundAfter is CheckInBackground that starts reading only once ready is closed (nil: at
// once) or ctx ends: the window lets its first screen draw before the check takes a processor core
// for seconds. The archive counts as being checked from this call on, as while the check reads.
func (db *DB) CheckInBackgroundAfter(ctx context.Context, ready <-chan struct{}, done func(Health)) {
	db.setHealth(Health{State: HealthChecking})
	checked := make(chan Health, 1)
	go func() {
		// The check reads the whole archive, for seconds at a million customers, while the counter
		// and the phones are already working: on its own thread at the lowest priority it takes only
		// the processor time their requests leave. The thread stays locked, so it ends with this
		// goroutine; what follows the check (done: the event, the day's backup) runs at normal
		// priority, so a backup holding SQLite's locks never waits behind busy programs.
		runtime.LockOSThread()
		lowerThreadPriority()
		if onCheckThread != nil {
			onCheckThread()
		}
		if ready != nil {
			select {
			case <-ready:
			case <-ctx.Done():
			}
		}
		checked <- db.Check(ctx)
	}()
	go func() {
		h := <-checked
		if done != nil {
			done(h)
		}
	}()
}

// onCheckThread, when set (tests), runs on the check's thread once its priority is lowered.
var onCheckThread func()

// Check runs the quick integrity check now and records its result.
func (db *DB) Check(ctx context.Context) Health {
	start := time.Now()
	err := CheckFile(ctx, db.Path, false)
	h := Health{State: HealthOK, CheckedAt: Now(), Millis: time.Since(start).Milliseconds()}
	if ctx.Err() != nil {
		// Stopped by shutting down, not by the file: nothing was learned.
		return db.Health()
	}
	if err != nil {
		h.State = HealthFailed
		h.Message = fmt.Sprintf("数据库未通过完整性检查（%v），为防止损坏扩大，已暂停所有修改，只能查看。"+
			"请老板在「设置 › 数据备份」中选择最近的备份恢复（或运行 jiuke restore <备份文件>；自动备份在数据库旁的 backups 文件夹），然后重新启动酒客通",
			err)
		log.Printf("完整性检查未通过（%d ms）：%v", h.Millis, err)
	} else {
		log.Printf("完整性检查通过（%d ms）", h.Millis)
	}
	db.setHealth(h)
	return h
}

// WithTxOrDiscard is WithTx for the few writes a damaged archive still needs to run, so the owner can
// sign in and restore a backup: after a failed check fn runs in a transaction that is rolled back
// (its checks still apply; what it wrote, such as the sign-in's audit line, is not kept).
func (db *DB) WithTxOrDiscard(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.Health().State != HealthFailed {
		return db.WithTx(ctx, fn)
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// KeepDamaged copies the archive's files as they are (the database and its write-ahead log) into the
// backup folder as damaged-<time>.db, for a restore over an archive SQLite can no longer copy.
func (db *DB) KeepDamaged() (string, error) {
	dest := freePath(filepath.Join(db.BackupDir(), "damaged-"+time.Now().In(Shop).Format("20060102-150405")))
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", err
	}
	if err := copyFile(db.Path, dest); err != nil {
		return "", err
	}
	if _, err := os.Stat(db.Path + "-wal"); err == nil {
		return dest, copyFile(db.Path+"-wal", dest+"-wal")
	}
	return dest, nil
}
