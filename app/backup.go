package app

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Backups and restores. A browser seat backs up into the backup folder beside the database and
// restores one of the backups listed there, by name; the window (and the command line) may also
// write a backup anywhere or restore from any file, chosen in its own dialogs.

// PendingRestore is where a restore waits for the next start: the live file is never swapped under
// a running window.
func PendingRestore(dbPath string) string { return dbPath + ".restore-pending" }

// BackupResult names the backup written or the file staged for restore. SavedTo is set only for a
// file the window's own dialog chose (for display); Cancelled when the user closed the dialog.
type BackupResult struct {
	Name      string `json:"name"`
	SavedTo   string `json:"savedTo"`
	Cancelled bool   `json:"cancelled"`
}

// Backups lists the automatic and event backups beside the database.
func (s *System) Backups() ([]store.BackupFile, error) {
	if _, _, err := s.core.read(); err != nil {
		return nil, err
	}
	return s.core.DB.Backups()
}

// NativeDialogs tells the UI whether this seat has the window's file dialogs (the desktop window)
// or works with uploads and downloads (a browser).
func (s *System) NativeDialogs() (bool, error) {
	if err := s.core.check(); err != nil {
		return false, err
	}
	return s.core.dialogs != nil, nil
}

func backupName() string {
	return "酒客通备份-" + time.Now().In(store.Shop).Format("20060102-150405")
}

// Backup writes a checked copy of the archive into the backup folder beside it.
func (s *System) Backup() (BackupResult, error) {
	p, err := s.core.gate()
	if err != nil {
		return BackupResult{}, err
	}
	dest := store.FreePath(filepath.Join(s.core.DB.BackupDir(), backupName()))
	out, err := s.backupTo(p, dest)
	out.SavedTo = ""
	return out, err
}

// BackupAs asks the window's save dialog where to write the backup (a USB stick). A browser seat
// has no dialogs and is refused: it backs up into the backup folder.
func (s *System) BackupAs() (BackupResult, error) {
	p, err := s.core.gate()
	if err != nil {
		return BackupResult{}, err
	}
	if s.core.dialogs == nil {
		return BackupResult{}, errs.Conflict("", "浏览器中只能备份到数据库旁的备份文件夹，请用「立即备份」", nil)
	}
	dest, err := s.core.dialogs.SaveFile("备份保存到", backupName()+".db", "酒客通备份", "*.db")
	if err != nil {
		return BackupResult{}, errs.Internal("backup dialog", err)
	}
	if dest == "" {
		return BackupResult{Cancelled: true}, nil
	}
	if err := s.core.writable("file", dest); err != nil {
		return BackupResult{}, err
	}
	if _, err := os.Stat(dest); err == nil {
		return BackupResult{}, errs.Conflict("file", "“"+filepath.Base(dest)+"”已存在，请换一个文件名", nil)
	}
	return s.backupTo(p, dest)
}

func (s *System) backupTo(p pass, dest string) (BackupResult, error) {
	ctx := s.core.context()
	if err := s.core.DB.BackupTo(ctx, dest); err != nil {
		os.Remove(dest)
		return BackupResult{}, errs.Invalid("file", "无法写入备份“"+filepath.Base(dest)+"”：请检查文件夹是否可写、U盘是否已插好")
	}
	if err := store.CheckFile(ctx, dest, true); err != nil {
		return BackupResult{}, errs.Internal("verify backup", err)
	}
	name := filepath.Base(dest)
	return BackupResult{Name: name, SavedTo: dest}, s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return s.core.logKept(ctx, tx, a, "手动备份", "backup", name, nil)
	})
}

// Restore stages one of the listed backups (System.Backups), named as listed, to replace the
// archive when Jiuke next starts. The UI then asks the user to restart.
func (s *System) Restore(name string) error {
	p, err := s.core.gate()
	if err != nil {
		return err
	}
	path, err := s.core.DB.BackupPath(name)
	if err != nil {
		return err
	}
	return s.restore(p, path)
}

// RestorePicked asks the window's file dialog for a backup anywhere (a USB stick) and stages it.
func (s *System) RestorePicked() (BackupResult, error) {
	p, err := s.core.gate()
	if err != nil {
		return BackupResult{}, err
	}
	if s.core.dialogs == nil {
		return BackupResult{}, errs.Conflict("", "浏览器中请从备份列表中选择要恢复的备份", nil)
	}
	path, err := s.core.dialogs.OpenFile("选择要恢复的备份（重启后生效）", "酒客通备份", "*.db")
	if err != nil {
		return BackupResult{}, errs.Internal("restore dialog", err)
	}
	if path == "" {
		return BackupResult{Cancelled: true}, nil
	}
	if err := regularFile("file", path); err != nil {
		return BackupResult{}, err
	}
	return BackupResult{Name: filepath.Base(path), SavedTo: path}, s.restore(p, path)
}

// restore checks a backup fully, keeps a safety copy of the current archive, and stages the backup.
func (s *System) restore(p pass, file string) error {
	ctx := s.core.context()
	if err := store.CheckFile(ctx, file, true); err != nil {
		return errs.Invalid("file", err.Error())
	}
	// The safety copy runs before the logging transaction, so it holds the archive as it was. A
	// damaged archive may not copy through SQLite: then its files are kept as they are.
	if _, err := s.core.DB.EventBackup(ctx, "before-restore"); err != nil {
		if s.core.DB.Health().State != store.HealthFailed {
			return errs.Internal("backup before restore", err)
		}
		if _, err := s.core.DB.KeepDamaged(); err != nil {
			return errs.Internal("keep damaged archive", err)
		}
	}
	pending := PendingRestore(s.core.DB.Path)
	if err := copyFile(file, pending); err != nil {
		os.Remove(pending)
		return fileError("file", "读取", file, err)
	}
	// Logged in the archive being replaced, and in the trail beside it that outlives the restore.
	return s.core.writeAsOrDiscard(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return s.core.logKept(ctx, tx, a, "恢复备份", "backup", filepath.Base(file), nil)
	})
}

// logKept is log for lines that must survive a restore (see audit.LogKept).
func (c *Core) logKept(ctx context.Context, tx *sql.Tx, a staff.Member, action, targetType, label string, details any) error {
	return audit.LogKept(ctx, tx, c.DB.Path, audit.Record{StaffID: a.ID, StaffName: a.Name, Action: action, TargetType: targetType,
		TargetLabel: label, Details: details, ApprovedBy: approvedBy(ctx)})
}

// replayTrail puts back the kept lines a restore took out of the log (see audit.Replay).
func replayTrail(ctx context.Context, db *store.DB) error {
	if _, err := audit.Replay(ctx, db); err != nil && !errors.Is(err, context.Canceled) {
		return errs.Internal("replay audit trail", err)
	}
	return nil
}
