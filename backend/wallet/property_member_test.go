package wallet_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
	"jiuke/backend/wallet/coupons"
	"jiuke/backend/wallet/wine"
)

// memberModel is the whole member wallet written out plainly: stored value, stored wine per product,
// coupons by state, and per purchase what is left of it.
type memberModel struct {
	bal     map[int64]*wallet.Balance
	wine    map[int64]map[int64]int64 // customer → product → bottles
	coupon  map[int64]string          // coupon id → state
	holder  map[int64]int64           // coupon id → customer
	code    map[int64]string
	expires map[int64]bool // coupon id → of the one-day type
	buys    map[int64]*buy
}

type buy struct {
	owner, product int64
	left           int64           // bottles not refunded
	deposited      int64           // bottles stored from it
	taken          *wallet.Balance // stored value it took, less what refunds gave back
	line           int64
	coupon         bool
}

// TestMemberWalletAgainstReferenceModel runs 10,000 random operations over the three ledgers of the
// member wallet at once — recharge, purchases paid by stored value (some with a coupon), refunds,
// 退卡, card replacement, merge, 存酒 in (from a purchase or brought in) and out, coupon issue, use,
// void and expiry — and checks after each, for the members touched, and at the end for every member:
// stored value equals the model and the ledger sum and is never negative; bottles per product equal
// the model and the ledger sum and are never negative; every coupon's state matches the model and no
// coupon is used twice; a refund is refused exactly when it would take back stored bottles.
func TestMemberWalletAgainstReferenceModel(t *testing.T) {
	s := newShop(t)
	r := rand.New(rand.NewPCG(16, 2026))
	s.rules(func(ru *wallet.Rules) { ru.CapOn = false })
	pk := s.packages(wallet.Package{PayFen: 100000, BonusFen: 10000, Active: true}, wallet.Package{PayFen: 30000, BonusFen: 3300, Active: true})
	var prods []sales.Product
	for i := 0; i < 3; i++ {
		prods = append(prods, s.product(int64(5000+r.IntN(25000))))
	}
	var long, short coupons.Type
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		if long, err = coupons.SaveType(ctx, tx, coupons.Type{Name: "十元券", Kind: coupons.KindCash, ValueFen: 1000, ValidDays: 3650, WithMemberPrice: true, ClerkMayIssue: true, Active: true}); err != nil {
			return err
		}
		short, err = coupons.SaveType(ctx, tx, coupons.Type{Name: "当日券", Kind: coupons.KindCash, ValueFen: 1000, ValidDays: 1, WithMemberPrice: true, ClerkMayIssue: true, Active: true})
		return err
	}))
	m := &memberModel{bal: map[int64]*wallet.Balance{}, wine: map[int64]map[int64]int64{}, coupon: map[int64]string{},
		holder: map[int64]int64{}, code: map[int64]string{}, expires: map[int64]bool{}, buys: map[int64]*buy{}}
	var live, buyIDs []int64
	seen := map[string]int{} // how often each kind of event happened, so no path goes untested
	newMember := func() {
		id := s.member(fmt.Sprintf("客%d", len(m.bal)), fmt.Sprintf("137%08d", len(m.bal)))
		m.bal[id], m.wine[id] = &wallet.Balance{}, map[int64]int64{}
		live = append(live, id)
	}
	for i := 0; i < 20; i++ {
		newMember()
	}
	check := func(step int, op string, ids ...int64) {
		t.Helper()
		for _, id := range ids {
			if got := s.balance(id); got != *m.bal[id] {
				t.Fatalf("step %d %s: customer %d stored value %+v, model %+v", step, op, id, got, *m.bal[id])
			}
			for _, p := range prods {
				var sum int64
				storetest.QueryRow(t, s.db.R, `SELECT COALESCE(SUM(qty), 0) FROM wine_entries WHERE customer_id = ? AND product_id = ?`, id, p.ID).Scan(&sum)
				got, err := wine.Balance(ctx, s.db.R, id, p.ID)
				s.must(err)
				if got != m.wine[id][p.ID] || sum != got || got < 0 {
					t.Fatalf("step %d %s: customer %d has %d bottles of %d (ledger %d), model %d", step, op, id, got, p.ID, sum, m.wine[id][p.ID])
				}
			}
		}
	}
	couponsOf := func(c int64, state string) []int64 {
		var out []int64
		for id, st := range m.coupon {
			if st == state && m.holder[id] == c {
				out = append(out, id)
			}
		}
		// map order is random; the run must replay from its seed
		for i := 1; i < len(out); i++ {
			for j := i; j > 0 && out[j] < out[j-1]; j-- {
				out[j], out[j-1] = out[j-1], out[j]
			}
		}
		return out
	}
	for step := 0; step < 10000; step++ {
		c := live[r.IntN(len(live))]
		switch op := r.IntN(100); {
		case op < 15: // recharge by package
			p := pk[r.IntN(len(pk))]
			s.must(s.tx(func(tx *sql.Tx) error {
				_, err := wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: c, PackageID: p.ID, Method: "cash", Key: s.nextKey()}, 0)
				return err
			}))
			m.bal[c].PrincipalFen += p.PayFen
			m.bal[c].BonusFen += p.BonusFen
			check(step, "recharge", c)
		case op < 35: // a purchase paid by stored value as far as it goes, sometimes with a coupon
			prod := prods[r.IntN(len(prods))]
			qty := int64(1 + r.IntN(4))
			due := prod.RetailFen * qty
			var codes []string
			var used int64
			if ids := couponsOf(c, coupons.StateIssued); len(ids) > 0 && r.IntN(2) == 0 {
				used = ids[r.IntN(len(ids))]
				codes, due = []string{m.code[used]}, due-1000
			}
			stored := min(due, m.bal[c].Total())
			var pay []sales.Payment
			if stored > 0 {
				pay = append(pay, sales.Payment{Method: "stored", AmountFen: stored})
			}
			if due > stored {
				pay = append(pay, sales.Payment{Method: "cash", AmountFen: due - stored})
			}
			var p sales.Purchase
			err := s.tx(func(tx *sql.Tx) (err error) {
				p, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: c, Key: s.nextKey(), Payments: pay, CouponCodes: codes,
					Lines: []sales.LineInput{{ProductID: prod.ID, Qty: qty, OverridePrice: true, UnitFen: prod.RetailFen}}}, 0, true)
				return err
			})
			s.must(err)
			b := &buy{owner: c, product: prod.ID, left: qty, taken: &wallet.Balance{}, line: p.Lines[0].ID, coupon: used != 0}
			if stored > 0 {
				have := m.bal[c]
				b.taken.PrincipalFen, b.taken.BonusFen = refSplit(s.rule(), have.PrincipalFen, have.BonusFen, stored)
				have.PrincipalFen -= b.taken.PrincipalFen
				have.BonusFen -= b.taken.BonusFen
			}
			if used != 0 {
				m.coupon[used] = coupons.StateUsed
				seen["coupon used"]++
			}
			m.buys[p.ID] = b
			buyIDs = append(buyIDs, p.ID)
			check(step, "purchase", c)
		case op < 45 && len(buyIDs) > 0: // refund one bottle or all that is left (not sales that used a coupon)
			pid := buyIDs[r.IntN(len(buyIDs))]
			b := m.buys[pid]
			if b.coupon || b.left == 0 {
				continue
			}
			q := b.left
			in := sales.RefundInput{PurchaseID: pid, All: true, Reason: "退货"}
			if r.IntN(2) == 0 {
				q, in.All, in.Lines = 1, false, []sales.RefundLine{{LineID: b.line, Qty: 1}}
			}
			plan, err := s.refund(in)
			if held := min(b.deposited, m.wine[b.owner][b.product]); b.left-q < held {
				if errs.CodeOf(err) != errs.CodeConflict {
					t.Fatalf("step %d: refund of %d leaving %d with %d stored: %v", step, q, b.left-q, held, err)
				}
				seen["refused refund"]++
				check(step, "refused refund", b.owner)
				continue
			}
			s.must(err)
			var back int64
			for _, p := range plan.Payback {
				if p.Method == "stored" {
					back += p.AmountFen
				}
			}
			if want := min(plan.PaidFen, b.taken.Total()); back != want {
				t.Fatalf("step %d: refund returns %d to stored value, model %d", step, back, want)
			}
			rp, rb := refSplit(wallet.SpendProportional, b.taken.PrincipalFen, b.taken.BonusFen, back)
			b.taken.PrincipalFen -= rp
			b.taken.BonusFen -= rb
			m.bal[b.owner].PrincipalFen += rp
			m.bal[b.owner].BonusFen += rb
			b.left -= q
			seen["refund"]++
			check(step, "refund", b.owner)
		case op < 55: // 存酒: bottles from one of the member's purchases, or brought in
			in := wine.DepositInput{CustomerID: c, Key: s.nextKey(), Place: "一号柜"}
			var from *buy
			for _, pid := range buyIDs {
				if b := m.buys[pid]; b.owner == c && b.left > b.deposited && r.IntN(3) == 0 {
					from, in.PurchaseID, in.ProductID = b, pid, b.product
					in.Qty = int64(1 + r.IntN(int(b.left-b.deposited)))
					break
				}
			}
			if from == nil {
				in.ProductID, in.Qty = prods[r.IntN(len(prods))].ID, int64(1+r.IntN(6))
			}
			s.must(s.tx(func(tx *sql.Tx) error { _, _, err := wine.Deposit(ctx, tx, in, 0); return err }))
			if from != nil {
				from.deposited += in.Qty
				seen["deposit from purchase"]++
			}
			m.wine[c][in.ProductID] += in.Qty
			check(step, "deposit", c)
		case op < 63: // 取酒, sometimes more than is stored (refused, nothing changes)
			p := prods[r.IntN(len(prods))].ID
			qty := int64(1 + r.IntN(3))
			err := s.tx(func(tx *sql.Tx) error {
				_, _, err := wine.Withdraw(ctx, tx, wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: qty, Key: s.nextKey()}, 0)
				return err
			})
			if qty > m.wine[c][p] {
				if err == nil || errs.CodeOf(err) == errs.CodeInternal {
					t.Fatalf("step %d: withdrawing %d of %d stored: %v", step, qty, m.wine[c][p], err)
				}
			} else {
				s.must(err)
				m.wine[c][p] -= qty
				seen["withdraw"]++
			}
			check(step, "withdraw", c)
		case op < 73: // issue a coupon of either type
			ty := long
			if r.IntN(3) == 0 {
				ty = short
			}
			var k coupons.Coupon
			s.must(s.tx(func(tx *sql.Tx) (err error) {
				k, _, err = coupons.Issue(ctx, tx, coupons.Issuing{TypeID: ty.ID, CustomerID: c, Source: coupons.SourceHand, Key: s.nextKey()})
				return err
			}))
			m.coupon[k.ID], m.holder[k.ID], m.code[k.ID], m.expires[k.ID] = coupons.StateIssued, c, k.Code, ty.ID == short.ID
		case op < 78: // void an unused coupon
			ids := couponsOf(c, coupons.StateIssued)
			if len(ids) == 0 {
				continue
			}
			id := ids[r.IntN(len(ids))]
			s.must(s.tx(func(tx *sql.Tx) error {
				_, err := coupons.Void(ctx, tx, coupons.VoidInput{Code: m.code[id], Reason: "作废", Key: s.nextKey()}, 0)
				return err
			}))
			m.coupon[id] = coupons.StateVoided
		case op < 80: // the expiry sweep run as of a later day: the one-day coupons still unused expire
			later := time.Now().In(store.Shop).AddDate(0, 0, 3).Format(time.DateOnly)
			s.must(s.tx(func(tx *sql.Tx) error { _, err := coupons.Expire(ctx, tx, later); return err }))
			for id, st := range m.coupon {
				if st == coupons.StateIssued && m.expires[id] {
					m.coupon[id] = coupons.StateExpired
					seen["coupon expired"]++
				}
			}
		case op < 84: // 退卡, then the card opened again so the member stays in play
			err := s.tx(func(tx *sql.Tx) error {
				_, _, err := wallet.Close(ctx, tx, wallet.CloseInput{CustomerID: c, Method: "cash", Reason: "退卡", Key: s.nextKey()}, 0)
				return err
			})
			if m.bal[c].Total() == 0 {
				if errs.CodeOf(err) != errs.CodeConflict {
					t.Fatalf("step %d: closing an empty wallet: %v", step, err)
				}
				continue
			}
			s.must(err)
			*m.bal[c] = wallet.Balance{}
			s.must(s.tx(func(tx *sql.Tx) error { _, err := members.UnfreezeCard(ctx, tx, c); return err }))
			check(step, "close", c)
		case op < 90: // lost card: a replacement; money, wine and coupons stay with the member
			s.must(s.tx(func(tx *sql.Tx) error { _, err := members.ReplaceCard(ctx, tx, c, "", "丢失", 0); return err }))
			check(step, "replace card", c)
		case op < 93 && len(live) > 3: // merge another member into c: stored value, wine, coupons, purchases move
			other := live[r.IntN(len(live))]
			if other == c {
				continue
			}
			if err := s.tx(func(tx *sql.Tx) error { _, err := customersMerge(tx, c, other); return err }); err != nil {
				if errs.CodeOf(err) != errs.CodeInvalid {
					t.Fatalf("step %d merge: %v", step, err)
				}
				check(step, "refused merge", c, other)
				continue
			}
			m.bal[c].PrincipalFen += m.bal[other].PrincipalFen
			m.bal[c].BonusFen += m.bal[other].BonusFen
			*m.bal[other] = wallet.Balance{}
			for p, n := range m.wine[other] {
				m.wine[c][p] += n
			}
			m.wine[other] = map[int64]int64{}
			for _, b := range m.buys {
				if b.owner == other {
					b.owner = c
				}
			}
			for id, h := range m.holder {
				if h == other {
					m.holder[id] = c
				}
			}
			for i, id := range live {
				if id == other {
					live = append(live[:i], live[i+1:]...)
					break
				}
			}
			newMember()
			seen["merge"]++
			check(step, "merge", c, other)
		default: // the owner switches the spending rule
			next := wallet.SpendBonusFirst
			if s.rule() == next {
				next = wallet.SpendProportional
			}
			s.rules(func(ru *wallet.Rules) { ru.CapOn, ru.SpendRule = false, next })
		}
	}
	ids := make([]int64, 0, len(m.bal))
	for id := range m.bal {
		ids = append(ids, id)
	}
	check(10000, "the end", ids...)
	var negative, twice int
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM wallet_entries WHERE principal_after < 0 OR bonus_after < 0`).Scan(&negative)
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM (SELECT coupon_id FROM coupon_entries WHERE kind = 'use' GROUP BY coupon_id HAVING COUNT(*) > 1)`).Scan(&twice)
	if negative != 0 || twice != 0 {
		t.Fatalf("%d wallet entries below zero, %d coupons used twice", negative, twice)
	}
	for id, want := range m.coupon {
		k, err := coupons.Get(ctx, s.db.R, id)
		s.must(err)
		if k.State != want || k.CustomerID != m.holder[id] {
			t.Fatalf("coupon %d: %s held by %d, model %s held by %d", id, k.State, k.CustomerID, want, m.holder[id])
		}
	}
	var sumP, sumB int64
	storetest.QueryRow(t, s.db.R, `SELECT COALESCE(SUM(principal_fen), 0), COALESCE(SUM(bonus_fen), 0) FROM wallet_entries`).Scan(&sumP, &sumB)
	if out, _ := wallet.Outstanding(ctx, s.db.R); out != (wallet.Balance{PrincipalFen: sumP, BonusFen: sumB}) {
		t.Fatalf("outstanding %+v, ledger %d/%d", out, sumP, sumB)
	}
	for _, k := range []string{"refused refund", "refund", "deposit from purchase", "withdraw", "coupon used", "coupon expired", "merge"} {
		if seen[k] == 0 {
			t.Errorf("the run never saw: %s", k)
		}
	}
	t.Logf("%d coupons, %d purchases, %v", len(m.coupon), len(m.buys), seen)
}

// rule is the spending rule in force.
func (s *shop) rule() string {
	s.t.Helper()
	r, err := wallet.LoadRules(ctx, s.db.R)
	s.must(err)
	return r.SpendRule
}
