package app

import (
	"testing"

	"jiuke/backend/audit"
	"jiuke/backend/members"
	"jiuke/backend/wallet"
)

// A retried 退卡 or adjustment (the same request key: a double click, or an answer lost on the shop
// network) is one write: the second call returns the first result and writes no second audit line.
func TestRetriedCloseAndAdjustLogOnce(t *testing.T) {
	core := signedInCore(t, nil)
	w := &Wallet{core}
	m, err := (&Members{core}).Register(members.RegisterInput{Name: "张三", Mobile: "13800138000"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Recharge(wallet.RechargeInput{CustomerID: m.CustomerID, AmountFen: 100000, Method: "cash", Key: "r1"}); err != nil {
		t.Fatal(err)
	}
	logged := func(action string) int {
		t.Helper()
		page, err := (&Audit{core}).List(audit.Filter{Action: action})
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}

	adj := wallet.AdjustInput{CustomerID: m.CustomerID, BonusFen: 5000, Reason: "补赠送", Key: "a1"}
	first, err := w.Adjust(adj)
	if err != nil {
		t.Fatal(err)
	}
	again, err := w.Adjust(adj)
	if err != nil || again.ID != first.ID || again.BonusAfter != first.BonusAfter {
		t.Fatalf("retried adjust: %v %+v vs %+v", err, again, first)
	}
	if n := logged("调整储值"); n != 1 {
		t.Fatalf("adjust logged %d times", n)
	}

	in := wallet.CloseInput{CustomerID: m.CustomerID, Method: "cash", Reason: "搬家", Key: "c1"}
	closed, err := w.Close(in)
	if err != nil || closed.Repeated || closed.RefundFen != 100000 || closed.ForfeitFen != 5000 {
		t.Fatalf("close: %v %+v", err, closed)
	}
	repeat, err := w.Close(in)
	if err != nil || !repeat.Repeated || repeat.RefundFen != closed.RefundFen || repeat.ForfeitFen != closed.ForfeitFen ||
		repeat.CustomerName != closed.CustomerName || repeat.CardNumber != closed.CardNumber {
		t.Fatalf("retried close: %v %+v vs %+v", err, repeat, closed)
	}
	if n := logged("储值退卡"); n != 1 {
		t.Fatalf("退卡 logged %d times", n)
	}
	if bal, _ := w.Balance(m.CustomerID); bal.Total() != 0 {
		t.Fatalf("balance after 退卡 %+v", bal)
	}
}
