package wallet_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// refModel is the plain reference: two balances per customer, and per purchase what stored value
// took from each balance and what refunds gave back.
type refModel struct {
	bal      map[int64]*wallet.Balance
	taken    map[int64]*wallet.Balance // purchase id → taken, less returned
	owner    map[int64]int64           // purchase id → its customer now (a merge moves purchases)
	purchase map[int64]sales.Purchase
}

// refSplit is the documented rule written out plainly: proportional rounds the principal part down.
func refSplit(rule string, p, b, amount int64) (int64, int64) {
	if amount >= p+b {
		return p, b
	}
	if rule == wallet.SpendBonusFirst {
		fromBonus := amount
		if fromBonus > b {
			fromBonus = b
		}
		return amount - fromBonus, fromBonus
	}
	fromPrincipal := amount * p / (p + b)
	return fromPrincipal, amount - fromPrincipal
}

// TestWalletAgainstReferenceModel runs 10,000 random operations (recharge, spend, mixed payment,
// refund, 退卡, card replacement, merge, adjustment) through the real code and checks, for every
// member, that the balance equals the ledger sum, is never negative, and that the principal and
// bonus split equals the reference model's.
func TestWalletAgainstReferenceModel(t *testing.T) {
	s := newShop(t)
	r := rand.New(rand.NewPCG(15, 2026))
	s.rules(func(ru *wallet.Rules) { ru.CapOn = false })
	rule := wallet.SpendProportional
	pk := s.packages(wallet.Package{PayFen: 100000, BonusFen: 10000, Active: true}, wallet.Package{PayFen: 50000, BonusFen: 3300, Active: true},
		wallet.Package{PayFen: 777, BonusFen: 333, Active: true})
	var prods []sales.Product
	for i := 0; i < 4; i++ {
		prods = append(prods, s.product(int64(1+r.IntN(30000))))
	}
	m := &refModel{bal: map[int64]*wallet.Balance{}, taken: map[int64]*wallet.Balance{}, owner: map[int64]int64{}, purchase: map[int64]sales.Purchase{}}
	var live []int64
	newMember := func() {
		id := s.member(fmt.Sprintf("会员%d", len(m.bal)), fmt.Sprintf("139%08d", len(m.bal)))
		m.bal[id] = &wallet.Balance{}
		live = append(live, id)
	}
	for i := 0; i < 25; i++ {
		newMember()
	}
	var purchases []int64
	check := func(op string, ids ...int64) {
		t.Helper()
		for _, id := range ids {
			if got := s.balance(id); got != *m.bal[id] {
				t.Fatalf("after %s: customer %d has %+v, model %+v", op, id, got, *m.bal[id])
			}
		}
	}
	for step := 0; step < 10000; step++ {
		c := live[r.IntN(len(live))]
		switch op := r.IntN(100); {
		case op < 25: // recharge: a package or a custom amount
			in := wallet.RechargeInput{CustomerID: c, Key: s.nextKey(), Method: "cash"}
			var addP, addB int64
			if r.IntN(3) > 0 {
				p := pk[r.IntN(len(pk))]
				in.PackageID, addP, addB = p.ID, p.PayFen, p.BonusFen
			} else {
				in.AmountFen = int64(1 + r.IntN(200000))
				addP = in.AmountFen
			}
			s.must(s.tx(func(tx *sql.Tx) error { _, err := wallet.Recharge(ctx, tx, in, 0); return err }))
			m.bal[c].PrincipalFen += addP
			m.bal[c].BonusFen += addB
			check("recharge", c)
		case op < 55: // a purchase paid wholly or partly by stored value, sometimes more than the balance
			prod := prods[r.IntN(len(prods))]
			qty := int64(1 + r.IntN(3))
			total := prod.RetailFen * qty
			stored := int64(1 + r.Int64N(total))
			if r.IntN(3) == 0 {
				stored = total
			}
			pay := []sales.Payment{{Method: "stored", AmountFen: stored}}
			if stored < total {
				pay = append(pay, sales.Payment{Method: []string{"cash", "wechat", "alipay", "card"}[r.IntN(4)], AmountFen: total - stored})
			}
			p, err := s.buy(c, prod, qty, pay...)
			have := m.bal[c]
			if stored > have.Total() {
				if errs.CodeOf(err) != errs.CodeInvalid {
					t.Fatalf("step %d: spend %d over balance %+v: %v", step, stored, *have, err)
				}
				check("refused spend", c)
				continue
			}
			s.must(err)
			tp, tb := refSplit(rule, have.PrincipalFen, have.BonusFen, stored)
			have.PrincipalFen -= tp
			have.BonusFen -= tb
			m.taken[p.ID] = &wallet.Balance{PrincipalFen: tp, BonusFen: tb}
			m.owner[p.ID], m.purchase[p.ID] = c, p
			purchases = append(purchases, p.ID)
			check("spend", c)
		case op < 70 && len(purchases) > 0: // refund part or all of a purchase
			pid := purchases[r.IntN(len(purchases))]
			p := m.purchase[pid]
			in := sales.RefundInput{PurchaseID: pid, All: r.IntN(2) == 0}
			if !in.All {
				in.Lines = []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}
			}
			plan, err := s.refund(in)
			if err != nil {
				if errs.CodeOf(err) == errs.CodeInternal {
					t.Fatalf("step %d refund: %v", step, err)
				}
				continue // nothing left to refund
			}
			var back int64
			for _, b := range plan.Payback {
				if b.Method == "stored" {
					back += b.AmountFen
				}
			}
			left := m.taken[pid]
			if want := min(plan.PaidFen, left.Total()); back != want {
				t.Fatalf("step %d: refund of %d returns %d to stored value, model %d", step, plan.PaidFen, back, want)
			}
			rp, rb := refSplit(wallet.SpendProportional, left.PrincipalFen, left.BonusFen, back)
			left.PrincipalFen -= rp
			left.BonusFen -= rb
			o := m.owner[pid]
			m.bal[o].PrincipalFen += rp
			m.bal[o].BonusFen += rb
			check("refund", o)
		case op < 75: // 退卡, then the card is opened again so the member stays in play
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
			check("close", c)
			s.must(s.tx(func(tx *sql.Tx) error { _, err := members.UnfreezeCard(ctx, tx, c); return err }))
		case op < 82: // lost card: a replacement, balances unchanged
			s.must(s.tx(func(tx *sql.Tx) error { _, err := members.ReplaceCard(ctx, tx, c, "", "丢失", 0); return err }))
			check("replace card", c)
		case op < 86 && len(live) > 3: // merge another member into c
			other := live[r.IntN(len(live))]
			if other == c {
				continue
			}
			if err := s.tx(func(tx *sql.Tx) error { _, err := customersMerge(tx, c, other); return err }); err != nil {
				// A survivor that took many merges runs out of room for other phones: refused, nothing moved.
				if errs.CodeOf(err) != errs.CodeInvalid {
					t.Fatalf("step %d merge: %v", step, err)
				}
				check("refused merge", c, other)
				continue
			}
			m.bal[c].PrincipalFen += m.bal[other].PrincipalFen
			m.bal[c].BonusFen += m.bal[other].BonusFen
			*m.bal[other] = wallet.Balance{}
			for pid, o := range m.owner {
				if o == other {
					m.owner[pid] = c
				}
			}
			for i, id := range live {
				if id == other {
					live = append(live[:i], live[i+1:]...)
					break
				}
			}
			newMember()
			check("merge", c, other)
		case op < 90: // a manager's correction, within the balances
			dp := int64(r.IntN(2001)) - 1000
			db := int64(r.IntN(2001)) - 1000
			dp, db = max(dp, -m.bal[c].PrincipalFen), max(db, -m.bal[c].BonusFen)
			if dp == 0 && db == 0 {
				continue
			}
			s.must(s.tx(func(tx *sql.Tx) error {
				_, _, err := wallet.Adjust(ctx, tx, wallet.AdjustInput{CustomerID: c, PrincipalFen: dp, BonusFen: db, Reason: "盘点", Key: s.nextKey()}, 0)
				return err
			}))
			m.bal[c].PrincipalFen += dp
			m.bal[c].BonusFen += db
			check("adjust", c)
		default: // the owner switches the spending rule
			if rule == wallet.SpendProportional {
				rule = wallet.SpendBonusFirst
			} else {
				rule = wallet.SpendProportional
			}
			s.rules(func(ru *wallet.Rules) { ru.CapOn, ru.SpendRule = false, rule })
		}
	}
	var total wallet.Balance
	for id, want := range m.bal {
		var sumP, sumB int64
		storetest.QueryRow(t, s.db.R, `SELECT COALESCE(SUM(principal_fen), 0), COALESCE(SUM(bonus_fen), 0) FROM wallet_entries WHERE customer_id = ?`, id).Scan(&sumP, &sumB)
		if got := s.balance(id); got != *want || got != (wallet.Balance{PrincipalFen: sumP, BonusFen: sumB}) {
			t.Fatalf("customer %d: balance %+v, ledger %d/%d, model %+v", id, got, sumP, sumB, *want)
		}
		total.PrincipalFen += want.PrincipalFen
		total.BonusFen += want.BonusFen
	}
	var negative int
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM wallet_entries WHERE principal_after < 0 OR bonus_after < 0`).Scan(&negative)
	if out, _ := wallet.Outstanding(ctx, s.db.R); out != total || negative != 0 {
		t.Fatalf("shop outstanding %+v, model %+v; %d entries below zero", out, total, negative)
	}
	var n int
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM wallet_entries`).Scan(&n)
	t.Logf("%d ledger entries, outstanding %+v", n, total)
}
