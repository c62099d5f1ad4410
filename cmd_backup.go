package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"jiuke/backend/store"
)

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
	db, err := store.Open(ctx, *path)
	if err != nil {
		return err
	}
	defer db.Close()
	dest := *out
	if dest == "" {
		dest = filepath.Join(db.BackupDir(), "manual-"+time.Now().Format("20060102-150405")+".db")
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s 已存在，请换一个文件名", dest)
	}
	if err := db.BackupTo(ctx, dest); err != nil {
		return err
	}
	if err := store.CheckFile(ctx, dest, true); err != nil {
		return fmt.Errorf("备份文件校验失败：%w", err)
	}
	fmt.Println("已备份到", dest)
	return nil
}

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
	saved, err := store.RestoreFile(context.Background(), src, *path)
	if err != nil {
		return err
	}
	if saved != "" {
		fmt.Println("恢复前的数据库已备份到", saved)
	}
	fmt.Println("已从", src, "恢复到", *path)
	return nil
}
