package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
)

// Files on this computer are named only on the Go side: by the window's dialogs, or by the command
// line. Nothing a client sends is ever used as a path.

// Dialogs are the window's native file dialogs (or, for the command line, the paths it was given).
// Each answers "" when the user cancelled.
type Dialogs interface {
	// OpenFile asks for an existing file; pattern is like "*.xlsx;*.csv".
	OpenFile(title, filterName, pattern string) (string, error)
	// SaveFile asks where to write a new file, suggesting defaultName.
	SaveFile(title, defaultName, filterName, pattern string) (string, error)
}

// fileError turns a file-system error into a Chinese message naming the file (never Go's English).
func fileError(field, verb, path string, err error) error {
	name := filepath.Base(path)
	var e *errs.Error
	switch {
	case errors.As(err, &e):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return errs.Invalid(field, fmt.Sprintf("找不到文件“%s”", name))
	case errors.Is(err, fs.ErrPermission):
		return errs.Invalid(field, fmt.Sprintf("没有权限%s“%s”：请检查文件是否正被其他程序打开，或文件夹是否只读", verb, name))
	}
	return errs.Invalid(field, fmt.Sprintf("无法%s“%s”：请检查磁盘空间，以及U盘是否已插好", verb, name))
}

// regularFile refuses anything but an existing plain file (folders, devices such as /dev/zero, pipes).
func regularFile(field, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fileError(field, "读取", path, err)
	}
	if !st.Mode().IsRegular() {
		return errs.Invalid(field, fmt.Sprintf("“%s”不是普通文件，请选择一个文件", filepath.Base(path)))
	}
	return nil
}

// writable refuses a save target that is the database itself or one of the files beside it that
// keep it whole (its WAL, a staged restore, the audit trail), even when the dialog offered it.
func (c *Core) writable(field, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fileError(field, "写入", dest, err)
	}
	dbAbs, _ := filepath.Abs(c.DB.Path)
	own := []string{dbAbs, dbAbs + "-wal", dbAbs + "-shm", dbAbs + "-journal", PendingRestore(dbAbs), audit.TrailPath(dbAbs)}
	for _, p := range own {
		if strings.EqualFold(abs, p) || sameFile(abs, p) {
			return errs.Invalid(field, "不能保存到酒客通的数据文件上，请换一个文件名或位置")
		}
	}
	if st, err := os.Stat(abs); err == nil && !st.Mode().IsRegular() {
		return errs.Invalid(field, fmt.Sprintf("“%s”不是普通文件，请换一个文件名", filepath.Base(abs)))
	}
	return nil
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// writeFile writes data beside dest and renames it over, so a failed write leaves no half file.
func writeFile(dest string, data []byte) error {
	tmp := dest + ".saving"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// copyFile streams src to dest (a backup may be large).
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
		os.Remove(dest)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
