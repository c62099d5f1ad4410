package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"time"

	"jiuke/backend/bench/figures"
	"jiuke/backend/customers"
)

// searchSamples reads about 500 customers spread over the archive, for type-ahead queries.
func searchSamples(dbPath string) ([]sample, error) {
	db, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM customers`).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(context.Background(), `SELECT name, mobile FROM customers WHERE id % ? = 0 AND mobile IS NOT NULL`, max(n/500, 1))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sample
	for rows.Next() {
		var s sample
		if err := rows.Scan(&s.name, &s.mobile); err != nil {
			return nil, err
		}
		s.initials, s.pinyin = customers.NameKeys(s.name)
		if len([]rune(s.name)) >= 2 && len(s.mobile) == 11 && s.initials != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("数据库里没有可用来搜索的客户")
	}
	return out, rows.Err()
}

// searchHTTP times the type-ahead as the browser calls it (Customers/Search over HTTP, signed in),
// 200 queries of each kind in turn, and records the p99 over all of them.
func searchHTTP(c *http.Client, base string, samples []sample) error {
	r := rand.New(rand.NewPCG(7, 8))
	kinds := []func(s sample) string{
		func(s sample) string { return s.initials },
		func(s sample) string { return s.initials[:1] },
		func(s sample) string { return s.pinyin[:min(len(s.pinyin), 6)] },
		func(s sample) string { return string([]rune(s.name)[1:2]) },
		func(s sample) string { return string([]rune(s.name)[:2]) },
		func(s sample) string { return s.name },
		func(s sample) string { return s.mobile[7:] },
		func(s sample) string { return s.mobile[:7] },
		func(s sample) string { return s.mobile },
	}
	var all []time.Duration
	for _, k := range kinds {
		for i := range 220 {
			q := k(samples[r.IntN(len(samples))])
			t := time.Now()
			if err := rpc(c, base, "Customers/Search", q, false); err != nil {
				return err
			}
			if i >= 20 { // the first ones warm the cache
				all = append(all, time.Since(t))
			}
		}
	}
	slices.Sort(all)
	p50, p99 := all[len(all)/2], all[len(all)*99/100]
	fmt.Printf("经 HTTP 搜索（%d 类，共 %d 次）：p50 %s，p99 %s\n", len(kinds), len(all), ms(p50), ms(p99))
	record(figures.Figure{Name: "搜索 p99（HTTP）", Value: msf(p99), Unit: "ms", Limit: 4, Below: true, Note: "9 类输入混合"})
	return nil
}
