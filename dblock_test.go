package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second copy on the same archive is refused in Chinese, naming where the first one serves; a
// restore from the command line is refused too; once the first copy lets go, both go through.
func TestSecondCopyOnTheSameArchiveIsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "酒客数据")
	path := filepath.Join(dir, "酒客.db")
	first, err := lockDB(path, "serve http://127.0.0.1:8421/")
	if err != nil {
		t.Fatal(err)
	}
	err = run([]string{"serve", "--addr", "127.0.0.1:0", "--db", path})
	if err == nil || !strings.Contains(err.Error(), "已由另一个在浏览器中使用的酒客通（http://127.0.0.1:8421/）打开") {
		t.Fatalf("second serve: %v", err)
	}
	if fileExists(path) {
		t.Fatal("the refused copy created the database")
	}
	err = run([]string{"restore", filepath.Join(t.TempDir(), "any.db"), "--db", path})
	if err == nil || !strings.Contains(err.Error(), "备份与恢复") {
		t.Fatalf("restore under a running copy: %v", err)
	}
	// Another archive in the same folder is not affected.
	other, err := lockDB(filepath.Join(dir, "demo.db"), "window")
	if err != nil {
		t.Fatalf("a different archive: %v", err)
	}
	other.Close()
	first.Close()
	again, err := lockDB(path, "window")
	if err != nil {
		t.Fatalf("after the first copy quit: %v", err)
	}
	again.Close()
}

func TestLockInAFolderThatCannotBeMadeSaysWhy(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := lockDB(filepath.Join(file, "j.db"), "window")
	if err == nil || !strings.Contains(err.Error(), "无法创建数据目录") {
		t.Fatalf("%v", err)
	}
}
