package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jiuke/backend/bench/figures"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
)

// walletPerCustomer sizes the stored-value ledger: two recharges a customer, 2,000,000 entries at the
// default million customers.
const walletPerCustomer = 2

// benchWalletPurchases times a purchase paid by stored value that earns points (one transaction
// each, as at the counter: the sale, its line, its payment, the wallet entry split by the owner's
// rule, the points entry, the level check) against a floor measured in the same run: the same rows
// written by bare INSERTs after one balance lookup. Runs after benchPurchases, which made every
// customer a member and added the products.
func benchWalletPurchases(ctx context.Context, db *store.DB, customers, n int) error {
	walletEntries := walletPerCustomer * customers
	if err := growWallet(ctx, db, customers, walletEntries); err != nil {
		return err
	}
	var product int64
	if err := db.R.QueryRowContext(ctx, `SELECT id FROM products WHERE active = 1 ORDER BY id LIMIT 1`).Scan(&product); err != nil {
		return fmt.Errorf("储值消费基准需要商品: %w", err)
	}
	line := []sales.LineInput{{ProductID: product, Qty: 2}}
	errProbe := errors.New("probe")
	// Each timed purchase goes to a different member, with what that member owes worked out first by
	// the same sale rolled back (untimed): the purchase bench before this one lifted some members to a
	// level with a member price, a kept database (-reuse) more, and a member who buys twice here may
	// be lifted in between. The floor and the timed purchase each pay once from a buyer's balance, so
	// a buyer must hold twice what they owe: on a kept database earlier runs have spent the first
	// members' balances (they are picked in the same order every run).
	type buyer struct{ id, due int64 }
	var buyers []buyer
	for k := 0; len(buyers) < n+n/10+1; k++ {
		if k >= customers {
			return fmt.Errorf("储值消费基准：只有 %d 位会员的储值余额够付两笔（需要 %d 位）", len(buyers), n+n/10+1)
		}
		c := int64(1 + (k*7919+13)%customers)
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			var balance int64
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT principal_fen + bonus_fen FROM wallet_balances WHERE customer_id = ?), 0)`, c).Scan(&balance); err != nil {
				return err
			}
			p, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: c, Key: fmt.Sprintf("wallet-bench-probe:%d", c), Lines: line}, 0, false)
			if err == nil && balance >= 2*p.DueFen {
				buyers = append(buyers, buyer{c, p.DueFen})
			}
			return errProbe
		})
		if !errors.Is(err, errProbe) {
			return err
		}
	}
	key := 0
	floor := measure(n, func() error {
		key++
		c, due := buyers[key%len(buyers)].id, buyers[key%len(buyers)].due
		return db.WithTx(ctx, func(tx *sql.Tx) error {
			var principal, bonus int64
			if err := tx.QueryRowContext(ctx, `SELECT principal_fen, bonus_fen FROM wallet_balances WHERE customer_id = ?`, c).Scan(&principal, &bonus); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, date, total_fen, points_earned, idem_key, created_at) VALUES (?,?,?,?,?,?)`,
				c, store.Today(), due, due/100, fmt.Sprintf("wfloor:%d:%d", runID, key), store.Now())
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_lines (purchase_id, product_id, product_name, qty, unit_fen, amount_fen, points)
				VALUES (?,?,?,?,?,?,?)`, id, product, "测试", 2, due/2, due, due/100); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_payments (purchase_id, seq, method, amount_fen) VALUES (?, 1, 'stored', ?)`, id, due); err != nil {
				return err
			}
			p, b := wallet.Split(wallet.SpendProportional, wallet.Balance{PrincipalFen: principal, BonusFen: bonus}, due)
			if _, err := tx.ExecContext(ctx, `INSERT INTO wallet_entries (customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after,
				purchase_id, idem_key, created_at) VALUES (?, 'spend', ?, ?, ?, ?, ?, ?, ?)`,
				c, -p, -b, principal-p, bonus-b, id, fmt.Sprintf("wfloor-w:%d:%d", runID, key), store.Now()); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO points_entries (customer_id, kind, points, idem_key, created_at) VALUES (?, 'earn', ?, ?, ?)`,
				c, due/100, fmt.Sprintf("wfloor-pts:%d:%d", runID, key), store.Now())
			return err
		})
	})
	if floor.err != nil {
		return fmt.Errorf("储值消费基线: %w", floor.err)
	}
	next := 0
	real := measure(n, func() error {
		key++
		b := buyers[next%len(buyers)]
		next++
		in := sales.PurchaseInput{CustomerID: b.id, Key: fmt.Sprintf("bench-w:%d:%d", runID, key), Lines: line,
			Payments: []sales.Payment{{Method: sales.PayStored, AmountFen: b.due}}}
		return db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := sales.Record(ctx, tx, in, 0, false)
			return err
		})
	})
	if real.err != nil {
		return fmt.Errorf("储值消费: %w", real.err)
	}
	fmt.Printf("%-26s %10s %10s %10s\n", "基线: 同样几行的裸 INSERT", ms(floor.p50), ms(floor.p99), "1.0×")
	fmt.Printf("%-26s %10s %10s %9.1f×\n", "储值支付+积分", ms(real.p50), ms(real.p99), float64(real.p99)/float64(floor.p99))
	record(figures.Figure{Name: "储值支付消费 p99", Value: msf(real.p99), Unit: "ms", Floor: msf(floor.p99), FloorName: "同样几行的裸 INSERT p99",
		Limit: 1.5, OnRatio: true, Note: fmt.Sprintf("%d 万客户、%d 万条储值流水", customers/10000, walletEntries/10000)})
	return nil
}

// growWallet gives every customer a card (a stored-value payment needs one) and brings the wallet
// ledger to entries recharges, spread evenly over the customers, through the ledger's own triggers.
func growWallet(ctx context.Context, db *store.DB, customers, entries int) error {
	var have int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM wallet_entries`).Scan(&have); err != nil {
		return err
	}
	if have >= entries {
		return nil
	}
	fmt.Printf("\n生成 %d 条储值流水并为全部客户发卡 …\n", entries-have)
	start := time.Now()
	if _, err := db.W.ExecContext(ctx, `INSERT INTO cards (number, customer_id, issued_at, changed_at)
		SELECT 'W' || id, id, ?1, ?1 FROM customers c WHERE NOT EXISTS (SELECT 1 FROM cards k WHERE k.customer_id = c.id)`, store.Now()); err != nil {
		return err
	}
	const batch = 200_000
	for done := have; done < entries; {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			st, err := tx.PrepareContext(ctx, `INSERT INTO wallet_entries (customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after,
				cash_fen, method, idem_key, created_at) VALUES (?, 'recharge', 100000, 10000, ?, ?, 100000, 'cash', ?, ?)`)
			if err != nil {
				return err
			}
			defer st.Close()
			ts := store.Now()
			for i := 0; i < batch && done < entries; i++ {
				// The customer's k-th recharge leaves k × the amounts: the trigger checks the balances after.
				k := int64(done/customers + 1)
				if _, err := st.ExecContext(ctx, 1+done%customers, k*100000, k*10000, fmt.Sprintf("bench-wallet:%d", done), ts); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Printf("\r  已写入 %d / %d", done, entries)
	}
	fmt.Printf("\n  用时 %.1f s\n\n", time.Since(start).Seconds())
	return nil
}
