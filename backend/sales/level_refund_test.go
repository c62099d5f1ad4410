package sales_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/members"
	"jiuke/backend/sales"
)

func (s *shop) refund(in sales.RefundInput) sales.RefundPlan {
	s.t.Helper()
	plan, err := sales.PlanRefund(ctx, s.db.R, in)
	s.must(err)
	in.Key = s.nextKey()
	var done sales.RefundPlan
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		done, err = sales.Refund(ctx, tx, in, 0)
		return err
	}))
	if done.LevelTo != plan.LevelTo || done.LevelFrom != plan.LevelFrom {
		s.t.Fatalf("refund did %s→%s, its plan said %s→%s", done.LevelFrom, done.LevelTo, plan.LevelFrom, plan.LevelTo)
	}
	return plan
}

// The case a user met: buy ¥20,963 as 银卡 → 金卡, refund ¥5,878 → the 12-month spend is under 金卡's
// ¥20,000, so the upgrade that purchase caused is undone, said before confirming and logged.
func TestRefundUndoesTheUpgradeItsPurchaseCaused(t *testing.T) {
	s := newShop(t)
	silver := s.levels["银卡"].ID
	r := s.register("赵六", "13600136000", "银卡")
	a := s.product("国窖1573", "白酒", 1458500, map[int64]int64{silver: 1458500})
	b := s.product("剑南春", "白酒", 587800, map[int64]int64{silver: 587800})
	c := s.product("酒具", "白酒", 50000, map[int64]int64{silver: 50000})
	plain := s.product("啤酒", "啤酒", 10000, nil)
	p, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: a.ID, Qty: 1}, {ProductID: b.ID, Qty: 1}, {ProductID: c.ID, Qty: 1}}})
	s.must(err)
	if p.TotalFen != 2096300 || p.UpgradedTo != "金卡" {
		t.Fatalf("purchase %d upgraded to %q", p.TotalFen, p.UpgradedTo)
	}
	// ¥500 back leaves ¥20,463: still 金卡, and the plan says no level change.
	if plan := s.refund(sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[2].ID, Qty: 1}}}); plan.LevelTo != "" || s.level(r.CustomerID) != "金卡" {
		t.Fatalf("small refund: plan %s→%s, level %s", plan.LevelFrom, plan.LevelTo, s.level(r.CustomerID))
	}
	plan, err := sales.PlanRefund(ctx, s.db.R, sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[1].ID, Qty: 1}}})
	s.must(err)
	if plan.AmountFen != 587800 || plan.LevelFrom != "金卡" || plan.LevelTo != "银卡" || plan.SpendAfter != 1458500 {
		t.Fatalf("plan %+v", plan)
	}
	if s.level(r.CustomerID) != "金卡" {
		t.Fatal("planning changed the level")
	}
	s.refund(sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[1].ID, Qty: 1}}})
	if got := s.level(r.CustomerID); got != "银卡" {
		t.Fatalf("level after refund %s", got)
	}
	hist, err := members.History(ctx, s.db.R, r.CustomerID)
	s.must(err)
	if hist[0].From != "金卡" || hist[0].To != "银卡" || !strings.Contains(hist[0].Reason, "退款降级：退货 ¥5878.00") {
		t.Fatalf("history %+v", hist[0])
	}
	// No discount kept: the next sale is at 银卡's 98折, not 金卡's 95折.
	next, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: plain.ID, Qty: 1}}})
	s.must(err)
	if next.Lines[0].UnitFen != 9800 {
		t.Fatalf("price after the refund %d", next.Lines[0].UnitFen)
	}
}

// Never below the level the member had before the purchase; and a manager's later hand change stands.
func TestRefundRevertStopsAtThePreviousLevelAndLeavesHandChanges(t *testing.T) {
	s := newShop(t)
	silver := s.levels["银卡"].ID
	big := s.product("珍藏", "白酒", 2100000, map[int64]int64{silver: 2100000})

	r := s.register("钱七", "13500135000", "银卡")
	p, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Lines: []sales.LineInput{{ProductID: big.ID, Qty: 1}}})
	s.must(err)
	if plan := s.refund(sales.RefundInput{PurchaseID: p.ID, All: true}); plan.LevelTo != "银卡" || s.level(r.CustomerID) != "银卡" {
		t.Fatalf("whole refund: plan to %q, level %s (spend ¥0 must not go below 银卡)", plan.LevelTo, s.level(r.CustomerID))
	}

	h := s.register("孙八", "13400134000", "普卡")
	p, err = s.buy(sales.PurchaseInput{CustomerID: h.CustomerID, Lines: []sales.LineInput{{ProductID: big.ID, Qty: 1}}})
	s.must(err)
	if p.UpgradedTo != "金卡" {
		t.Fatalf("upgraded to %q", p.UpgradedTo)
	}
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := members.ChangeLevel(ctx, tx, h.CustomerID, s.levels["钻石卡"].ID, "老客户", 0)
		return err
	}))
	if plan := s.refund(sales.RefundInput{PurchaseID: p.ID, All: true}); plan.LevelTo != "" || s.level(h.CustomerID) != "钻石卡" {
		t.Fatalf("after a hand change: plan to %q, level %s", plan.LevelTo, s.level(h.CustomerID))
	}
}
