package main

import (
	"context"
	"database/sql"
	"fmt"
	"jiuke/backend/bench/figures"
	"math/rand/v2"
	"time"

	"jiuke/backend/sales"
	"jiuke/backend/store"
)

// benchPurchases grows the ledger to ledgerRows entries, makes every customer a member, then times
// recording a purchase with points (one transaction each, as at the counter) against a floor: the same
// rows (purchase, line, ledger entry) written by bare INSERTs in one transaction each.
func benchPurchases(ctx context.Context, db *store.DB, customers, ledgerRows, n int) error {
	// A database kept from an earlier run (-reuse) has members and part of the ledger already.
	var have int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM points_entries`).Scan(&have); err != nil {
		return err
	}
	fmt.Printf("\n生成 %d 条积分流水并把全部客户设为会员 …\n", max(ledgerRows-have, 0))
	start := time.Now()
	// Registrations spread over five years, so "new this month" and "inactive" are realistic.
	if _, err := db.W.ExecContext(ctx, `INSERT INTO memberships (customer_id, level_id, level_since, registered_at)
		SELECT id, (SELECT id FROM member_levels ORDER BY rank LIMIT 1), r, r
		FROM (SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || (id * 7919 % 1826) || ' days') AS r FROM customers c
			WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id))`); err != nil {
		return err
	}
	const batch = 200_000
	for done := have; done < ledgerRows; {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			st, err := tx.PrepareContext(ctx, `INSERT INTO points_entries (customer_id, kind, points, reason, idem_key, created_at)
				VALUES (?, 'bonus', ?, '历史积分', ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			ts := store.Now()
			for i := 0; i < batch && done < ledgerRows; i++ {
				if _, err := st.ExecContext(ctx, 1+done%customers, 10+done%90, fmt.Sprintf("bench:%d", done), ts); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Printf("\r  已写入 %d / %d", done, ledgerRows)
	}
	fmt.Printf("\n  用时 %.1f s\n\n", time.Since(start).Seconds())

	var products []sales.Product
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		for i, cat := range []string{"白酒", "葡萄酒", "服务"} {
			var id int64 // kept from an earlier run
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM products WHERE name = ?`, fmt.Sprintf("测试酒品%d", i)).Scan(&id); err != nil {
				return err
			}
			p, err := sales.SaveProduct(ctx, tx, sales.Product{ID: id, Name: fmt.Sprintf("测试酒品%d", i), Category: cat, RetailFen: int64(9900 * (i + 1)), Active: true})
			if err != nil {
				return err
			}
			products = append(products, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(3, 4))
	key := 0
	floor := measure(n, func() error {
		key++
		c := 1 + r.IntN(customers)
		return db.WithTx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, date, total_fen, points_earned, idem_key, created_at) VALUES (?,?,?,?,?,?)`,
				c, store.Today(), 19800, 198, fmt.Sprintf("floor:%d:%d", runID, key), store.Now())
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_lines (purchase_id, product_id, product_name, qty, unit_fen, amount_fen, points)
				VALUES (?,?,?,?,?,?,?)`, id, products[0].ID, "测试", 2, 9900, 19800, 198); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO points_entries (customer_id, kind, points, idem_key, created_at) VALUES (?, 'earn', 198, ?, ?)`,
				c, fmt.Sprintf("floor-pts:%d:%d", runID, key), store.Now())
			return err
		})
	})
	if floor.err != nil {
		return floor.err
	}
	real := measure(n, func() error {
		key++
		in := sales.PurchaseInput{CustomerID: int64(1 + r.IntN(customers)), Key: fmt.Sprintf("bench-p:%d:%d", runID, key),
			Lines: []sales.LineInput{{ProductID: products[r.IntN(len(products))].ID, Qty: int64(1 + r.IntN(3))}}}
		return db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := sales.Record(ctx, tx, in, 0, false)
			return err
		})
	})
	if real.err != nil {
		return real.err
	}
	fmt.Printf("%-26s %10s %10s %10s\n", "写入（每笔一个事务）", "p50", "p99", "p99/基线")
	fmt.Printf("%-26s %10s %10s %10s\n", "基线: 同样几行的裸 INSERT", ms(floor.p50), ms(floor.p99), "1.0×")
	fmt.Printf("%-26s %10s %10s %9.1f×\n", "消费+积分+升级判断", ms(real.p50), ms(real.p99), float64(real.p99)/float64(floor.p99))
	record(figures.Figure{Name: "消费记账 p99", Value: msf(real.p99), Unit: "ms", Floor: msf(floor.p99), FloorName: "同样几行的裸 INSERT p99",
		Limit: 5, Below: true, Note: fmt.Sprintf("%d 万客户、%d 万条积分流水", customers/10000, ledgerRows/10000)})
	return nil
}
