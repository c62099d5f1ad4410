package wine_test

import (
	"testing"

	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/wine"
)

// Raw SQL cannot rewrite the stored-wine ledger, set a balance it does not sum to, take a customer
// below zero, or erase a print so a reprint passes as the first.
func TestStoredWineLedgerRefusesEveryBypass(t *testing.T) {
	s := newShop(t)
	c, p := s.member("王先生", "13800138001"), s.product("飞天茅台")
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 5})))
	s.must(second(s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 2})))
	if _, err := s.db.W.Exec(`INSERT INTO receipt_prints (kind, ref_id, paper, printed_at) VALUES ('wine', 2, '58', '2026-03-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	all := []string{"wine_entries", "wine_stock", "receipt_prints"}
	const entry = `(customer_id, product_id, kind, qty, idem_key, created_at)`
	storetest.RefusesEach(t, s.db, "存酒流水只能追加", all,
		`UPDATE wine_entries SET qty = 100`,
		`DELETE FROM wine_entries`,
		`REPLACE INTO wine_entries (id, customer_id, product_id, kind, qty, idem_key, created_at) VALUES (1, 1, 1, 'deposit', 99, 'x', '2026-03-01T00:00:00Z')`,
		`INSERT OR REPLACE INTO wine_entries `+entry+` VALUES (1, 1, 'deposit', 99, 'k1', '2026-03-01T00:00:00Z')`,
		`INSERT INTO wine_entries `+entry+` VALUES (1, 1, 'deposit', 99, 'k1', '2026-03-01T00:00:00Z')
		   ON CONFLICT (idem_key) DO UPDATE SET qty = excluded.qty`,
	)
	storetest.RefusesEach(t, s.db, "存酒余量只能由存酒流水更新", all,
		`UPDATE wine_stock SET bottles = 99`,
		`UPDATE wine_stock SET bottles = bottles + 5, last_entry_id = 1`,  // line 1 again
		`UPDATE wine_stock SET bottles = bottles + 5, last_entry_id = 99`, // no such line
		`UPDATE wine_stock SET customer_id = 2`,
		`DELETE FROM wine_stock`,
		`INSERT INTO wine_stock (customer_id, product_id, bottles, last_entry_id) VALUES (1, 1, 5, 1)`,
		`REPLACE INTO wine_stock (customer_id, product_id, bottles, last_entry_id) VALUES (1, 1, 50, 1)`,
	)
	// A withdrawal written by hand past the balance: the stock's CHECK refuses it, and the ledger line with it.
	storetest.RefusesEach(t, s.db, "CHECK constraint failed", all,
		`INSERT INTO wine_entries `+entry+` VALUES (1, 1, 'withdraw', -4, 'raw', '2026-03-01T00:00:00Z')`,
		`INSERT INTO wine_entries `+entry+` VALUES (1, 1, 'deposit', -1, 'raw2', '2026-03-01T00:00:00Z')`,
	)
	storetest.RefusesEach(t, s.db, "打印记录只能追加", all,
		`DELETE FROM receipt_prints`,
		`UPDATE receipt_prints SET ref_id = 3`,
		`REPLACE INTO receipt_prints (id, kind, ref_id, paper, printed_at) VALUES (1, 'wine', 9, '58', '2026-03-01T00:00:00Z')`,
	)
	if s.balance(c, p) != 3 || s.ledgerSum(c, p) != 3 {
		t.Fatalf("balance %d ledger %d after refused bypasses", s.balance(c, p), s.ledgerSum(c, p))
	}
}
