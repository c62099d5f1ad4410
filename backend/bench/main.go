// Command bench measures the app at shop scale and far beyond: it builds an archive of -n customers
// (1,000,000 by default) in a temp database and times every kind of type-ahead query against a floor
// measured in the same run on the same file (an indexed lookup of one full mobile); then recording a
// purchase on a 10,000,000-line points ledger, the home page's dashboard on 5,000,000 purchases, and
// the resident memory of the real `jiuke serve` on that database.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"jiuke/backend/bench/figures"
	"jiuke/backend/customers"
	"jiuke/backend/demo"
	"jiuke/backend/store"
)

func main() {
	burnIfAsked()
	runPhaseIfAsked()
	n := flag.Int("n", 1_000_000, "客户数量")
	queries := flag.Int("q", 2000, "每类查询次数")
	ledger := flag.Int("ledger", 10_000_000, "积分流水条数（0 跳过消费记账测试）")
	keep := flag.String("keep", "", "保留生成的数据库到此路径（默认用完即删）")
	importRows := flag.Int("import", 100_000, "导入基准的台账行数（0 跳过）；-n 0 只测导入")
	purchases := flag.Int("purchases", 5_000_000, "首页仪表盘基准的历史消费笔数（需 -ledger > 0）")
	bin := flag.String("bin", "", "测常驻内存用的 jiuke 可执行文件（默认当场编译）")
	desktop := flag.String("desktop", "", "桌面窗口程序（make desktop-bin 的 build/bin/jiuke），给出时在 Xvfb 里测启动到首次绘制")
	reuse := flag.String("reuse", "", "复用 -keep 保留的数据库，只重测首页仪表盘、客群计数、智能标签重算和常驻内存")
	serveOnly := flag.Bool("serve", false, "与 -reuse 一起用：只测 jiuke serve（启动、经 HTTP 搜索、各步的常驻内存峰值）")
	paintOnly := flag.Bool("paint", false, "与 -reuse、-desktop 一起用：只测桌面窗口启动到首次绘制（最小 WebKitGTK 窗口、空档案、该数据库）")
	cpuProfile := flag.String("cpuprofile", "", "把整个运行的 CPU 剖析写到此文件（go tool pprof 查看）")
	jsonPath := flag.String("json", "", "把各项结果（名称、值、单位、基线、比值、目标、是否达标）写入此 JSON 文件，已有文件中本次未测的项保留")
	flag.Parse()
	desktopBin = *desktop
	onlyServe = *serveOnly
	onlyPaint = *paintOnly
	if err := measureAll(*n, *queries, *ledger, *importRows, *purchases, *keep, *bin, *reuse, *cpuProfile); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		writeFigures(*jsonPath)
		os.Exit(1)
	}
	if err := writeFigures(*jsonPath); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

// measureAll runs what the flags ask for; each measurement records its figures as it goes.
func measureAll(n, queries, ledger, importRows, purchases int, keep, bin, reuse, cpuProfile string) error {
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if onlyPaint {
		if reuse == "" || desktopBin == "" {
			return fmt.Errorf("-paint 要和 -reuse 数据库、-desktop 窗口程序一起用")
		}
		if _, err := os.Stat(reuse); err != nil {
			return err
		}
		return benchPaint(desktopBin, reuse)
	}
	if importRows > 0 {
		if err := benchImports(importRows); err != nil {
			return err
		}
	}
	if reuse != "" && onlyServe {
		return remeasureServe(reuse, bin)
	}
	if reuse != "" {
		return remeasure(reuse, queries, ledger, bin)
	}
	if n == 0 {
		return nil
	}
	return run(n, queries, ledger, purchases, keep, bin)
}

// remeasure runs every measurement but the imports' again on a database an earlier run kept (-keep),
// skipping its build: search in the process, purchases (the ledgers grown only to their size),
// dashboard, segment count, and the real `jiuke serve`. The file is upgraded by the migrations first,
// as a shop's would be.
func remeasure(path string, queries, ledger int, bin string) error {
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		return err
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	var n, purchases int
	if err := db.R.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM purchases)`).Scan(&n, &purchases); err != nil {
		return err
	}
	samples, err := searchSamples(path)
	if err != nil {
		return err
	}
	if err := benchSearch(ctx, db, n, samples, queries); err != nil {
		return err
	}
	if ledger > 0 {
		if err := benchPurchases(ctx, db, n, ledger, queries); err != nil {
			return err
		}
		if err := benchWalletPurchases(ctx, db, n, queries); err != nil {
			return err
		}
	}
	if err := benchDashboard(ctx, db, purchases, max(queries/20, 50)); err != nil {
		return err
	}
	def, err := benchSegments(ctx, db, n, queries)
	if err != nil {
		return err
	}
	if err := benchServe(path, bin, &def); err != nil {
		return err
	}
	return benchPaint(desktopBin, path)
}

// onlyServe (-serve) re-measures just the real `jiuke serve` on a kept archive (-reuse).
var onlyServe bool

// onlyPaint (-paint) re-measures just the window's first paint on a kept archive (-reuse), without
// the imports or anything else: for iterating on the window's start.
var onlyPaint bool

// desktopBin is the window binary whose first paint is timed (-desktop); empty: not timed.
var desktopBin string

// runID tells this run's idempotency keys from those of an earlier run on a kept database (-reuse).
var runID = time.Now().UnixNano()

type sample struct {
	name, initials, pinyin, mobile string
}

func run(n, queries, ledger, purchases int, keep, bin string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "jiuke-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bench.db")
	if keep != "" {
		path = keep
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()

	fmt.Printf("生成 %d 位客户 …\n", n)
	start := time.Now()
	samples, err := build(ctx, db, n)
	if err != nil {
		return err
	}
	buildTime := time.Since(start)
	if _, err := db.W.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	info, _ := os.Stat(path)
	fmt.Printf("建库耗时 %.1f s，数据库 %.0f MiB（%.0f 字节/客户）\n\n", buildTime.Seconds(),
		float64(info.Size())/(1<<20), float64(info.Size())/float64(n))

	if err := benchSearch(ctx, db, n, samples, queries); err != nil {
		return err
	}
	if ledger > 0 {
		if err := growPurchases(ctx, db, n, purchases); err != nil {
			return err
		}
		if err := benchPurchases(ctx, db, n, ledger, queries); err != nil {
			return err
		}
		if err := benchWalletPurchases(ctx, db, n, queries); err != nil {
			return err
		}
		if err := benchDashboard(ctx, db, purchases, max(queries/20, 50)); err != nil {
			return err
		}
	}
	def, err := benchSegments(ctx, db, n, queries)
	if err != nil {
		return err
	}
	if ledger == 0 {
		return nil
	}
	if err := benchServe(path, bin, &def); err != nil {
		return err
	}
	return benchPaint(desktopBin, path)
}

// benchSearch times every kind of type-ahead query in the process against the floor of an indexed
// look-up of one full mobile.
func benchSearch(ctx context.Context, db *store.DB, n int, samples []sample, queries int) error {
	r := rand.New(rand.NewPCG(1, 2))
	pickS := func() sample { return samples[r.IntN(len(samples))] }
	floorStmt, err := db.R.PrepareContext(ctx, `SELECT id FROM customers WHERE mobile = ?`)
	if err != nil {
		return err
	}
	defer floorStmt.Close()
	floor := measure(queries, func() error {
		var id int64
		return floorStmt.QueryRowContext(ctx, pickS().mobile).Scan(&id)
	})
	search := func(q func() string) func() error {
		return func() error {
			_, err := customers.Search(ctx, db.R, q(), 20, false)
			return err
		}
	}
	runes := func(s string) []rune { return []rune(s) }
	kinds := []struct {
		label string
		q     func() string
	}{
		{"拼音首字母 (zs)", func() string { return pickS().initials }},
		{"首字母单字 (z)", func() string { return pickS().initials[:1] }},
		{"全拼前缀 (zhangs)", func() string { p := pickS().pinyin; return p[:min(len(p), 6)] }},
		{"姓名片段 1字", func() string { return string(runes(pickS().name)[1:2]) }},
		{"姓名片段 2字", func() string { return string(runes(pickS().name)[:2]) }},
		{"完整姓名", func() string { return pickS().name }},
		{"手机尾号 4位", func() string { return pickS().mobile[7:] }},
		{"手机号段 (1381234)", func() string { return pickS().mobile[:7] }},
		{"完整手机号", func() string { return pickS().mobile }},
	}
	fmt.Printf("%-22s %10s %10s %10s\n", "查询类型", "p50", "p99", "p99/基线")
	fmt.Printf("%-22s %10s %10s %10s\n", "基线: 手机号索引查询", ms(floor.p50), ms(floor.p99), "1.0×")
	worst := time.Duration(0)
	for _, k := range kinds {
		st := measure(queries, search(k.q))
		if st.err != nil {
			return fmt.Errorf("%s: %w", k.label, st.err)
		}
		worst = max(worst, st.p99)
		fmt.Printf("%-22s %10s %10s %9.1f×\n", k.label, ms(st.p50), ms(st.p99), float64(st.p99)/float64(floor.p99))
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("\nGo 堆峰值约 %.0f MiB\n", float64(m.Sys)/(1<<20))
	record(figures.Figure{Name: "搜索最慢一类 p99（进程内）", Value: msf(worst), Unit: "ms", Floor: msf(floor.p99),
		FloorName: "手机号索引查询 p99", Limit: 30, Below: true, Note: fmt.Sprintf("%d 万客户", n/10000)})
	return nil
}

func build(ctx context.Context, db *store.DB, n int) ([]sample, error) {
	g := demo.NewGenerator(demo.Seed)
	var samples []sample
	const batch = 50_000
	for done := 0; done < n; {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			bulk, err := customers.NewBulk(ctx, tx, 0)
			if err != nil {
				return err
			}
			defer bulk.Close()
			for i := 0; i < batch && done < n; i++ {
				p := g.Next()
				if _, err := bulk.Add(p.Input); err != nil {
					return err
				}
				if done%97 == 0 {
					ini, full := customers.NameKeys(p.Input.Name)
					samples = append(samples, sample{p.Input.Name, ini, full, p.Input.Mobile})
				}
				done++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		fmt.Printf("\r  已写入 %d / %d", done, n)
	}
	fmt.Println()
	return samples, nil
}

type stats struct {
	p50, p99 time.Duration
	err      error
}

func measure(n int, fn func() error) stats {
	for i := 0; i < n/10; i++ { // warm the page cache
		fn()
	}
	d := make([]time.Duration, n)
	for i := range d {
		t := time.Now()
		if err := fn(); err != nil {
			return stats{err: err}
		}
		d[i] = time.Since(t)
	}
	slices.Sort(d)
	return stats{p50: d[n/2], p99: d[n*99/100]}
}

// msf is d in milliseconds, for figures.
func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d.Microseconds())/1000) }
