package main

import (
	"context"
	"database/sql"
	"fmt"
	"jiuke/backend/bench/figures"
	"math/rand/v2"
	"strings"
	"time"

	"jiuke/backend/reports"
	"jiuke/backend/store"
)

// growPurchases adds purchases spread over the last three years, before anyone is a member: the
// membership rows then pick up their last purchase once each, as a registration does. Purchases carry
// no lines: the dashboard reads none.
func growPurchases(ctx context.Context, db *store.DB, customers, purchases int) error {
	fmt.Printf("\n生成 %d 笔历史消费（近三年）…\n", purchases)
	start := time.Now()
	r := rand.New(rand.NewPCG(5, 6))
	today := time.Now().In(store.Shop)
	const batch = 200_000
	for done := 0; done < purchases; {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			st, err := tx.PrepareContext(ctx, `INSERT INTO purchases (customer_id, date, total_fen, points_earned, idem_key, created_at)
				VALUES (?, ?, ?, 0, ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			ts := store.Now()
			for i := 0; i < batch && done < purchases; i++ {
				date := today.AddDate(0, 0, -r.IntN(3*365)).Format(time.DateOnly)
				if _, err := st.ExecContext(ctx, 1+r.IntN(customers), date, 5000+r.Int64N(500_000), fmt.Sprintf("hist:%d", done), ts); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Printf("\r  已写入 %d / %d", done, purchases)
	}
	fmt.Printf("\n  用时 %.1f s\n", time.Since(start).Seconds())
	return nil
}

// benchDashboard times the home page's one read (reports.Load) against a floor: the bare index
// counts and sums it needs, run as plain SQL on the same file. No ANALYZE: the app never runs it, so
// the plans measured are the ones a shop gets.
func benchDashboard(ctx context.Context, db *store.DB, purchases, n int) error {
	today := time.Now().In(store.Shop)
	if _, err := db.W.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	fmt.Println()
	d, err := reports.Load(ctx, db.R, today)
	if err != nil {
		return err
	}
	fmt.Printf("  会员 %d，本月新增 %d，活跃 %d，沉睡 %d，7/30天生日 %d/%d，未兑换积分 %d\n\n",
		d.Members, d.NewThisMonth, d.ActiveMembers, d.InactiveMembers, d.Birthdays7, d.Birthdays30, d.Outstanding)

	floorQueries := []string{
		`SELECT COUNT(*) FROM memberships`,
		`SELECT COUNT(*) FROM memberships WHERE registered_at >= '` + utc(today.AddDate(0, 0, 1-today.Day())) + `'`,
		`SELECT COUNT(*) FROM memberships WHERE last_purchase >= '` + today.AddDate(0, 0, -89).Format(time.DateOnly) + `'`,
		`SELECT COUNT(*) FROM memberships WHERE last_purchase < '` + today.AddDate(0, 0, -179).Format(time.DateOnly) + `'`,
		`SELECT SUM(points) FROM points_totals`,
		`SELECT COUNT(*) FROM memberships WHERE last_purchase IS NULL AND registered_at < '` + utc(today.AddDate(0, 0, -179)) + `'`,
		`SELECT COUNT(*) FROM customers WHERE birth_month IS NOT NULL AND archived = 0 AND is_member = 1
			AND birth_calendar = 'solar' AND birth_month IN (` + nearMonths(today) + `)`,
	}
	floor := measure(n, func() error {
		for _, q := range floorQueries {
			var v sql.NullInt64
			if err := db.R.QueryRowContext(ctx, q).Scan(&v); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
	if floor.err != nil {
		return floor.err
	}
	real := measure(n, func() error {
		_, err := reports.Load(ctx, db.R, today)
		return err
	})
	if real.err != nil {
		return real.err
	}
	// What the ledger's running totals save: the outstanding points summed over every entry.
	t := time.Now()
	var sum int64
	if err := db.R.QueryRowContext(ctx, `SELECT SUM(points) FROM points_entries`).Scan(&sum); err != nil {
		return err
	}
	naive := time.Since(t)

	fmt.Printf("%-26s %10s %10s %10s\n", "首页仪表盘（一次读取）", "p50", "p99", "p99/基线")
	fmt.Printf("%-26s %10s %10s %10s\n", "基线: 所需计数/求和的裸 SQL", ms(floor.p50), ms(floor.p99), "1.0×")
	fmt.Printf("%-26s %10s %10s %9.1f×\n", "reports.Load", ms(real.p50), ms(real.p99), float64(real.p99)/float64(floor.p99))
	fmt.Printf("（对照：不用累计表、直接对 %d 万条积分流水求和一次 %s）\n", countLedger(ctx, db)/10000, ms(naive))
	// The reports page has no target; one load of its default range shows what a shop this size waits.
	t = time.Now()
	if _, err := reports.LoadCharts(ctx, db.R, reports.LastMonths(today, 12)); err != nil {
		return err
	}
	fmt.Printf("（报表页近 12 个月一次载入 %.2f s，不计入目标）\n", time.Since(t).Seconds())
	record(figures.Figure{Name: "首页仪表盘 p99", Value: msf(real.p99), Unit: "ms", Floor: msf(floor.p99), FloorName: "所需计数/求和的裸 SQL p99",
		Limit: 500, Below: true, Note: fmt.Sprintf("%d 万会员、%d 万笔消费", d.Members/10000, purchases/10000)})
	return nil
}

func utc(day time.Time) string {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, store.Shop).UTC().Format(time.RFC3339)
}

// nearMonths are this month and the next: the solar months a 30-day birthday window can touch.
func nearMonths(today time.Time) string {
	var out []string
	for _, d := range []time.Time{today, today.AddDate(0, 0, 30)} {
		out = append(out, fmt.Sprint(int(d.Month())))
	}
	return strings.Join(out, ",")
}

func countLedger(ctx context.Context, db *store.DB) int64 {
	var n int64
	db.R.QueryRowContext(ctx, `SELECT MAX(id) FROM points_entries`).Scan(&n)
	return n
}
