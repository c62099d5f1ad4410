package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"jiuke/backend/errs"
)

// Rotation: daily backups for a week, weekly ones for a month; event backups (before an import, a
// restore, a migration) keep the last ten of each kind.
const (
	keepDaily  = 7
	keepWeekly = 4
	keepEvent  = 10
)

var backupKinds = []string{"daily", "weekly", "before-import", "before-restore", "before-migrate"}

// BackupFile describes one backup in the backup folder. The UI knows it by Name only; Path stays
// on the Go side.
type BackupFile struct {
	Name    string `json:"name"`
	Path    string `json:"-"`
	Kind    string `json:"kind"` // daily, weekly, before-import, before-restore, before-migrate, manual
	Size    int64  `json:"size"`
	ModTime string `json:"modTime"`
}

// AutoBackup makes today's daily backup (and this week's weekly one) if missing, then rotates.
// It returns the daily file's path, or "" when today's already existed.
func (db *DB) AutoBackup(ctx context.Context, now time.Time) (string, error) {
	now = now.In(Shop)
	year, week := now.ISOWeek()
	daily := filepath.Join(db.BackupDir(), "daily-"+now.Format("20060102")+".db")
	weekly := filepath.Join(db.BackupDir(), fmt.Sprintf("weekly-%d-W%02d.db", year, week))
	made := ""
	for _, p := range []string{daily, weekly} {
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if err := db.BackupTo(ctx, p); err != nil {
			return "", err
		}
		if p == daily {
			made = p
		}
	}
	return made, db.rotate()
}

// EventBackup copies the database before a risky operation (kind: before-import, before-restore…).
func (db *DB) EventBackup(ctx context.Context, kind string) (string, error) {
	p := freePath(filepath.Join(db.BackupDir(), kind+"-"+time.Now().In(Shop).Format("20060102-150405")))
	if err := db.BackupTo(ctx, p); err != nil {
		return "", err
	}
	return p, db.rotate()
}

func (db *DB) rotate() error {
	files, err := db.Backups()
	if err != nil {
		return err
	}
	byKind := map[string][]BackupFile{}
	for _, f := range files {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	for kind, list := range byKind {
		keep := keepEvent
		switch kind {
		case "daily":
			keep = keepDaily
		case "weekly":
			keep = keepWeekly
		case "manual":
			continue // the user's own copies are theirs to delete
		}
		// Names sort by date within a kind; newest last.
		sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
		for i := 0; i < len(list)-keep; i++ {
			if err := os.Remove(list[i].Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// Backups lists the automatic backups, newest first.
func (db *DB) Backups() ([]BackupFile, error) {
	entries, err := os.ReadDir(db.BackupDir())
	if errors.Is(err, os.ErrNotExist) {
		return []BackupFile{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := []BackupFile{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		kind := "manual"
		for _, k := range backupKinds {
			if strings.HasPrefix(e.Name(), k+"-") {
				kind = k
			}
		}
		out = append(out, BackupFile{Name: e.Name(), Path: filepath.Join(db.BackupDir(), e.Name()), Kind: kind,
			Size: info.Size(), ModTime: info.ModTime().UTC().Format(time.RFC3339)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ModTime > out[j].ModTime })
	return out, nil
}

// FreePath is base + ".db", or base-2.db, base-3.db… when that exists.
func FreePath(base string) string { return freePath(base) }

// BackupPath is the backup named name in the backup folder. The name must be a plain file name as
// Backups lists it (no folder, no ".."), of a backup that is there.
func (db *DB) BackupPath(name string) (string, error) {
	if name == "" || len(name) > 255 || name != filepath.Base(name) || strings.ContainsAny(name, `/\:`+"\x00") ||
		strings.Contains(name, "..") || !strings.HasSuffix(name, ".db") {
		return "", errs.Invalid("name", "请从备份列表中选择要恢复的备份")
	}
	p := filepath.Join(db.BackupDir(), name)
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() {
		return "", errs.NotFound("备份文件夹中没有“" + name + "”，请刷新备份列表")
	}
	return p, nil
}

// CheckFile verifies that path is an intact Jiuke database this version can open. full runs the
// thorough integrity_check (for restores); otherwise the fast quick_check (after every start).
func CheckFile(ctx context.Context, path string, full bool) error {
	check := "PRAGMA quick_check"
	if full {
		check = "PRAGMA integrity_check"
	}
	return checkFile(ctx, path, check)
}

// CheckOpenable is CheckFile without reading the whole file: a SQLite file of a Jiuke version this
// program can open. It is what start waits for; the integrity check follows in the background.
func CheckOpenable(ctx context.Context, path string) error { return checkFile(ctx, path, "") }

func checkFile(ctx context.Context, path, check string) error {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("找不到文件“%s”", filepath.Base(path))
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("没有权限读取“%s”", filepath.Base(path))
	case err != nil:
		return fmt.Errorf("无法打开“%s”", filepath.Base(path))
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return fmt.Errorf("“%s”不是酒客通的数据文件", filepath.Base(path))
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%s 不是酒客通的数据文件", filepath.Base(path))
	}
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer conn.Close()
	if check != "" {
		var result string
		if err := conn.QueryRowContext(ctx, check).Scan(&result); err != nil {
			return fmt.Errorf("%s 已损坏，无法读取", filepath.Base(path))
		}
		if result != "ok" {
			return fmt.Errorf("%s 已损坏（%s）", filepath.Base(path), result)
		}
	}
	var version int
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("%s 不是酒客通的数据文件", filepath.Base(path))
	}
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].version; version > latest {
		return fmt.Errorf("%s 来自更新版本的酒客通（数据版本 %d，本程序支持到 %d），请先升级程序", filepath.Base(path), version, latest)
	}
	return nil
}

// RestoreFile replaces the database file at dest with src, after checking src fully and backing up
// dest. The database at dest must be closed. The backup made is returned.
func RestoreFile(ctx context.Context, src, dest string) (string, error) {
	if err := CheckFile(ctx, src, true); err != nil {
		return "", err
	}
	saved := ""
	if _, err := os.Stat(dest); err == nil {
		cur, err := Open(ctx, dest)
		if err != nil {
			return "", fmt.Errorf("无法打开当前数据库做恢复前备份：%w", err)
		}
		saved, err = cur.EventBackup(ctx, "before-restore")
		if err != nil {
			// A damaged archive may not copy through SQLite: keep its files as they are.
			saved, err = cur.KeepDamaged()
		}
		cur.Close()
		if err != nil {
			return "", fmt.Errorf("恢复前备份失败，未做任何修改：%w", err)
		}
	}
	// Copy beside the target, then rename over it, so a crash never leaves half a file.
	tmp := dest + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		return saved, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dest + suffix)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return saved, err
	}
	return saved, nil
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
