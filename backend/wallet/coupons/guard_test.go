package coupons_test

import (
	"fmt"
	"testing"

	"jiuke/backend/store/storetest"
)

// The database itself keeps the coupon ledger: no line rewritten, replaced or deleted, no line that
// does not follow the coupon's last one (a second use), no state other than the ledger's, no change
// to an issued coupon's terms, and no change to the discount a sale took.
func TestDatabaseGuardsTheCouponLedger(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	id := s.member("张三", "13800000001")
	used, open := s.issue(ty.ID, id), s.issue(ty.ID, id)
	p, err := s.buy(id, 1, used.Code)
	s.must(err)
	tables := []string{"coupons", "coupon_entries", "purchases"}
	var lineID int64
	storetest.QueryRow(t, s.db.R, `SELECT id FROM coupon_entries WHERE coupon_id = ? AND kind = 'use'`, used.ID).Scan(&lineID)

	storetest.RefusesEach(t, s.db, "券流水只能追加", tables,
		fmt.Sprintf(`UPDATE coupon_entries SET discount_fen = 1 WHERE id = %d`, lineID),
		fmt.Sprintf(`UPDATE coupon_entries SET kind = 'issue' WHERE id = %d`, lineID),
		fmt.Sprintf(`DELETE FROM coupon_entries WHERE id = %d`, lineID),
		`DELETE FROM coupon_entries`,
		fmt.Sprintf(`REPLACE INTO coupon_entries (id, coupon_id, kind, idem_key, created_at) VALUES (%d, %d, 'return', 'x', '2026-01-01')`, lineID, used.ID),
		fmt.Sprintf(`INSERT OR REPLACE INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (%d, 'return', 'issue:%d', '2026-01-01')`, used.ID, used.ID),
	)
	storetest.RefusesEach(t, s.db, "券的状态不允许此操作", tables,
		fmt.Sprintf(`INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (%d, 'use', 'again', '2026-01-01')`, used.ID),
		fmt.Sprintf(`INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (%d, 'void', 'v', '2026-01-01')`, used.ID),
		fmt.Sprintf(`INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (%d, 'issue', 'i', '2026-01-01')`, open.ID),
		fmt.Sprintf(`INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (%d, 'return', 'r', '2026-01-01')`, open.ID),
	)
	storetest.RefusesEach(t, s.db, "券状态只能由券流水更新", tables,
		fmt.Sprintf(`UPDATE coupons SET state = 'issued' WHERE id = %d`, used.ID),
		fmt.Sprintf(`UPDATE coupons SET state = 'used' WHERE id = %d`, open.ID),
	)
	storetest.RefusesEach(t, s.db, "券的内容不能修改", tables,
		fmt.Sprintf(`UPDATE coupons SET value_fen = 999999 WHERE id = %d`, open.ID),
		fmt.Sprintf(`UPDATE coupons SET valid_to = '2099-12-31' WHERE id = %d`, open.ID),
		fmt.Sprintf(`UPDATE coupons SET code = 'AAAAAAAAAA' WHERE id = %d`, open.ID),
	)
	storetest.RefusesEach(t, s.db, "券不能删除", tables, `DELETE FROM coupons`)
	storetest.RefusesEach(t, s.db, "券只能由发券写入", tables,
		fmt.Sprintf(`REPLACE INTO coupons (id, code, type_id, customer_id, name, kind, value_fen, threshold_fen, with_member_price, campaign, source,
			valid_from, valid_to, idem_key, created_at) VALUES (%d, 'NEWCODE', %d, %d, 'x', 'cash', 99999, 0, 1, '', 'hand', '2026-01-01', '2099-01-01', 'n', '2026-01-01')`,
			open.ID, ty.ID, id),
		fmt.Sprintf(`INSERT INTO coupons (code, type_id, customer_id, name, kind, value_fen, threshold_fen, with_member_price, campaign, source,
			valid_from, valid_to, idem_key, created_at, state) VALUES ('NEWCODE', %d, %d, 'x', 'cash', 99999, 0, 1, '', 'hand', '2026-01-01', '2099-01-01', 'n', '2026-01-01', 'issued')`,
			ty.ID, id),
	)
	storetest.RefusesEach(t, s.db, "券优惠金额不能修改", tables, fmt.Sprintf(`UPDATE purchases SET coupon_fen = 0 WHERE id = %d`, p.ID))
}
