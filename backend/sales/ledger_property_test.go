package sales_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// modelLot is the reference model of one credit: points and what is left, in booking order.
type modelLot struct {
	id, left  int64
	expiresOn string
}

type model struct{ lots map[int64][]*modelLot }

func (m *model) balance(c int64) (b int64) {
	for _, l := range m.lots[c] {
		b += l.left
	}
	return b
}

// spend takes n points first in, first out, optionally starting with one lot.
func (m *model) spend(c, n, first int64) {
	order := m.lots[c]
	for _, l := range order {
		if l.id == first {
			order = append([]*modelLot{l}, order...)
			break
		}
	}
	for _, l := range order {
		take := min(n, l.left)
		l.left -= take
		n -= take
	}
}

// TestLedgerAgainstReferenceModel runs 10,000 random counter operations through the real code and
// checks, for every customer, that the balance equals the ledger sum, is never negative, and that each
// lot has exactly what a plain first-in-first-out model says is left.
func TestLedgerAgainstReferenceModel(t *testing.T) {
	s := newShop(t)
	r := rand.New(rand.NewPCG(42, 7))
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := points.SaveRules(ctx, tx, points.Rules{PointsPerYuan: 1, ServicePct: 50, PointValueFen: 2, ExpiryMonths: 12, ReferralPoints: 0, AdjustLimit: 200})
		return err
	}))
	var prods []sales.Product
	for i, cat := range []string{"白酒", "葡萄酒", "服务", "洋酒"} {
		prods = append(prods, s.product(fmt.Sprintf("酒品%d", i), cat, int64(5000+r.IntN(200000)), nil))
	}
	var gifts []points.Gift
	for i := 0; i < 3; i++ {
		s.must(s.tx(func(tx *sql.Tx) error {
			g, err := points.SaveGift(ctx, tx, points.Gift{Name: fmt.Sprintf("礼品%d", i), PointsCost: int64(200 + 300*i), Stock: 1000, Active: true})
			gifts = append(gifts, g)
			return err
		}))
	}
	var custs []int64
	for i := 0; i < 30; i++ {
		custs = append(custs, s.register(fmt.Sprintf("会员%d", i), fmt.Sprintf("138%08d", i), "普卡").CustomerID)
	}
	m := &model{lots: map[int64][]*modelLot{}}
	credit := func(c int64, e points.Entry) {
		m.lots[c] = append(m.lots[c], &modelLot{id: e.ID, left: e.Points, expiresOn: e.ExpiresOn})
	}
	lotOf := func(key string) points.Entry {
		var e points.Entry
		storetest.QueryRow(t, s.db.R, `SELECT id, points, COALESCE(expires_on, '') FROM points_entries WHERE idem_key = ?`, key).Scan(&e.ID, &e.Points, &e.ExpiresOn)
		return e
	}
	var purchases []sales.Purchase
	var redemptions []points.Redemption
	today := time.Now().In(store.Shop)
	counts := map[string]int{}
	for op := 0; op < 10000; op++ {
		c := custs[r.IntN(len(custs))]
		key := s.nextKey()
		switch k := r.IntN(100); {
		case k < 40: // purchase, sometimes back-dated up to two years
			date := today.AddDate(0, 0, -r.IntN(730)).Format(time.DateOnly)
			var lines []sales.LineInput
			for j := 0; j <= r.IntN(3); j++ {
				lines = append(lines, sales.LineInput{ProductID: prods[r.IntN(len(prods))].ID, Qty: int64(1 + r.IntN(3))})
			}
			p, err := s.buy(sales.PurchaseInput{CustomerID: c, Lines: lines, Date: date, Key: key})
			s.must(err)
			if p.PointsEarned > 0 {
				credit(c, lotOf(fmt.Sprintf("purchase:%d", p.ID)))
			}
			purchases = append(purchases, p)
			counts["purchase"]++
		case k < 55 && len(purchases) > 0: // refund, whole or one line
			p := purchases[r.IntN(len(purchases))]
			in := sales.RefundInput{PurchaseID: p.ID, All: r.IntN(2) == 0, Key: key}
			if !in.All {
				in.Lines = []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}
			}
			var plan sales.RefundPlan
			err := s.tx(func(tx *sql.Tx) (err error) { plan, err = sales.Refund(ctx, tx, in, 0); return err })
			if err != nil {
				if code := errs.CodeOf(err); code != errs.CodeInvalid && code != errs.CodeConflict {
					t.Fatal(err)
				}
				continue
			}
			want := min(plan.PointsToReverse, m.balance(p.CustomerID))
			if plan.ReversePoints != want || plan.ShortfallPoints != plan.PointsToReverse-want || plan.DeductFen != min(plan.ShortfallPoints*2, plan.AmountFen) {
				t.Fatalf("op %d refund plan %+v, model balance %d", op, plan, m.balance(p.CustomerID))
			}
			if want > 0 {
				m.spend(p.CustomerID, want, lotOf(fmt.Sprintf("purchase:%d", p.ID)).ID)
			}
			counts["refund"]++
		case k < 70: // redemption
			g := gifts[r.IntN(len(gifts))]
			var red points.Redemption
			err := s.tx(func(tx *sql.Tx) (err error) {
				red, err = points.Redeem(ctx, tx, points.RedeemInput{CustomerID: c, GiftID: g.ID, Qty: 1, Key: key}, 0)
				return err
			})
			if m.balance(c) < g.PointsCost {
				if errs.CodeOf(err) != errs.CodeInvalid {
					t.Fatalf("op %d: redeem %d with %d points: %v", op, g.PointsCost, m.balance(c), err)
				}
				continue
			}
			s.must(err)
			m.spend(c, g.PointsCost, 0)
			redemptions = append(redemptions, red)
			counts["redeem"]++
		case k < 76 && len(redemptions) > 0: // cancel a redemption
			i := r.IntN(len(redemptions))
			red := redemptions[i]
			redemptions = append(redemptions[:i], redemptions[i+1:]...)
			s.must(s.tx(func(tx *sql.Tx) error { _, err := points.CancelRedemption(ctx, tx, red.ID, 0); return err }))
			credit(red.CustomerID, lotOf(fmt.Sprintf("redeem-cancel:%d", red.ID)))
			counts["cancel"]++
		case k < 88: // manual adjustment either way
			n := int64(r.IntN(400) - 200)
			if n == 0 {
				continue
			}
			err := s.tx(func(tx *sql.Tx) error {
				_, err := points.Adjust(ctx, tx, points.AdjustInput{CustomerID: c, Points: n, Reason: "盘点", Key: key}, 0, false)
				return err
			})
			if n < 0 && m.balance(c) < -n {
				if errs.CodeOf(err) != errs.CodeInvalid {
					t.Fatalf("op %d: overdraw adjust accepted: %v", op, err)
				}
				continue
			}
			s.must(err)
			if n > 0 {
				credit(c, lotOf("adjust:"+key))
			} else {
				m.spend(c, -n, 0)
			}
			counts["adjust"]++
		case k < 90: // expiry run
			asOf := today.Format(time.DateOnly)
			s.must(s.tx(func(tx *sql.Tx) error { _, _, err := points.ApplyExpiry(ctx, tx, asOf, 0); return err }))
			for _, lots := range m.lots {
				for _, l := range lots {
					if l.expiresOn != "" && l.expiresOn <= asOf {
						l.left = 0
					}
				}
			}
			counts["expire"]++
		default: // lost card replaced: balance and history stay with the customer
			s.must(s.tx(func(tx *sql.Tx) error { _, err := members.ReplaceCard(ctx, tx, c, "", "遗失", 0); return err }))
			counts["replace"]++
		}
	}
	for _, c := range custs {
		bal := s.balance(c)
		var sum int64
		storetest.QueryRow(t, s.db.R, `SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = ?`, c).Scan(&sum)
		if bal != sum || bal < 0 || bal != m.balance(c) {
			t.Fatalf("customer %d: balance %d, ledger sum %d, model %d", c, bal, sum, m.balance(c))
		}
		for _, l := range m.lots[c] {
			left, err := points.LotRemaining(ctx, s.db.R, l.id)
			s.must(err)
			if left != l.left {
				t.Fatalf("customer %d lot %d: %d left, model says %d", c, l.id, left, l.left)
			}
		}
	}
	var over int
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM points_entries e WHERE e.points > 0 AND
		(SELECT COALESCE(SUM(points), 0) FROM points_allocations a WHERE a.lot_id = e.id) > e.points`).Scan(&over)
	if over != 0 {
		t.Fatalf("%d lots over-allocated", over)
	}
	t.Logf("operations: %v", counts)
}
