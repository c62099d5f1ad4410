package store_test

import (
	"testing"

	"jiuke/backend/store/storetest"
)

// The spend totals (migration 0020) refuse every change but their ledger's own lines, the ledger
// refuses rewriting, and purchases, refunds and opening spends still move the totals exactly.
func TestSpendTotalsRefuseEveryBypass(t *testing.T) {
	db := storetest.Open(t)
	for _, q := range []string{
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, '甲', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (2, '乙', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO purchases (id, customer_id, date, total_fen, idem_key, created_at) VALUES (1, 1, '2026-03-01', 50000, 'p1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO purchases (id, customer_id, date, total_fen, idem_key, created_at) VALUES (2, 2, '2026-04-01', 7000, 'p2', '2026-04-01T00:00:00Z')`,
		`INSERT INTO refunds (id, purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at)
		 VALUES (1, 1, 20000, 0, 0, 0, 20000, 'r1', '2026-03-02T00:00:00Z')`,
		`INSERT INTO opening_spends (customer_id, amount_fen, created_at) VALUES (1, 100000, '2026-01-01T00:00:00Z')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	all := []string{"spend_entries", "spend_totals", "spend_recent", "purchases", "opening_spends"}
	storetest.RefusesEach(t, db, "消费汇总流水只能追加", all,
		`UPDATE spend_entries SET fen = 1`,
		`DELETE FROM spend_entries`,
		`REPLACE INTO spend_entries (id, customer_id, month, fen) VALUES (1, 1, '2026-03', 999999)`,
		`INSERT OR REPLACE INTO spend_entries (id, customer_id, month, fen) VALUES (1, 1, '2026-03', 999999)`,
	)
	storetest.RefusesEach(t, db, "消费汇总只能由消费记录更新", all,
		`UPDATE spend_totals SET net_fen = 999999`,
		`UPDATE spend_totals SET net_fen = net_fen + 50000, last_entry_id = 1 WHERE customer_id = 1`,  // a line again
		`UPDATE spend_totals SET net_fen = net_fen + 50000, last_entry_id = 99 WHERE customer_id = 1`, // no such line
		`UPDATE spend_totals SET net_fen = net_fen + 7000, last_entry_id = 2 WHERE customer_id = 1`,   // another customer's line
		`UPDATE spend_totals SET customer_id = 3 WHERE customer_id = 1`,
		`DELETE FROM spend_totals`,
		`INSERT INTO spend_totals (customer_id, net_fen, last_entry_id) VALUES (3, 7000, 2)`,
		`REPLACE INTO spend_totals (customer_id, net_fen, last_entry_id) VALUES (1, 7000, 2)`,
		`INSERT INTO spend_totals (customer_id, net_fen, last_entry_id) VALUES (1, 5, 1) ON CONFLICT (customer_id) DO UPDATE SET net_fen = 5`,
		`UPDATE spend_recent SET q0 = 999999`,
		`UPDATE spend_recent SET q1 = 5, last_entry_id = 99 WHERE customer_id = 1`,                       // no such line
		`UPDATE spend_recent SET month_index = month_index + 1, last_entry_id = 2 WHERE customer_id = 2`, // its month is not later
		`UPDATE spend_recent SET customer_id = 3 WHERE customer_id = 1`,
		`DELETE FROM spend_recent`,
		`INSERT INTO spend_recent (customer_id, month_index, q0, last_entry_id) VALUES (3, 24315, 7000, 2)`,
		`REPLACE INTO spend_recent (customer_id, month_index, q0, last_entry_id) VALUES (2, 24315, 7000, 2)`,
	)

	// The sources' own changes still move the totals to what they say.
	for _, q := range []string{
		`UPDATE purchases SET customer_id = 2 WHERE id = 1`, // a merge
		`UPDATE opening_spends SET customer_id = 2`,
		`DELETE FROM purchases WHERE id = 2`, // an undone import
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var one, two, april, march, oneMarch int64
	if err := db.R.QueryRow(`SELECT (SELECT COALESCE(SUM(net_fen), 0) FROM spend_totals WHERE customer_id = 1),
		(SELECT net_fen FROM spend_totals WHERE customer_id = 2),
		(SELECT q0 FROM spend_recent WHERE customer_id = 2 AND month_index = 2026 * 12 + 3),
		(SELECT q1 FROM spend_recent WHERE customer_id = 2),
		(SELECT q0 FROM spend_recent WHERE customer_id = 1 AND month_index = 2026 * 12 + 2)`).Scan(&one, &two, &april, &march, &oneMarch); err != nil {
		t.Fatal(err)
	}
	// 乙's latest month is April (now empty), March one month before; 甲's March is empty.
	if one != 0 || two != 30000+100000 || march != 30000 || april != 0 || oneMarch != 0 {
		t.Fatalf("totals 甲 %d 乙 %d, 乙's March %d April %d, 甲's March %d; want 0, 130000, 30000, 0, 0", one, two, march, april, oneMarch)
	}
}
