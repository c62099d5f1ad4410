package wallet_test

import (
	"testing"
	"time"

	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
)

func TestLiabilityAtDatesPerPeriodAndQuarter(t *testing.T) {
	s := newShop(t)
	a := s.member("甲", "13800000031")
	// History written as the ledger would have: a recharge on 2026-03-31 23:30 shop time (still Q1)
	// and a spend on 2026-04-01 00:30 (Q2), whatever the UTC date says.
	_, err := s.db.W.Exec(`INSERT INTO wallet_entries (customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after, idem_key, created_at)
		VALUES (?, 'recharge', 100000, 10000, 100000, 10000, 'h1', '2026-03-31T15:30:00Z')`, a)
	s.must(err)
	_, err = s.db.W.Exec(`INSERT INTO wallet_entries (customer_id, kind, principal_fen, bonus_fen, principal_after, bonus_after, idem_key, created_at)
		VALUES (?, 'spend', -20000, -2000, 80000, 8000, 'h2', '2026-03-31T16:30:00Z')`, a)
	s.must(err)
	l, err := wallet.LoadLiability(ctx, s.db.R, wallet.LiabilityQuery{From: "2026-03-01", To: "2026-04-30", By: "day", AsOf: "2026-03-31"})
	s.must(err)
	if l.Balance != (wallet.Balance{PrincipalFen: 100000, BonusFen: 10000}) {
		t.Fatalf("balance at 2026-03-31: %+v", l.Balance)
	}
	if len(l.Periods) != 2 || l.Periods[0].Label != "2026-03-31" || l.Periods[0].RechargeFen != 100000 || l.Periods[0].BonusFen != 10000 ||
		l.Periods[1].Label != "2026-04-01" || l.Periods[1].SpendFen != 22000 {
		t.Fatalf("per day in shop time: %+v", l.Periods)
	}
	if len(l.Staff) != 1 || l.Staff[0].Label != "（系统）" || l.Staff[0].SpendFen != 22000 {
		t.Fatalf("per staff: %+v", l.Staff)
	}
	l, err = wallet.LoadLiability(ctx, s.db.R, wallet.LiabilityQuery{From: "2026-01-01", To: "2026-12-31", By: "month", AsOf: "2026-09-30"})
	s.must(err)
	if len(l.Quarters) < 3 || l.Quarters[0].Label != "2026年第3季度" || l.Quarters[0].PrincipalFen != 80000 ||
		l.Quarters[2].Label != "2026年第1季度" || l.Quarters[2].PrincipalFen+l.Quarters[2].BonusFen != 110000 ||
		l.Quarters[2].CustodyFen != 110000*40/100 {
		t.Fatalf("quarter ends with 40%% custody by default: %+v", l.Quarters)
	}
	if len(l.Periods) != 2 || l.Periods[0].Label != "2026-03" || l.Periods[1].Label != "2026-04" {
		t.Fatalf("per month: %+v", l.Periods)
	}
	// Today's work shows up, and the dashboard figure agrees with the balance at today.
	_, err = s.recharge(wallet.RechargeInput{CustomerID: a, AmountFen: 5000})
	s.must(err)
	_, err = s.buy(a, s.product(3000), 1, sales.Payment{Method: "stored", AmountFen: 3000})
	s.must(err)
	l, err = wallet.LoadLiability(ctx, s.db.R, wallet.LiabilityQuery{})
	s.must(err)
	out, _ := wallet.Outstanding(ctx, s.db.R)
	if l.AsOf != store.Today() || l.Balance != out || out.Total() != 88000+5000-3000 {
		t.Fatalf("today: %+v, outstanding %+v", l, out)
	}
	for _, bad := range []wallet.LiabilityQuery{{From: "2026-13-01"}, {From: "2026-05-01", To: "2026-04-01"}, {From: "2020-01-01", To: time.Now().Format(time.DateOnly)}} {
		if _, err := wallet.LoadLiability(ctx, s.db.R, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
