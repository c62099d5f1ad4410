package wallet_test

import (
	"testing"

	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// The database itself refuses to rewrite the wallet ledger or its balances, whatever SQL reaches it.
func TestDatabaseGuardsTheWalletLedger(t *testing.T) {
	s := newShop(t)
	a := s.member("甲", "13800000021")
	b := s.member("乙", "13800000022")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: a, AmountFen: 10000}) // entry 1
	s.must(err)
	_, err = s.recharge(wallet.RechargeInput{CustomerID: b, AmountFen: 5000}) // entry 2
	s.must(err)
	_, err = s.buy(a, s.product(1000), 1, sales.Payment{Method: "stored", AmountFen: 1000}) // entry 3
	s.must(err)
	all := []string{"wallet_entries", "wallet_balances", "wallet_totals"}
	const cols = `(customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after, idem_key, created_at)`
	storetest.RefusesEach(t, s.db, "储值流水只能追加", all,
		`UPDATE wallet_entries SET principal_fen = 100000`,
		`UPDATE wallet_entries SET principal_after = 999999 WHERE id = 3`,
		`DELETE FROM wallet_entries`,
		`DELETE FROM wallet_entries WHERE kind = 'spend'`,
		`REPLACE INTO wallet_entries (id, customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after, idem_key, created_at)
		  VALUES (3, 1, 'adjust', 0, 0, 9000, 0, 'x', '2026-03-01T00:00:00Z')`,
		`INSERT OR REPLACE INTO wallet_entries `+cols+` VALUES (1, 'adjust', 0, 0, 9000, 0, 'purchase:1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO wallet_entries `+cols+` VALUES (1, 'adjust', 100, 0, 9100, 0, 'purchase:1', '2026-03-01T00:00:00Z')
		   ON CONFLICT (idem_key) DO UPDATE SET principal_fen = excluded.principal_fen`,
		// An entry whose balances after are not the balance plus its change, or below zero.
		`INSERT INTO wallet_entries `+cols+` VALUES (1, 'adjust', 100, 0, 999999, 0, 'fresh1', '2026-03-01T00:00:00Z')`,
	)
	storetest.RefusesEach(t, s.db, "principal_after >= 0", all,
		`INSERT INTO wallet_entries `+cols+` VALUES (1, 'adjust', -10000, 0, -1000, 0, 'fresh2', '2026-03-01T00:00:00Z')`,
	)
	storetest.RefusesEach(t, s.db, "储值余额只能由储值流水更新", all,
		`UPDATE wallet_balances SET principal_fen = 999999`,
		`UPDATE wallet_balances SET principal_fen = principal_fen + 5000, last_entry_id = 2 WHERE customer_id = 2`,  // line 2 again
		`UPDATE wallet_balances SET principal_fen = principal_fen + 5000, last_entry_id = 99 WHERE customer_id = 1`, // no such line
		`UPDATE wallet_balances SET principal_fen = principal_fen + 5000, last_entry_id = 4 WHERE customer_id = 1`,  // no such line yet
		`UPDATE wallet_balances SET customer_id = 2 WHERE customer_id = 1`,
		`DELETE FROM wallet_balances`,
		`INSERT INTO wallet_balances (customer_id, principal_fen, bonus_fen, last_entry_id) VALUES (1, 10000, 0, 1)`,
		`REPLACE INTO wallet_balances (customer_id, principal_fen, bonus_fen, last_entry_id) VALUES (1, 10000, 0, 1)`,
		`UPDATE wallet_totals SET principal_fen = 1`,
		`UPDATE wallet_totals SET principal_fen = principal_fen + 5000, last_entry_id = 2`,
		`DELETE FROM wallet_totals`,
		`REPLACE INTO wallet_totals (id, principal_fen, bonus_fen, last_entry_id) VALUES (1, 10000, 0, 1)`,
	)
	// The ledger's own lines still move the balances, to the sum of the ledger.
	_, err = s.recharge(wallet.RechargeInput{CustomerID: b, AmountFen: 700})
	s.must(err)
	var sumP, sumB, balP, balB, totP, totB int64
	storetest.QueryRow(t, s.db.R, `SELECT SUM(principal_fen), SUM(bonus_fen) FROM wallet_entries`).Scan(&sumP, &sumB)
	storetest.QueryRow(t, s.db.R, `SELECT SUM(principal_fen), SUM(bonus_fen) FROM wallet_balances`).Scan(&balP, &balB)
	storetest.QueryRow(t, s.db.R, `SELECT principal_fen, bonus_fen FROM wallet_totals`).Scan(&totP, &totB)
	if sumP != 10000+5000-1000+700 || balP != sumP || totP != sumP || sumB != 0 || balB != 0 || totB != 0 {
		t.Fatalf("ledger %d/%d, balances %d/%d, totals %d/%d", sumP, sumB, balP, balB, totP, totB)
	}
}
