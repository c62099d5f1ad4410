package coupons_test

import (
	"database/sql"
	"fmt"
	"testing"

	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/coupons"
)

// A coupon lowers the amount due once; a second use, and every other bad coupon, is refused with its
// reason and nothing is stored.
func TestRedeemInPurchaseOnceAndBadCouponsChangeNothing(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	zhang, li := s.member("张三", "13800000001"), s.member("李四", "13800000002")
	c := s.issue(ty.ID, zhang)
	p, err := s.buy(zhang, 1, c.Code)
	s.must(err)
	if p.TotalFen != 90000 || p.CouponFen != 5000 || p.DueFen != 85000 {
		t.Fatalf("purchase %+v", p)
	}
	if got := s.coupon(c.ID); got.State != coupons.StateUsed {
		t.Fatalf("state %s", got.State)
	}
	var disc int64
	storetest.QueryRow(t, s.db.R, `SELECT discount_fen FROM coupon_entries WHERE coupon_id = ? AND kind = 'use' AND purchase_id = ?`, c.ID, p.ID).Scan(&disc)
	if disc != 5000 {
		t.Fatalf("use line discount %d", disc)
	}

	voided := s.issue(ty.ID, zhang)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := coupons.Void(ctx, tx, coupons.VoidInput{Code: voided.Code, Reason: "发错客户", Key: "v1"}, 0)
		return err
	}))
	foreign := s.issue(ty.ID, li)
	notYet := s.saveType(coupons.Type{Name: "元旦券", Kind: coupons.KindCash, ValueFen: 1000, ValidFrom: daysFromToday(3), ValidTo: daysFromToday(10)})
	later := s.issue(notYet.ID, zhang)
	expired := s.rawCoupon(ty.ID, zhang, daysFromToday(-1))
	fresh := s.issue(ty.ID, zhang)

	before := storetest.Snapshot(t, s.db, "purchases", "coupon_entries", "coupons", "points_entries")
	for _, c := range []struct {
		codes []string
		want  string
	}{
		{[]string{c.Code}, "已使用"},
		{[]string{voided.Code}, "已作废"},
		{[]string{foreign.Code}, "不属于该客户"},
		{[]string{expired.Code}, "已于 " + daysFromToday(-1) + " 过期"},
		{[]string{later.Code}, daysFromToday(3) + " 起才可使用"},
		{[]string{"ACDEFGHJKM"}, "券码「ACDEFGHJKM」不存在"},
		{[]string{""}, "券码不能为空"},
		{[]string{fresh.Code, fresh.Code}, "重复"},
		{[]string{fresh.Code, s.issue(ty.ID, zhang).Code}, "只能使用一张代金券或满减券"},
	} {
		_, err := s.buy(zhang, 1, c.codes...)
		refused(t, err, "couponCodes", c.want)
	}
	// the issue in the last case is the one write allowed between the snapshots: take it out again
	after := storetest.Snapshot(t, s.db, "purchases", "coupon_entries", "coupons", "points_entries")
	if s.count(`SELECT COUNT(*) FROM purchases`) != 1 || s.count(`SELECT COUNT(*) FROM coupon_entries WHERE kind = 'use'`) != 1 {
		t.Fatalf("a refused coupon stored something:\n%s\n%s", before, after)
	}
	if _, err := s.buy(zhang, 1, fresh.Code); err != nil {
		t.Fatalf("a good coupon after the refusals: %v", err)
	}
}

// rawCoupon writes a coupon whose last valid day is to, as an old database would hold it (Issue
// refuses a window already over).
func (s *shop) rawCoupon(typeID, customerID int64, to string) coupons.Coupon {
	s.t.Helper()
	s.key++
	var id int64
	s.must(s.tx(func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO coupons (code, type_id, customer_id, name, kind, value_fen, threshold_fen, with_member_price, campaign,
			source, valid_from, valid_to, idem_key, created_at) VALUES (?, ?, ?, '旧券', 'cash', 5000, 0, 1, '', 'hand', '2020-01-01', ?, ?, ?)`,
			fmt.Sprintf("RAW%07d", s.key), typeID, customerID, to, fmt.Sprintf("raw:%d", s.key), store.Now())
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		_, err = tx.Exec(`INSERT INTO coupon_entries (coupon_id, kind, idem_key, created_at) VALUES (?, 'issue', ?, ?)`, id,
			fmt.Sprintf("issue:%d", id), store.Now())
		return err
	}))
	return s.coupon(id)
}

func TestThresholdNamesTheShortfall(t *testing.T) {
	s := newShop(t)
	ty := s.saveType(coupons.Type{Name: "满1000减100", Kind: coupons.KindThreshold, ValueFen: 10000, ThresholdFen: 100000, ValidDays: 7, WithMemberPrice: true})
	id := s.member("张三", "13800000001")
	c := s.issue(ty.ID, id)
	_, err := s.buy(id, 1, c.Code) // member price ¥900
	refused(t, err, "couponCodes", "需满 ¥1,000.00 才可使用，本单 ¥900.00，还差 ¥100.00")
	if got := s.coupon(c.ID); got.State != coupons.StateIssued {
		t.Fatalf("refused coupon changed: %s", got.State)
	}
	p, err := s.buy(id, 2, c.Code)
	if err != nil || p.CouponFen != 10000 || p.DueFen != 170000 {
		t.Fatalf("at the threshold: %+v %v", p, err)
	}
}

// A coupon that does not combine with member price applies to the retail price, only where that
// comes out cheaper, and takes off the difference from the member price.
func TestWithoutMemberPriceTheCouponAppliesToRetail(t *testing.T) {
	s := newShop(t)
	id := s.member("张三", "13800000001")
	small := s.issue(s.cash(5000, false).ID, id)
	_, err := s.buy(id, 1, small.Code)
	refused(t, err, "couponCodes", "不与会员价同享：本单会员价已优惠 ¥100.00，不少于券面 ¥50.00")
	big := s.issue(s.cash(30000, false).ID, id)
	p, err := s.buy(id, 1, big.Code)
	if err != nil || p.DueFen != 70000 || p.CouponFen != 20000 {
		t.Fatalf("retail ¥1,000 less ¥300 is ¥700: %+v %v", p, err)
	}
	th := s.saveType(coupons.Type{Name: "满1000减150", Kind: coupons.KindThreshold, ValueFen: 15000, ThresholdFen: 100000, ValidDays: 7})
	c := s.issue(th.ID, id)
	if p, err = s.buy(id, 1, c.Code); err != nil || p.DueFen != 85000 {
		t.Fatalf("threshold on retail ¥1,000 reached, ¥850 due: %+v %v", p, err)
	}
	// A coupon worth more than the sale takes it to zero, not below.
	huge := s.issue(s.cash(500000, true).ID, id)
	if p, err = s.buy(id, 1, huge.Code); err != nil || p.DueFen != 0 || p.CouponFen != 90000 {
		t.Fatalf("capped at the amount: %+v %v", p, err)
	}
}

// A refund pays back at most what was paid: the coupon's discount is kept back from the first
// refunds; a whole refund gives a still-valid coupon back.
func TestRefundKeepsTheDiscountAndAWholeRefundReturnsTheCoupon(t *testing.T) {
	s := newShop(t)
	id := s.member("张三", "13800000001")
	c := s.issue(s.cash(5000, true).ID, id)
	p, err := s.buy(id, 2, c.Code) // ¥1,800 less ¥50
	s.must(err)
	refund := func(in sales.RefundInput) sales.RefundPlan {
		t.Helper()
		in.PurchaseID, in.Key = p.ID, s.nextKey()
		var out sales.RefundPlan
		s.must(s.tx(func(tx *sql.Tx) (err error) { out, err = sales.Refund(ctx, tx, in, 0); return err }))
		return out
	}
	first := refund(sales.RefundInput{Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}})
	if first.AmountFen != 90000 || first.CouponFen != 5000 || first.PaidFen != 85000 || first.Whole {
		t.Fatalf("first refund %+v", first)
	}
	if got := s.coupon(c.ID); got.State != coupons.StateUsed {
		t.Fatalf("a partial refund returned the coupon: %s", got.State)
	}
	second := refund(sales.RefundInput{All: true})
	if second.CouponFen != 0 || second.PaidFen != 90000 || !second.Whole {
		t.Fatalf("second refund %+v", second)
	}
	if first.PaidFen+second.PaidFen != p.DueFen {
		t.Fatalf("refunds paid %d, the sale took %d", first.PaidFen+second.PaidFen, p.DueFen)
	}
	if got := s.coupon(c.ID); got.State != coupons.StateIssued {
		t.Fatalf("whole refund left the coupon %s", got.State)
	}
	if _, err := s.buy(id, 1, c.Code); err != nil {
		t.Fatalf("returned coupon cannot be used again: %v", err)
	}
}

func TestGiftCouponTakesTheGiftFromStock(t *testing.T) {
	s := newShop(t)
	g := s.gift("醒酒器", 1)
	ty := s.saveType(coupons.Type{Name: "醒酒器券", Kind: coupons.KindGift, GiftID: g.ID, ValidDays: 30})
	id := s.member("张三", "13800000001")
	a, b := s.issue(ty.ID, id), s.issue(ty.ID, id)
	cash := s.issue(s.cash(5000, true).ID, id)
	_, err := s.buy(id, 1, a.Code, cash.Code) // a gift beside a money coupon is fine
	s.must(err)
	stock := func() int64 {
		gs, err := points.Gifts(ctx, s.db.R, false)
		s.must(err)
		return gs[0].Stock
	}
	if stock() != 0 {
		t.Fatalf("stock %d", stock())
	}
	err = s.tx(func(tx *sql.Tx) error {
		_, err := coupons.RedeemGifts(ctx, tx, coupons.GiftInput{CustomerID: id, Codes: []string{b.Code}, Key: "g1"}, 0)
		return err
	})
	refused(t, err, "couponCodes", "库存不足")
	notGift := s.issue(s.cash(100, true).ID, id).Code
	err = s.tx(func(tx *sql.Tx) error {
		_, err := coupons.RedeemGifts(ctx, tx, coupons.GiftInput{CustomerID: id, Codes: []string{notGift}, Key: "g2"}, 0)
		return err
	})
	refused(t, err, "couponCodes", "不是礼品券")
	g.Stock = 1
	s.must(s.tx(func(tx *sql.Tx) (err error) { _, err = points.SaveGift(ctx, tx, g); return err }))
	for i := 0; i < 2; i++ { // the retry with the same key hands over nothing more
		s.must(s.tx(func(tx *sql.Tx) error {
			_, err := coupons.RedeemGifts(ctx, tx, coupons.GiftInput{CustomerID: id, Codes: []string{b.Code}, Key: "g3"}, 0)
			return err
		}))
	}
	if stock() != 0 || s.coupon(b.ID).State != coupons.StateUsed {
		t.Fatalf("gift at the counter: stock %d, %s", stock(), s.coupon(b.ID).State)
	}
}

func TestVoidNeedsAReasonAndOnlyAnUnusedCoupon(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	id := s.member("张三", "13800000001")
	c, used := s.issue(ty.ID, id), s.issue(ty.ID, id)
	_, err := s.buy(id, 1, used.Code)
	s.must(err)
	void := func(code, reason, key string) (coupons.Coupon, error) {
		var out coupons.Coupon
		err := s.tx(func(tx *sql.Tx) (err error) {
			out, err = coupons.Void(ctx, tx, coupons.VoidInput{Code: code, Reason: reason, Key: key}, 0)
			return err
		})
		return out, err
	}
	_, err = void(c.Code, " ", "a")
	refused(t, err, "reason", "请填写作废原因")
	_, err = void(used.Code, "错发", "b")
	refused(t, err, "code", "已使用，不能作废")
	_, err = void("ACDEFGHJKM", "错发", "c")
	refused(t, err, "code", "不存在")
	for i := 0; i < 2; i++ {
		out, err := void(c.Code, "错发", "d")
		if err != nil || out.State != coupons.StateVoided {
			t.Fatalf("void %+v %v", out, err)
		}
	}
	_, err = void(c.Code, "再作废", "e")
	refused(t, err, "code", "已作废")
	if n := s.count(`SELECT COUNT(*) FROM coupon_entries WHERE kind = 'void'`); n != 1 {
		t.Fatalf("void lines %d", n)
	}
}

func TestExpireSweepWritesOneLinePerCoupon(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	id := s.member("张三", "13800000001")
	old := s.rawCoupon(ty.ID, id, daysFromToday(-2))
	current := s.issue(ty.ID, id)
	for i, want := range []int{1, 0} {
		var n int
		s.must(s.tx(func(tx *sql.Tx) (err error) { n, err = coupons.ExpireNow(ctx, tx); return err }))
		if n != want {
			t.Fatalf("run %d expired %d, want %d", i, n, want)
		}
	}
	if s.coupon(old.ID).State != coupons.StateExpired || s.coupon(current.ID).State != coupons.StateIssued {
		t.Fatal("wrong coupon expired")
	}
	page, err := coupons.List(ctx, s.db.R, coupons.Filter{State: coupons.StateExpired})
	if err != nil || page.Total != 1 || page.Items[0].ID != old.ID {
		t.Fatalf("expired list %+v %v", page, err)
	}
}
