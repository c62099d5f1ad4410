package banquets_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/banquets"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// seedRaw makes a host, a hotel and a product and one banquet, by plain SQL, for the guard tests.
func seedRaw(t *testing.T, db *store.DB) (banquetID, productID int64) {
	t.Helper()
	ts := store.Now()
	for _, q := range []string{
		`INSERT INTO customers (id, name, kind, created_at, updated_at) VALUES (1, '张三', '个人', '` + ts + `', '` + ts + `')`,
		`INSERT INTO customers (id, name, kind, outlet_type, created_at, updated_at) VALUES (2, '金源大酒店', '终端门店', '酒店', '` + ts + `', '` + ts + `')`,
		`INSERT INTO products (id, name, category, retail_fen, created_at, updated_at) VALUES (1, '五粮液', '白酒', 100000, '` + ts + `', '` + ts + `')`,
		`INSERT INTO banquets (id, host_id, kind, held_at, venue_id, tables_count, idem_key, created_at, updated_at)
		 VALUES (1, 1, '婚宴', '` + ts + `', 2, 20, 'k1', '` + ts + `', '` + ts + `')`,
		`INSERT INTO stock_movements (product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at)
		 VALUES (1, 1, 'out', 12, -12, 'm1', '` + ts + `')`,
		`INSERT INTO banquet_codes (banquet_id, product_id, code, scanned_at) VALUES (1, 1, 'C001', '` + ts + `')`,
		`INSERT INTO banquet_payments (banquet_id, kind, method, amount_fen, idem_key, created_at) VALUES (1, 'deposit', '现金', 5000, 'p1', '` + ts + `')`,
		`INSERT INTO banquet_evidence (banquet_id, kind, file_name, mime, size_bytes, width, height, sha256, idem_key, uploaded_at)
		 VALUES (1, 'sign', 'a.png', 'image/png', 10, 1, 1, '` + strings.Repeat("a", 64) + `', 'e1', '` + ts + `')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return 1, 1
}

func TestDatabaseRefusesRewritingBanquetRecords(t *testing.T) {
	db := storetest.Open(t)
	seedRaw(t, db)
	tables := []string{"stock_movements", "banquet_codes", "banquet_payments", "banquets"}
	storetest.RefusesEach(t, db, "库存流水只能追加", tables,
		`UPDATE stock_movements SET bottles = 1`,
		`DELETE FROM stock_movements`,
		`INSERT OR REPLACE INTO stock_movements (id, product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at)
		 VALUES (1, 1, 1, 'out', 1, -1, 'm1', 'x')`,
		`REPLACE INTO stock_movements (id, product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at)
		 VALUES (9, 1, 1, 'out', 1, -1, 'm1', 'x')`)
	storetest.RefusesEach(t, db, "CHECK constraint", tables,
		`INSERT INTO stock_movements (product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at) VALUES (1, 1, 'returned', 3, -3, 'm2', 'x')`,
		`INSERT INTO stock_movements (product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at) VALUES (1, 1, 'opened', 3, 3, 'm3', 'x')`)
	storetest.RefusesEach(t, db, "收付款记录只能追加", tables,
		`UPDATE banquet_payments SET amount_fen = 1`, `DELETE FROM banquet_payments`)
	storetest.RefusesEach(t, db, "已扫码记录不能修改", tables,
		`UPDATE banquet_codes SET banquet_id = 2`, `DELETE FROM banquet_codes`)
	storetest.RefusesEach(t, db, "宴席状态不能这样变更", tables,
		`UPDATE banquets SET state = '已结算'`, `UPDATE banquets SET state = '已核销'`, `UPDATE banquets SET state = '已办'`)
	storetest.RefusesEach(t, db, "宴席记录不能删除", tables, `DELETE FROM banquets`)
	storetest.RefusesEach(t, db, "凭证上传时的记录不能修改", []string{"banquet_evidence"},
		`UPDATE banquet_evidence SET sha256 = '`+strings.Repeat("b", 64)+`'`, `UPDATE banquet_evidence SET file_name = 'b.png'`)
	storetest.RefusesEach(t, db, "凭证不能删除", []string{"banquet_evidence"}, `DELETE FROM banquet_evidence`)
	// Once filed, not even the note or the removal mark may change.
	for _, s := range []string{"已送酒", "已办"} {
		if _, err := db.W.Exec(`UPDATE banquets SET state = ?`, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.W.Exec(`INSERT INTO banquet_settlements (banquet_id, goods_fen, deposit_fen, amount_fen, idem_key, settled_at) VALUES (1, 0, 0, 0, 's1', 'x')`); err != nil {
		t.Fatal(err)
	}
	storetest.RefusesEach(t, db, "结算记录不能", []string{"banquet_settlements"},
		`UPDATE banquet_settlements SET amount_fen = 5`, `DELETE FROM banquet_settlements`,
		`INSERT OR REPLACE INTO banquet_settlements (banquet_id, goods_fen, deposit_fen, amount_fen, idem_key, settled_at) VALUES (1, 9, 0, 9, 's2', 'x')`)
	storetest.RefusesEach(t, db, "CHECK constraint", []string{"banquet_settlement_lines"},
		`INSERT INTO banquet_settlement_lines (banquet_id, product_id, delivered, opened, returned, lost, counted_by, unit_fen) VALUES (1, 1, 12, 10, 3, 0, 'count', 0)`)
	ctx := context.Background()
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE banquets SET state = '已结算'`); err != nil {
			return err
		}
		_, err := banquets.SetClaimState(ctx, tx, 1, banquets.StateClaimed)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	storetest.RefusesEach(t, db, "已申报的宴席凭证不能修改或删除", []string{"banquet_evidence"},
		`UPDATE banquet_evidence SET note = '改'`, `UPDATE banquet_evidence SET removed_at = 'x'`)
}

func TestClaimStateMoves(t *testing.T) {
	db := storetest.Open(t)
	seedRaw(t, db)
	ctx := context.Background()
	try := func(to string) error {
		return db.WithTx(ctx, func(tx *sql.Tx) error { _, err := banquets.SetClaimState(ctx, tx, 1, to); return err })
	}
	// Registered: the claims package may not file it, nor pull it to 已结算 around the settlement.
	for _, to := range []string{banquets.StateClaimed, banquets.StateSettled, banquets.StateCleared, banquets.StateHeld} {
		if err := try(to); err == nil {
			t.Errorf("registered banquet moved to %s", to)
		}
	}
	db.W.Exec(`UPDATE banquets SET state = '已送酒'`)
	db.W.Exec(`UPDATE banquets SET state = '已办'`)
	if err := try(banquets.StateSettled); err == nil || !strings.Contains(err.Error(), "只有已申报") {
		t.Errorf("held → settled through claims: %v", err)
	}
	db.W.Exec(`UPDATE banquets SET state = '已结算'`)
	for _, to := range []string{banquets.StateClaimed, banquets.StateSettled, banquets.StateClaimed, banquets.StateCleared} {
		if err := try(to); err != nil {
			t.Fatalf("to %s: %v", to, err)
		}
	}
	if err := try(banquets.StateClaimed); err == nil || !strings.Contains(err.Error(), "不能再变更状态") {
		t.Errorf("cleared banquet moved back: %v", err)
	}
}
