package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"jiuke/app"
	"jiuke/backend/audit"
	"jiuke/backend/store"
)

// runBackup backs up as the owner through System.Backup (into the backup folder) or System.BackupAs
// (to --out), so the backup is checked and logged as in the window.
func runBackup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	path := fs.String("db", defaultDBPath(false), "数据库文件路径")
	out := fs.String("out", "", "备份文件（默认写入数据库旁的 backups 目录）")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*path); err != nil {
		return fmt.Errorf("找不到数据库 %s", *path)
	}
	ctx := context.Background()
	core, err := openAsOwner(ctx, *path, argDialogs{save: *out}, nil)
	if err != nil {
		return err
	}
	defer core.DB.Close()
	system := service[*app.System](core)
	var res app.BackupResult
	if *out == "" {
		res, err = system.Backup()
	} else {
		res, err = system.BackupAs()
	}
	if err != nil {
		return message(err)
	}
	if res.SavedTo == "" {
		fmt.Println("已备份到", core.DB.BackupDir(), "中的", res.Name)
	} else {
		fmt.Println("已备份到", res.SavedTo)
	}
	return nil
}

// runRestore restores as the owner through System.RestorePicked, which checks the file, keeps a
// safety copy and logs the restore, then applies it at once (the database is not open elsewhere).
// A database too damaged to open is replaced directly, the restore kept in the audit trail.
func runRestore(args []string) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return errors.New("用法：jiuke restore 备份文件 [--db 路径]")
	}
	src, args := args[0], args[1:]
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	path := fs.String("db", defaultDBPath(false), "要恢复的数据库文件路径")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Replacing the file under a running 酒客通 would lose what it writes next: it restores from its
	// own 备份与恢复 page instead, at its next start.
	lock, err := lockDB(*path, "restore")
	if err != nil {
		return fmt.Errorf("%w\n要在它运行时恢复，请在其中的「备份与恢复」里选择备份（下次启动时生效）", err)
	}
	defer lock.Close()
	ctx := context.Background()
	if err := store.CheckFile(ctx, src, true); err != nil {
		return err
	}
	core, err := openAsOwner(ctx, *path, argDialogs{open: src}, nil)
	if err != nil {
		saved, rerr := store.RestoreFile(ctx, src, *path)
		if rerr != nil {
			return rerr
		}
		if err := audit.AppendTrail(*path, audit.Record{StaffName: "命令行", Action: "恢复备份", TargetType: "backup",
			TargetLabel: fileBase(src)}); err != nil {
			fmt.Fprintln(os.Stderr, "警告：未能记入操作日志：", err)
		}
		if saved != "" {
			fmt.Println("恢复前的数据库已备份到", saved)
		}
		fmt.Println("已从", src, "恢复到", *path)
		return nil
	}
	_, err = service[*app.System](core).RestorePicked()
	core.DB.Close()
	if err != nil {
		return message(err)
	}
	if err := applyPendingRestore(ctx, *path); err != nil {
		return err
	}
	// Opening once puts the restore (and any backups logged since that copy) back into the log.
	core, err = openAsOwner(ctx, *path, argDialogs{}, nil)
	if err != nil {
		return err
	}
	core.DB.Close()
	fmt.Println("已从", src, "恢复到", *path)
	return nil
}

func fileBase(p string) string { return filepath.Base(p) }
