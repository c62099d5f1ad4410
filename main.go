// Command jiuke is 酒客通: the desktop window by default, and subcommands for headless work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"jiuke/app"
	"jiuke/app/web"
	"jiuke/backend/demo"
	"jiuke/backend/store"
	"jiuke/frontend"
)

// version is set at release build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `酒客通 %s

用法:
  jiuke [--db 路径] [--demo]                       打开桌面窗口（无显示器时自动改为 serve）
  jiuke serve [--addr 127.0.0.1:8421] [--db 路径] [--demo]   在浏览器中使用（不给 --addr 时 8421 被占用就用下一个空闲端口）
  jiuke demo [--db 路径] [--count 500]             生成演示数据库
  jiuke import customers 文件 [--dry-run] … / jiuke export customers|members|points|purchases [--out 文件]   导入/导出 Excel（加 -h 查看选项）
  jiuke backup [--db 路径] [--out 文件]            备份数据库（默认写入数据库旁的 backups 目录）
  jiuke restore 文件 [--db 路径]                   从备份恢复（先检查备份文件，再备份当前数据库）
  jiuke version                                   显示版本

数据库默认位置: %s（可用 --db 或环境变量 JIUKE_DB 指定）
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		showError("错误：" + err.Error())
		os.Exit(1)
	}
}

func run(args []string) error {
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "window":
		return runWindowOrServe(args)
	case "serve":
		return runServe(args)
	case "demo":
		return runDemo(args)
	case "import":
		return runImport(args)
	case "export":
		return runExport(args)
	case "backup":
		return runBackup(args)
	case "restore":
		return runRestore(args)
	case "version":
		fmt.Println("酒客通", version)
		return nil
	case "help":
		fmt.Printf(usage, version, defaultDBPath(false))
		return nil
	}
	return fmt.Errorf("未知命令 %q，运行 jiuke help 查看用法", cmd)
}

type dbFlags struct {
	path *string
	demo *bool
	// checkAfter, when set, holds the background integrity check back until it is closed (the window's
	// first screen); nil starts it at once.
	checkAfter <-chan struct{}
}

func addDBFlags(fs *flag.FlagSet) dbFlags {
	return dbFlags{
		path: fs.String("db", "", "数据库文件路径"),
		demo: fs.Bool("demo", false, "打开单独的演示数据库（不存在时自动生成）"),
	}
}

func dataDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Jiuke")
}

func defaultDBPath(demoDB bool) string {
	if demoDB {
		return filepath.Join(dataDir(), "demo.db")
	}
	if p := os.Getenv("JIUKE_DB"); p != "" {
		return p
	}
	return filepath.Join(dataDir(), "jiuke.db")
}

// open resolves the database (flag, JIUKE_DB, or the user's data folder), creating the demo archive
// on first use of --demo, and prepares the services.
func (f dbFlags) open(ctx context.Context, events app.Emitter) (*app.Core, error) {
	path := f.dbPath()
	// A restore chosen in the window waits for this start, before the database is opened.
	if err := applyPendingRestore(ctx, path); err != nil {
		return nil, err
	}
	_, statErr := os.Stat(path)
	if statErr == nil {
		// A file another program holds is not a damaged one: say so, and not to restore a backup.
		if f, err := os.Open(path); err != nil {
			return nil, fmt.Errorf("无法打开数据库 %s：%s\n数据没有改动，关闭占用它的程序后再启动即可", path, osReason(err))
		} else {
			f.Close()
		}
		// Only what opening needs; the whole-file integrity check runs after start (CheckInBackground).
		if err := store.CheckOpenable(ctx, path); err != nil {
			return nil, fmt.Errorf("%w\n数据库 %s 无法打开。可用 jiuke restore <备份文件> 从备份恢复，自动备份在 %s",
				err, path, filepath.Join(filepath.Dir(path), "backups"))
		}
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%w\n请检查数据库所在的文件夹是否只读、文件是否被其他程序占用；数据没有改动", err)
	}
	if *f.demo && errors.Is(statErr, os.ErrNotExist) {
		fmt.Println("正在生成演示数据…")
		if err := demo.Fill(ctx, db, 500); err != nil {
			db.Close()
			return nil, err
		}
	}
	core, err := app.NewCore(ctx, db, events)
	if err != nil {
		db.Close()
		return nil, err
	}
	// After the demo is written, so that the day's first backup of a new demo holds the demo shop;
	// the backup follows a passed check, both after start.
	core.CheckInBackgroundAfter(ctx, f.checkAfter)
	core.Version, core.Demo = version, *f.demo
	return core, nil
}

// dbPath is the database these flags name: --db, or the default (JIUKE_DB, the user's data folder).
func (f dbFlags) dbPath() string {
	if *f.path != "" {
		return *f.path
	}
	return defaultDBPath(*f.demo)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func hasDisplay() bool {
	if runtime.GOOS != "linux" {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func runWindowOrServe(args []string) error {
	if !hasDisplay() || !desktopBuild {
		if !desktopBuild {
			fmt.Println("此版本不含桌面窗口，改为在浏览器中使用。")
		} else {
			fmt.Println("未检测到显示器，改为在浏览器中使用。")
		}
		return runServe(args)
	}
	fs := flag.NewFlagSet("jiuke", flag.ContinueOnError)
	f := addDBFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return runWindow(f)
}

// defaultServePort is where `jiuke serve` listens unless told otherwise; when it is taken the next
// free port up to servePortTries later is used, and said.
const (
	defaultServePort = 8421
	servePortTries   = 20
)

func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "", fmt.Sprintf("监听地址（仅限本机；默认 127.0.0.1:%d，被占用时依次试后面的端口）", defaultServePort))
	f := addDBFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *addr != "" && !web.IsLoopback(*addr) {
		return fmt.Errorf("地址 %s 不是本机地址：局域网访问需在设置中开启局域网模式", *addr)
	}
	// Listen before opening the database, so a taken port is said at once, not after the demo is built.
	ln, note, err := listenServe(*addr, defaultServePort)
	if err != nil {
		return err
	}
	defer ln.Close()
	url := fmt.Sprintf("http://%s/", ln.Addr())
	lock, err := lockDB(f.dbPath(), "serve "+url)
	if err != nil {
		return err
	}
	defer lock.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Registered before the database's Close, so it runs after it: Windows' end-session waits for it.
	ctx, closed := watchQuit(ctx)
	defer closed()
	hub := web.NewHub()
	core, err := f.open(ctx, hub)
	if err != nil {
		return err
	}
	defer core.DB.Close()
	if err := attachLAN(ctx, core, hub, ""); err != nil {
		return err
	}
	defer core.LAN.Stop()
	// Every browser signs in on its own seat.
	handler, err := web.NewHandler(func() *app.Core { return core.ForSession() }, hub, frontend.Assets(), web.Options{})
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	if note != "" {
		fmt.Println(note)
	}
	fmt.Printf("酒客通已启动：%s  （数据库：%s，按 Ctrl+C 退出）\n", url, core.DB.Path)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenServe opens addr, or without one port first or the next free one after it; note says when
// first was taken. A taken address the user named is refused with how to pick another.
func listenServe(addr string, first int) (net.Listener, string, error) {
	if addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, "", fmt.Errorf("无法在 %s 上启动（端口可能已被占用，例如已有一个酒客通在运行）。"+
				"请换一个端口：jiuke serve --addr 127.0.0.1:8500，或 make run ADDR=127.0.0.1:8500", addr)
		}
		return ln, "", nil
	}
	for port := first; port < first+servePortTries; port++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		note := ""
		if port != first {
			note = fmt.Sprintf("端口 %d 已被占用，改用 %d。要指定端口：jiuke serve --addr 127.0.0.1:8500，或 make run ADDR=127.0.0.1:8500", first, port)
		}
		return ln, note, nil
	}
	return nil, "", fmt.Errorf("端口 %d 到 %d 都已被占用。请指定一个空闲端口：jiuke serve --addr 127.0.0.1:9000，或 make run ADDR=127.0.0.1:9000",
		first, first+servePortTries-1)
}

func runDemo(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	path := fs.String("db", defaultDBPath(true), "演示数据库文件路径（必须不存在）")
	count := fs.Int("count", 500, "客户数量")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*path); err == nil {
		return fmt.Errorf("%s 已存在；演示数据只写入新文件，请先删除或换一个路径", *path)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := demo.Fill(ctx, db, *count); err != nil {
		return err
	}
	fmt.Printf("已生成 %d 位演示客户：%s\n", *count, *path)
	return nil
}
