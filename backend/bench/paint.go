package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"jiuke/backend/bench/figures"
	"jiuke/backend/store"
)

// paintScript starts the window binary ($BIN) on $DB inside Xvfb and prints the milliseconds from
// start to the first screenshot that shows a rendered page (200 colours or more: a blank or
// half-drawn window has a few). A screenshot and its count take a tenth of a second or two, so the
// figure is an upper bound by that much. WebKit's GPU compositing and sandbox are unavailable in a
// headless session, as in the desktop smoke test.
const paintScript = `
start=$(date +%s%N)
"$BIN" --db "$DB" >"$WORK/app.log" 2>&1 &
pid=$!
ms=-1
for _ in $(seq 1 300); do
  import -window root "$WORK/shot.png" 2>/dev/null || true
  c=$(convert "$WORK/shot.png" -format "%k" info: 2>/dev/null || echo 0)
  if [ "$c" -ge 200 ]; then ms=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
done
kill $pid; wait $pid 2>/dev/null
echo $ms
`

// benchPaint times the real window (the desktop binary desktop) from start to its first painted
// page on the bench database, against the same on a new, empty archive: what the window costs
// whatever the archive holds. Skipped, saying why, without the binary or Xvfb.
func benchPaint(desktop, dbPath string) error {
	if desktop == "" {
		fmt.Println("\n（未给 -desktop，不测桌面窗口首次绘制）")
		return nil
	}
	for _, tool := range []string{"xvfb-run", "import", "convert"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Printf("\n（没有 %s，不测桌面窗口首次绘制）\n", tool)
			return nil
		}
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
	paint := func(path string) (float64, error) {
		cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", paintScript)
		cmd.Env = append(os.Environ(), "BIN="+desktop, "DB="+path, "WORK="+work,
			"WEBKIT_DISABLE_COMPOSITING_MODE=1", "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1", "LIBGL_ALWAYS_SOFTWARE=1")
		out, err := cmd.Output()
		if err != nil {
			return 0, fmt.Errorf("桌面窗口: %w", err)
		}
		ms, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil || ms < 0 {
			return 0, fmt.Errorf("桌面窗口一分钟内没有画出页面")
		}
		return float64(ms) / 1000, nil
	}
	// Each twice, the faster kept: the first start also warms the binary's own pages.
	best := func(path string) (float64, error) {
		a, err := paint(path)
		if err != nil {
			return 0, err
		}
		b, err := paint(path)
		return min(a, b), err
	}
	floor, err := best(empty)
	if err != nil {
		return err
	}
	got, err := best(dbPath)
	if err != nil {
		return err
	}
	info, _ := os.Stat(dbPath)
	fmt.Printf("\n桌面窗口从启动到首次绘制（Xvfb，软件渲染）：%.2f s；空档案 %.2f s\n", got, floor)
	record(figures.Figure{Name: "桌面窗口启动到首次绘制", Value: got, Unit: "s", Floor: floor, FloorName: "同一程序打开空档案",
		Limit: 1, Below: true, Note: fmt.Sprintf("数据库 %.0f MiB，Xvfb 软件渲染，截图间隔约 0.1–0.2 s", float64(info.Size())/(1<<20))})
	return nil
}
