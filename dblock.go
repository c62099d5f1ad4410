package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf16"
)

// One running program per archive. A second `jiuke serve`, a serve beside the window, or a restore
// from the command line while the program runs would each work on the same file behind the other's
// back; the lock file beside the database (jiuke.db.lock) says who holds it. The operating system
// drops the lock when the holder exits, however it exits, so a crash never leaves a stale lock.

// errLocked is returned when another running 酒客通 holds the archive; holder is what it wrote.
type errLocked struct{ path, holder string }

func (e *errLocked) Error() string {
	who := "另一个酒客通"
	if addr, ok := strings.CutPrefix(e.holder, "serve "); ok {
		who = "另一个在浏览器中使用的酒客通（" + addr + "）"
	} else if e.holder == "window" {
		who = "另一个酒客通窗口"
	}
	return fmt.Sprintf("数据库 %s 已由%s打开。同一份数据同时只能由一个酒客通使用，请直接使用已打开的那个，或先退出它再启动。", e.path, who)
}

// lockDB takes the archive's lock for as long as the returned file stays open (the process's life)
// and records holder ("serve http://…/" or "window") for the message a second copy shows.
func lockDB(path, holder string) (*os.File, error) {
	if err := checkPathLength(path); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("无法创建数据目录 %s：%s", filepath.Dir(path), osReason(err))
	}
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("无法在 %s 中写入文件：%s", filepath.Dir(path), osReason(err))
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("无法锁定数据库 %s：%s", path, osReason(err))
	}
	if !held {
		who, _ := io.ReadAll(io.LimitReader(f, 200))
		f.Close()
		return nil, &errLocked{path: path, holder: strings.TrimSpace(string(who))}
	}
	// The lock covers a byte far past the text (see tryLock), so a second copy can still read it.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(holder), 0)
	}
	return f, nil
}

// osReason says in Chinese why a file operation failed, keeping the system's own words after it.
func osReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "路径不存在（盘符或文件夹不存在）：" + err.Error()
	case isSharingViolation(err):
		return "文件正被其他程序占用（例如正在复制它的工具、杀毒软件或另一个程序）：" + err.Error()
	case errors.Is(err, os.ErrPermission):
		return "没有写入权限（文件夹只读或被系统保护）：" + err.Error()
	}
	return err.Error()
}

// maxPath is Windows' MAX_PATH less its closing NUL: SQLite opens the database, its -wal and -shm
// files with the plain Windows calls, which refuse longer paths unless the machine opted in.
const maxPath = 259

// checkPathLength refuses, on Windows, a database path whose companion files (the longest is the
// .lock) would pass MAX_PATH, before anything is created: otherwise the folders are made and then
// SQLite fails with an English "unable to open database file".
func checkPathLength(path string) error {
	if runtime.GOOS != "windows" {
		return nil
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	n := len(utf16.Encode([]rune(path))) + len(".lock")
	if n > maxPath {
		return fmt.Errorf("数据库路径太长（%d 个字符，Windows 上连同附属文件不能超过 %d 个）：请换一个短一些的文件夹，例如 C:\\酒客数据\\jiuke.db", n, maxPath)
	}
	return nil
}
