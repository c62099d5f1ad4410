package sales_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

type shop struct {
	t      *testing.T
	db     *store.DB
	levels map[string]members.Level
	key    int
}

func newShop(t *testing.T) *shop {
	s := &shop{t: t, db: storetest.Open(t), levels: map[string]members.Level{}}
	ls, err := members.Levels(ctx, s.db.R)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		s.levels[l.Name] = l
	}
	return s
}

func (s *shop) tx(fn func(tx *sql.Tx) error) error { return s.db.WithTx(ctx, fn) }

func (s *shop) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *shop) nextKey() string { s.key++; return fmt.Sprintf("k%d", s.key) }

func (s *shop) register(name, mobile, level string) members.RegisterResult {
	s.t.Helper()
	var r members.RegisterResult
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, LevelID: s.levels[level].ID}, 0)
		return err
	}))
	return r
}

func (s *shop) product(name, category string, retail int64, levelPrices map[int64]int64) sales.Product {
	s.t.Helper()
	var p sales.Product
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		p, err = sales.SaveProduct(ctx, tx, sales.Product{Name: name, Category: category, RetailFen: retail, Active: true, LevelPrices: levelPrices})
		return err
	}))
	return p
}

func (s *shop) buy(in sales.PurchaseInput) (sales.Purchase, error) {
	if in.Key == "" {
		in.Key = s.nextKey()
	}
	var p sales.Purchase
	err := s.tx(func(tx *sql.Tx) (err error) {
		p, err = sales.Record(ctx, tx, in, 0, true)
		return err
	})
	return p, err
}

func (s *shop) balance(id int64) int64 {
	b, err := points.Balance(ctx, s.db.R, id)
	s.must(err)
	return b
}

func (s *shop) level(id int64) string {
	m, _, err := members.Get(ctx, s.db.R, id)
	s.must(err)
	return m.LevelName
}

func TestPurchaseAppliesMemberPriceEarnsPointsAndUpgradesInOneGo(t *testing.T) {
	s := newShop(t)
	r := s.register("张三", "13800138000", "普卡")
	silver := s.levels["银卡"]
	maotai := s.product("飞天茅台", "白酒", 299900, map[int64]int64{silver.ID: 289900})
	wine := s.product("拉菲传奇", "葡萄酒", 20000, nil)

	// 普卡: retail price, 1 point per ¥1.
	p, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: maotai.ID, Qty: 1}, {ProductID: wine.ID, Qty: 2}}})
	s.must(err)
	if p.TotalFen != 339900 || p.PointsEarned != 3399 || p.UpgradedTo != "" {
		t.Fatalf("first purchase: total %d points %d upgraded %q", p.TotalFen, p.PointsEarned, p.UpgradedTo)
	}
	// Crossing ¥5,000 in 12 months lifts the member to 银卡 in the same transaction.
	p, err = s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: maotai.ID, Qty: 1}}})
	s.must(err)
	if p.UpgradedTo != "银卡" || s.level(r.CustomerID) != "银卡" {
		t.Fatalf("upgrade: %q, level %s", p.UpgradedTo, s.level(r.CustomerID))
	}
	// 银卡 pays the member price and earns 1.2× (each line floors on its own, so refunds by line are exact);
	// without a member price, the 98折 discount applies.
	p, err = s.buy(sales.PurchaseInput{CardNumber: r.Card.Number, Lines: []sales.LineInput{{ProductID: maotai.ID, Qty: 1}, {ProductID: wine.ID, Qty: 1}}})
	s.must(err)
	if p.Lines[0].UnitFen != 289900 || p.Lines[1].UnitFen != 19600 || p.PointsEarned != 3478+235 {
		t.Fatalf("member prices: %+v points %d", p.Lines, p.PointsEarned)
	}
	if got := s.balance(r.CustomerID); got != 3399+2999+p.PointsEarned {
		t.Fatalf("balance %d", got)
	}
	hist, _ := members.History(ctx, s.db.R, r.CustomerID)
	if len(hist) != 2 || hist[0].To != "银卡" || !strings.Contains(hist[0].Reason, "消费升级") {
		t.Fatalf("level history %+v", hist)
	}
}

func TestPurchaseIsIdempotentAndBadInputChangesNothing(t *testing.T) {
	s := newShop(t)
	r := s.register("李四", "13900139000", "普卡")
	wine := s.product("长城干红", "葡萄酒", 8800, nil)
	in := sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}, Key: "double-click"}
	a, err := s.buy(in)
	s.must(err)
	b, err := s.buy(in)
	s.must(err)
	if a.ID != b.ID || s.balance(r.CustomerID) != 88 {
		t.Fatalf("a retried purchase booked twice: %d %d balance %d", a.ID, b.ID, s.balance(r.CustomerID))
	}
	bad := []struct {
		in    sales.PurchaseInput
		field string
	}{
		{sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 0}}}, "lines[0].qty"},
		{sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: -2}}}, "lines[0].qty"},
		{sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: 999, Qty: 1}}}, "lines[0].productId"},
		{sales.PurchaseInput{CustomerID: r.CustomerID}, "lines"},
		{sales.PurchaseInput{CustomerID: r.CustomerID, Date: "2999-01-01", Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}}, "date"},
		{sales.PurchaseInput{CardNumber: "12345678", Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}}, "cardNumber"},
	}
	for _, c := range bad {
		_, err := s.buy(c.in)
		if p := errs.ToPayload(err); p.Code != errs.CodeInvalid || p.Field != c.field {
			t.Errorf("%+v: %+v", c.in, p)
		}
	}
	var n int
	storetest.QueryRow(s.t, s.db.R, `SELECT COUNT(*) FROM purchases`).Scan(&n)
	if n != 1 || s.balance(r.CustomerID) != 88 {
		t.Fatalf("refused purchases left %d purchases, balance %d", n, s.balance(r.CustomerID))
	}
	// A clerk may not change the price.
	err = s.tx(func(tx *sql.Tx) error {
		_, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: r.CustomerID, Key: "x", Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1, OverridePrice: true, UnitFen: 1}}}, 0, false)
		return err
	})
	if errs.CodeOf(err) != errs.CodeForbidden {
		t.Fatalf("price edit without permission: %v", err)
	}
}

func TestRefundReversesPointsAndChargesTheShortfall(t *testing.T) {
	s := newShop(t)
	r := s.register("王五", "13700137000", "普卡")
	baijiu := s.product("五粮液", "白酒", 100000, nil) // ¥1,000 → 1,000 points
	var gift points.Gift
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		gift, err = points.SaveGift(ctx, tx, points.Gift{Name: "醒酒器", PointsCost: 800, Stock: 5, Active: true})
		return err
	}))
	p, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: baijiu.ID, Qty: 2}}})
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := points.Redeem(ctx, tx, points.RedeemInput{CustomerID: r.CustomerID, GiftID: gift.ID, Qty: 2, Key: "r1"}, 0)
		return err
	}))
	if s.balance(r.CustomerID) != 400 {
		t.Fatalf("balance after redeeming 1,600 of 2,000: %d", s.balance(r.CustomerID))
	}
	// Returning one bottle takes back 1,000 points; only 400 are left, so 600 become ¥6.00 off the refund.
	plan, err := sales.PlanRefund(ctx, s.db.R, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}})
	s.must(err)
	if plan.AmountFen != 100000 || plan.PointsToReverse != 1000 || plan.ReversePoints != 400 || plan.ShortfallPoints != 600 ||
		plan.DeductFen != 600 || plan.PaidFen != 99400 {
		t.Fatalf("plan %+v", plan)
	}
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}, Key: "f1"}, 0)
		return err
	}))
	if s.balance(r.CustomerID) != 0 {
		t.Fatalf("balance after refund %d", s.balance(r.CustomerID))
	}
	// The same request again (its answer was lost) gets the same refund, not a second one.
	var again sales.RefundPlan
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		again, err = sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}, Key: "f1"}, 0)
		return err
	}))
	var refunds int
	storetest.QueryRow(s.t, s.db.R, `SELECT COUNT(*) FROM refunds`).Scan(&refunds)
	if again.PaidFen != 99400 || refunds != 1 {
		t.Fatalf("retried refund: %+v, %d refunds", again, refunds)
	}
	// Refunding more than is left is refused, and changes nothing.
	err = s.tx(func(tx *sql.Tx) error {
		_, err := sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 2}}, Key: "f2"}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "最多可退 1 件") {
		t.Fatalf("over-refund: %v", err)
	}
	if spend, _ := sales.Spend12m(ctx, s.db.R, r.CustomerID, store.Today()); spend != 100000 {
		t.Fatalf("12-month spend after refund %d", spend)
	}
	// The purchase's history row carries its one refund, so its receipt can be printed again from there.
	got, err := sales.Get(ctx, s.db.R, p.ID)
	s.must(err)
	if len(got.Refunds) != 1 || got.Refunds[0].ID != again.RefundID || got.Refunds[0].AmountFen != 100000 || got.Refunds[0].CreatedAt == "" {
		t.Fatalf("refunds of the purchase: %+v (refund %d)", got.Refunds, again.RefundID)
	}
}

func TestReferralRewardIsPaidOnceOnFirstPurchase(t *testing.T) {
	s := newShop(t)
	ref := s.register("推荐人", "13600136000", "普卡")
	var friend customers.Customer
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		friend, err = customers.Create(ctx, tx, customers.Input{Name: "新朋友", Mobile: "13600136001", Source: "转介绍", ReferrerID: ref.CustomerID}, 0)
		return err
	}))
	wine := s.product("张裕干红", "葡萄酒", 5000, nil)
	for i := 0; i < 2; i++ {
		_, err := s.buy(sales.PurchaseInput{CustomerID: friend.ID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}})
		s.must(err)
	}
	if got := s.balance(ref.CustomerID); got != 500 {
		t.Fatalf("referrer balance %d, want one reward of 500", got)
	}
}

func TestFrozenAndReplacedCards(t *testing.T) {
	s := newShop(t)
	r := s.register("赵六", "13500135000", "普卡")
	wine := s.product("奔富", "葡萄酒", 30000, nil)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := members.FreezeCard(ctx, tx, r.CustomerID, "客户要求暂停")
		return err
	}))
	_, err := s.buy(sales.PurchaseInput{CardNumber: r.Card.Number, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}})
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "已冻结") {
		t.Fatalf("frozen card scan: %v", err)
	}
	p, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}})
	s.must(err)
	if p.PointsEarned != 0 || !strings.Contains(p.Notice, "不积分") || s.balance(r.CustomerID) != 0 {
		t.Fatalf("frozen member earned: %+v", p)
	}
	s.must(s.tx(func(tx *sql.Tx) error { _, err := members.UnfreezeCard(ctx, tx, r.CustomerID); return err }))
	var card members.Card
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		card, err = members.ReplaceCard(ctx, tx, r.CustomerID, "", "遗失", 0)
		return err
	}))
	_, err = s.buy(sales.PurchaseInput{CardNumber: r.Card.Number, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}})
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), card.Number) {
		t.Fatalf("old card scan: %v", err)
	}
	_, err = s.buy(sales.PurchaseInput{CardNumber: card.Number, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}})
	s.must(err)
	if s.balance(r.CustomerID) != 300 {
		t.Fatalf("balance on new card %d", s.balance(r.CustomerID))
	}
}

func TestReferralCircle(t *testing.T) {
	s := newShop(t)
	a := s.register("甲", "13100000001", "普卡").CustomerID
	var b, c customers.Customer
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		if b, err = customers.Create(ctx, tx, customers.Input{Name: "乙", ReferrerID: a, Source: "转介绍"}, 0); err != nil {
			return err
		}
		c, err = customers.Create(ctx, tx, customers.Input{Name: "丙", ReferrerID: b.ID, Source: "转介绍"}, 0)
		return err
	}))
	wine := s.product("干红", "葡萄酒", 10000, nil)
	_, err := s.buy(sales.PurchaseInput{CustomerID: c.ID, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 3}}})
	s.must(err)
	circle, err := sales.Referrals(ctx, s.db.R, a)
	s.must(err)
	if len(circle.Tree) != 2 || circle.Tree[1].Name != "丙" || circle.Tree[1].Depth != 2 || circle.CircleSpendFen != 30000 {
		t.Fatalf("circle %+v", circle)
	}
	up, _ := sales.Referrals(ctx, s.db.R, c.ID)
	if len(up.ReferredBy) != 2 || up.ReferredBy[0].Name != "乙" || up.ReferredBy[1].Name != "甲" {
		t.Fatalf("referred by %+v", up.ReferredBy)
	}
}
