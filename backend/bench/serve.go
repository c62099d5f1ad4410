package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"jiuke/backend/bench/figures"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"jiuke/backend/segments"
)

// benchServe starts the real `jiuke serve` on the bench database, sets up the owner through its HTTP
// API as a browser would, loads the home page's dashboard and the first pages of the busiest lists,
// and counts a segment when given one (the count reads on several connections at once), and reads the
// process's resident memory from /proc: now (VmRSS) and at its peak (VmHWM).
func benchServe(dbPath, bin string, count *segments.Node) error {
	if bin == "" {
		dir, err := os.MkdirTemp("", "jiuke-bench-bin-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "jiuke-serve")
		fmt.Println("\n编译 jiuke serve …")
		build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("编译 jiuke serve: %w", err)
		}
	}
	samples, err := searchSamples(dbPath)
	if err != nil {
		return err
	}
	info, err := os.Stat(dbPath)
	if err != nil {
		return err
	}
	// The file was just written or read, so it is in the page cache, as on a shop PC started twice.
	started := time.Now()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", dbPath)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	base, err := serverURL(out)
	if err != nil {
		return err
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 2 * time.Minute}
	if err := rpc(c, base, "Auth/Status"); err != nil {
		return err
	}
	startup := time.Since(started)
	fmt.Printf("\njiuke serve 从启动到首个应答 %.3f s（数据库 %.0f MiB，已在页缓存中）\n", startup.Seconds(), float64(info.Size())/(1<<20))
	record(figures.Figure{Name: "jiuke serve 启动到首个应答", Value: startup.Seconds(), Unit: "s", Limit: 1, Below: true,
		Note: fmt.Sprintf("数据库 %.0f MiB，文件在页缓存中", float64(info.Size())/(1<<20))})
	steps := peakSteps{pid: cmd.Process.Pid}
	steps.take("启动")
	if err := signIn(c, base); err != nil {
		return err
	}
	steps.take("登录")
	if err := searchHTTP(c, base, samples); err != nil {
		return err
	}
	steps.take("搜索")
	rssBefore, _ := procStatus(cmd.Process.Pid)
	type call struct {
		step, method string
		args         []any
	}
	calls := []call{
		{"系统信息", "System/Info", nil},
		{"仪表盘", "Reports/Dashboard", nil},
		{"客户列表", "Customers/List", []any{map[string]any{"page": 1, "pageSize": 50}}},
		{"会员列表", "Members/List", []any{map[string]any{"page": 1, "pageSize": 50}}},
		{"积分流水", "Points/Recent", []any{"", 0}},
		{"仪表盘", "Reports/Dashboard", nil},
	}
	loaded := "首页仪表盘和客户/会员/积分列表"
	if count != nil {
		calls = append(calls, call{"客群计数", "Segments/Count", []any{*count}})
		loaded += "、客群计数"
	}
	start := time.Now()
	for _, req := range calls {
		if err := rpc(c, base, req.method, req.args...); err != nil {
			return err
		}
		steps.take(req.step)
	}
	elapsed := time.Since(start)
	rss, _ := procStatus(cmd.Process.Pid)
	hwm := steps.peak
	fmt.Printf("\njiuke serve 常驻内存：启动、登录并搜索后 %.0f MiB；载入%s后 VmRSS %.0f MiB，峰值 VmHWM %.0f MiB（%d 个请求共 %.1f s）\n",
		float64(rssBefore)/1024, loaded, float64(rss)/1024, float64(hwm)/1024, len(calls), elapsed.Seconds())
	fmt.Printf("各步的峰值（MiB，超过前一步常驻内存的部分在括号里）与用时：%s\n", steps.String())
	fmt.Printf("其中程序文件本身映射进内存的页 %.0f MiB（与数据无关；同一程序随它在系统页缓存中的状态差约 5 MiB，新编译的偏高）\n",
		float64(fileRSS(cmd.Process.Pid))/1024)
	record(figures.Figure{Name: "jiuke serve 常驻内存峰值", Value: float64(hwm) / 1024, Unit: "MiB", Limit: 150, Below: true,
		Note: steps.top()})
	return nil
}

var urlPattern = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

func serverURL(out io.Reader) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := urlPattern.FindString(sc.Text()); m != "" {
				found <- m
				break
			}
		}
		io.Copy(io.Discard, out)
	}()
	select {
	case u := <-found:
		return u, nil
	case <-time.After(2 * time.Minute):
		return "", fmt.Errorf("jiuke serve 两分钟内没有启动")
	}
}

const ownerPassword = "laoban-8888"

// signIn sets the owner up on a fresh bench database, or signs them in on one kept from a run before.
func signIn(c *http.Client, base string) error {
	var st struct {
		NeedsSetup bool `json:"needsSetup"`
		Staff      []struct {
			ID   int64  `json:"id"`
			Role string `json:"role"`
		} `json:"staff"`
	}
	if err := rpcInto(c, base, "Auth/Status", &st); err != nil {
		return err
	}
	if st.NeedsSetup {
		return rpc(c, base, "Auth/Setup", map[string]string{"shopName": "基准测试酒行", "ownerName": "店主", "password": ownerPassword})
	}
	for _, m := range st.Staff {
		if m.Role == "owner" {
			return rpc(c, base, "Auth/SignIn", m.ID, ownerPassword)
		}
	}
	return fmt.Errorf("数据库里没有老板账号")
}

func rpc(c *http.Client, base, method string, args ...any) error {
	return rpcInto(c, base, method, nil, args...)
}

// rpcInto calls one method as the browser bridge does (a JSON array of arguments, the session
// cookie) and decodes the answer into out when out is not nil.
func rpcInto(c *http.Client, base, method string, out any, args ...any) error {
	if args == nil {
		args = []any{}
	}
	body, _ := json.Marshal(args)
	resp, err := c.Post(base+"api/app/"+method, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", method, resp.StatusCode, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// procStatus reads VmRSS and VmHWM (KiB) of a process; zeros where /proc is missing.
func procStatus(pid int) (rss, hwm int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		var v int64
		if strings.HasPrefix(line, "VmRSS:") {
			fmt.Sscanf(strings.TrimPrefix(line, "VmRSS:"), "%d", &v)
			rss = v
		} else if strings.HasPrefix(line, "VmHWM:") {
			fmt.Sscanf(strings.TrimPrefix(line, "VmHWM:"), "%d", &v)
			hwm = v
		}
	}
	return rss, hwm
}
