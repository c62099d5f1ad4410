package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"jiuke/backend/bench/figures"
	"jiuke/backend/store"
)

// floorPage is what the physical floor paints: a page like the first screen (a tinted background, a
// card, Chinese text and a button), inline, with no script.
const floorPage = `<!doctype html><html lang="zh-CN"><body style="margin:0;height:100vh;background:linear-gradient(160deg,#f7f4f2,#efe3e5);font:14px 'Noto Sans CJK SC',sans-serif">
<div style="width:376px;margin:88px auto;padding:28px 32px;background:#fff;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.08)">
<h2 style="color:#8b1a2b">欢迎使用酒客通</h2><p style="color:#888">第一次使用，请先设置店名和老板账号。</p>
<p>店名</p><input style="width:100%" placeholder="例如：蓉城老酒馆"><p>老板姓名</p><input style="width:100%" placeholder="您的姓名">
<p><button style="width:100%;height:40px;background:#8b1a2b;color:#fff;border:0;border-radius:4px">完成设置并登录</button></p></div></body></html>`

// floorWindow is the physical floor of the window's start: the same WebKitGTK (4.1) in a plain GTK
// window of the same size, loading floorPage, through Python's GObject bindings (no Go, no Wails, no
// asset server, no app). What it takes is what WebKit needs to start and paint anything here.
const floorWindow = `
import sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2
w = Gtk.Window(); w.set_default_size(1280, 800); w.connect("destroy", Gtk.main_quit)
v = WebKit2.WebView(); w.add(v)
v.load_html(open(sys.argv[1], encoding="utf-8").read(), "http://localhost/")
w.show_all(); Gtk.main()
`

// gtkPython is a Python with the WebKitGTK bindings (Debian's, not a virtual environment's), or "".
func gtkPython() string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", `import gi; gi.require_version("WebKit2", "4.1"); from gi.repository import WebKit2`).Run() == nil {
			return py
		}
	}
	return ""
}

// benchPaint times the real window (the desktop binary desktop) from start to its first painted
// page on the bench database, against the same on a new, empty archive: what the window costs
// whatever the archive holds. Skipped, saying why, without the binary or Xvfb.
func benchPaint(desktop, dbPath string) error {
	if desktop == "" {
		fmt.Println("\n（未给 -desktop，不测桌面窗口首次绘制）")
		return nil
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		fmt.Println("\n（没有 Xvfb，不测桌面窗口首次绘制）")
		return nil
	}
	work, err := os.MkdirTemp("", "jiuke-bench-paint-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	empty := filepath.Join(work, "empty.db")
	db, err := store.Open(context.Background(), empty)
	if err != nil {
		return err
	}
	db.Close()
	// Every start is timed in a fresh Xvfb by the meter in xpaint.go; what its reads cost is summed
	// for the figure's note.
	var meter meterCost
	// Each start gives its first paint and its first screen (xpaint.go): the first is the figure, the
	// second goes into its note, so the start screen of index.html cannot hide a slow sign-in screen.
	paintCmd := func(bin string, args ...string) (paintTimes, error) {
		t, m, err := timePaint(bin, args, filepath.Join(work, "app.log"), true)
		meter.add(m)
		if err != nil {
			return t, fmt.Errorf("桌面窗口: %w", err)
		}
		return t, nil
	}
	paint := func(path string) (paintTimes, error) { return paintCmd(desktop, "--db", path) }
	// Each twice, the faster start kept whole (its paint and its first screen): the first start also
	// warms the binary's own pages.
	best := func(run func() (paintTimes, error)) (paintTimes, error) {
		a, err := run()
		if err != nil {
			return a, err
		}
		b, err := run()
		if err != nil || a.painted <= b.painted {
			return a, err
		}
		return b, nil
	}
	var floor paintTimes
	if py := gtkPython(); py != "" {
		page, script := filepath.Join(work, "floor.html"), filepath.Join(work, "floor.py")
		if err := os.WriteFile(page, []byte(floorPage), 0o600); err != nil {
			return err
		}
		if err := os.WriteFile(script, []byte(floorWindow), 0o600); err != nil {
			return err
		}
		if floor, err = best(func() (paintTimes, error) { return paintCmd(py, script, page) }); err != nil {
			return fmt.Errorf("最小 WebKitGTK 窗口: %w", err)
		}
	} else {
		fmt.Println("\n（没有带 WebKit2 4.1 绑定的 python3（python3-gi、gir1.2-webkit2-4.1），不测 WebKit 自身的下限）")
	}
	emptyS, err := best(func() (paintTimes, error) { return paint(empty) })
	if err != nil {
		return err
	}
	got, err := best(func() (paintTimes, error) { return paint(dbPath) })
	if err != nil {
		return err
	}
	info, _ := os.Stat(dbPath)
	fmt.Printf("\n桌面窗口从启动到首次绘制（Xvfb，软件渲染）：%.2f s（登录界面 %.2f s）；空档案 %.2f s（设置界面 %.2f s）；最小 WebKitGTK 窗口画静态页 %.2f s\n",
		got.painted.Seconds(), got.screen.Seconds(), emptyS.painted.Seconds(), emptyS.screen.Seconds(), floor.painted.Seconds())
	record(figures.Figure{Name: "桌面窗口启动到首次绘制", Value: got.painted.Seconds(), Unit: "s", Floor: floor.painted.Seconds(), FloorName: "最小 WebKitGTK 窗口画静态页",
		Limit: 1, Below: true, Note: fmt.Sprintf("首次绘制是启动画面；登录界面画出 %.2f s；同一程序打开空档案 %.2f s（设置界面 %.2f s）；数据库 %.0f MiB，Xvfb 软件渲染，%s",
			got.screen.Seconds(), emptyS.painted.Seconds(), emptyS.screen.Seconds(), float64(info.Size())/(1<<20), meter.note())})
	return nil
}
