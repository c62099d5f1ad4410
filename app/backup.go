package app

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Dialogs are the window's native file pickers; nil in a browser, where the user types a path.
type Dialogs interface {
	ChooseFolder(title string) (string, error)
	ChooseFile(title, pattern string) (string, error)
}

// PendingRestore is where a restore waits for the next start: the live file is never swapped under
// a running window.
func PendingRestore(dbPath string) string { return dbPath + ".restore-pending" }

// Backups lists the automatic and event backups beside the database.
func (s *System) Backups() ([]store.BackupFile, error) {
	if _, _, err := s.core.read(); err != nil {
		return nil, err
	}
	return s.core.DB.Backups()
}

// ChooseFolder opens the window's folder picker (a USB stick for a manual backup).
func (s *System) ChooseFolder() (string, error) {
	if err := s.core.check(); err != nil {
		return "", err
	}
	if s.core.Dialogs == nil {
		return "", errs.Conflict("", "浏览器中请直接输入文件夹路径", nil)
	}
	return s.core.Dialogs.ChooseFolder("选择备份保存位置")
}

// ChooseBackupFile opens the window's file picker for a backup to restore.
func (s *System) ChooseBackupFile() (string, error) {
	if err := s.core.check(); err != nil {
		return "", err
	}
	if s.core.Dialogs == nil {
		return "", errs.Conflict("", "浏览器中请直接输入备份文件路径", nil)
	}
	return s.core.Dialogs.ChooseFile("选择要恢复的备份", "*.db")
}

// BackupTo writes a checked copy of the archive into folder (empty: the backup folder beside it).
func (s *System) BackupTo(folder string) (string, error) {
	if err := s.core.check(); err != nil {
		return "", err
	}
	if folder == "" {
		folder = s.core.DB.BackupDir()
	}
	if info, err := os.Stat(folder); err != nil || !info.IsDir() {
		return "", errs.Invalid("folder", "找不到文件夹："+folder)
	}
	path := filepath.Join(folder, "酒客通备份-"+time.Now().In(store.Shop).Format("20060102-150405")+".db")
	ctx := s.core.context()
	if err := s.core.DB.BackupTo(ctx, path); err != nil {
		return "", errs.Invalid("folder", fmt.Sprintf("无法写入备份（%v）：请检查文件夹是否可写、U盘是否已插好", err))
	}
	if err := store.CheckFile(ctx, path, true); err != nil {
		return "", errs.Internal("verify backup", err)
	}
	return path, s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return s.core.log(ctx, tx, a, "手动备份", "backup", 0, path, nil)
	})
}

// Restore checks a backup fully, keeps a safety copy of the current archive, and stages the backup
// to replace it when Jiuke next starts. The UI then asks the user to restart.
func (s *System) Restore(file string) error {
	if err := s.core.check(); err != nil {
		return err
	}
	ctx := s.core.context()
	if err := store.CheckFile(ctx, file, true); err != nil {
		return errs.Invalid("file", err.Error())
	}
	// The safety copy uses the writer connection, so it runs before the logging transaction.
	if _, err := s.core.DB.EventBackup(ctx, "before-restore"); err != nil {
		return errs.Internal("backup before restore", err)
	}
	if err := copyFile(file, PendingRestore(s.core.DB.Path)); err != nil {
		return errs.Internal("stage restore", err)
	}
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return s.core.log(ctx, tx, a, "恢复备份", "backup", 0, file, nil)
	})
}

func copyFile(src, dest string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dest, b, 0o644)
}
