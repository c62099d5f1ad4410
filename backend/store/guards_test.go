package store_test

import (
	"testing"

	"jiuke/backend/store/storetest"
)

// Every way raw SQL could rewrite a ledger or the totals read from it is refused by the database
// itself and changes nothing; the ledger's own inserts still keep the totals exact.
func TestLedgerAndTotalsRefuseEveryBypass(t *testing.T) {
	db := storetest.Open(t)
	for _, q := range []string{
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, '甲', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (2, '乙', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO memberships (customer_id, level_id, level_since, registered_at) VALUES (1, 1, '2026-01-01', '2026-01-01T00:00:00Z')`,
		`INSERT INTO points_entries (customer_id, kind, points, idem_key, created_at) VALUES (1, 'bonus', 100, 'k1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO points_entries (customer_id, kind, points, idem_key, created_at) VALUES (1, 'redeem', -40, 'k2', '2026-03-02T00:00:00Z')`,
		`INSERT INTO points_allocations (spend_id, lot_id, points) VALUES (2, 1, 40)`,
		`INSERT INTO purchases (id, customer_id, date, total_fen, idem_key, created_at) VALUES (1, 1, '2026-03-01', 50000, 'p1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO refunds (id, purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at)
		 VALUES (1, 1, 20000, 0, 0, 0, 20000, 'r1', '2026-03-02T00:00:00Z')`,
		`INSERT INTO audit_entries (id, staff_name, action, created_at) VALUES (1, '店长', 'sale', '2026-03-01T00:00:00Z')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	all := []string{"points_entries", "points_allocations", "points_totals", "points_months", "memberships",
		"purchases", "refunds", "audit_entries", "customers"}
	const entry = `(customer_id, kind, points, idem_key, created_at)`
	storetest.RefusesEach(t, db, "积分流水只能追加", all,
		`UPDATE points_entries SET points = 100000`,
		`DELETE FROM points_entries`,
		`REPLACE INTO points_entries (id, customer_id, kind, points, idem_key, created_at) VALUES (1, 1, 'bonus', 100000, 'k1', '2026-03-01T00:00:00Z')`,
		`INSERT OR REPLACE INTO points_entries `+entry+` VALUES (1, 'bonus', 100000, 'k1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO points_entries `+entry+` VALUES (1, 'bonus', 100000, 'k2', '2026-03-01T00:00:00Z')
		   ON CONFLICT (idem_key) DO UPDATE SET points = excluded.points`,
		`INSERT INTO points_entries `+entry+` VALUES (1, 'bonus', 100000, 'k2', '2026-03-01T00:00:00Z')
		   ON CONFLICT DO NOTHING`,
		`REPLACE INTO points_allocations (spend_id, lot_id, points) VALUES (2, 1, 1)`,
		`UPDATE points_allocations SET points = 1`,
		`DELETE FROM points_allocations`,
	)
	storetest.RefusesEach(t, db, "积分汇总只能由积分流水更新", all,
		`UPDATE points_totals SET points = 999999`,
		`UPDATE points_totals SET points = points + 100, last_entry_id = 1 WHERE kind = 'bonus'`,  // line 1 again
		`UPDATE points_totals SET points = points + 100, last_entry_id = 99 WHERE kind = 'bonus'`, // no such line
		`UPDATE points_totals SET points = points - 40, last_entry_id = 2 WHERE kind = 'bonus'`,   // another key's line
		`UPDATE points_totals SET kind = 'earn'`,
		`DELETE FROM points_totals`,
		`INSERT INTO points_totals (kind, positive, points, last_entry_id) VALUES ('earn', 1, 5000, 1)`,
		`REPLACE INTO points_totals (kind, positive, points, last_entry_id) VALUES ('bonus', 1, 5000, 1)`,
		`INSERT INTO points_totals (kind, positive, points, last_entry_id) VALUES ('bonus', 1, 5000, 1)
		   ON CONFLICT (kind, positive) DO UPDATE SET points = excluded.points`,
		`UPDATE points_months SET points = 999999`,
		`UPDATE points_months SET month = '2026-04'`,
		`DELETE FROM points_months`,
		`INSERT INTO points_months (month, kind, positive, points, last_entry_id) VALUES ('2026-05', 'bonus', 1, 100, 1)`,
		`REPLACE INTO points_months (month, kind, positive, points, last_entry_id) VALUES ('2026-03', 'bonus', 1, 5000, 1)`,
	)
	storetest.RefusesEach(t, db, "最近消费日期只能由消费记录更新", all,
		`UPDATE memberships SET last_purchase = '2099-01-01'`,
		`UPDATE memberships SET last_purchase = NULL`,
	)
	storetest.RefusesEach(t, db, "已退金额只能由退款记录更新", all,
		`UPDATE purchases SET refunded_fen = 0`,
	)
	storetest.RefusesEach(t, db, "消费记录不能覆盖", all,
		`REPLACE INTO purchases (id, customer_id, date, total_fen, idem_key, created_at) VALUES (1, 1, '2025-01-01', 1, 'p1', '2026-03-01T00:00:00Z')`,
		`INSERT OR REPLACE INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (1, '2025-01-01', 1, 'p1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO purchases (customer_id, date, total_fen, refunded_fen, idem_key, created_at) VALUES (1, '2026-03-05', 100, 100, 'p2', '2026-03-05T00:00:00Z')`,
	)
	storetest.RefusesEach(t, db, "退款记录不能覆盖", all,
		`REPLACE INTO refunds (id, purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at)
		 VALUES (1, 1, 1, 0, 0, 0, 1, 'r1', '2026-03-02T00:00:00Z')`,
	)
	storetest.RefusesEach(t, db, "操作日志只能追加", all,
		`REPLACE INTO audit_entries (id, staff_name, action, created_at) VALUES (1, '别人', 'nothing', '2026-03-01T00:00:00Z')`,
		`UPDATE audit_entries SET staff_name = '别人'`,
		`DELETE FROM audit_entries`,
	)
	storetest.RefusesEach(t, db, "会员标记只能由会员登记更新", all,
		`UPDATE customers SET is_member = 0 WHERE id = 1`,
		`UPDATE customers SET is_member = 1 WHERE id = 2`,
	)

	// The ledger's own lines still move the totals, to the sum of the ledger.
	if _, err := db.W.Exec(`INSERT INTO points_entries ` + entry + ` VALUES (1, 'bonus', 7, 'k3', '2026-04-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.Exec(`INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (1, '2026-04-02', 100, 'p3', '2026-04-02T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	var totals, ledger, months int64
	var last string
	if err := db.W.QueryRow(`SELECT (SELECT SUM(points) FROM points_totals), (SELECT SUM(points) FROM points_entries),
		(SELECT points FROM points_months WHERE month = '2026-04' AND kind = 'bonus'), (SELECT last_purchase FROM memberships)`).Scan(&totals, &ledger, &months, &last); err != nil {
		t.Fatal(err)
	}
	if totals != ledger || ledger != 67 || months != 7 || last != "2026-04-02" {
		t.Fatalf("totals %d, ledger %d, April %d, last purchase %s", totals, ledger, months, last)
	}
}
