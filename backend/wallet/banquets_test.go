package wallet_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// banquetFor registers a wedding for host at a hotel: 4 bottles at ¥300, 20 in stock.
func (s *shop) banquetFor(host int64, wine int64) banquets.Banquet {
	s.t.Helper()
	var b banquets.Banquet
	s.must(s.tx(func(tx *sql.Tx) error {
		hotel, err := customers.Create(ctx, tx, customers.Input{Name: "金源大酒店" + s.nextKey(), Mobile: "", Kind: "终端门店", OutletType: "酒店"}, 0)
		if err != nil {
			return err
		}
		if _, err := banquets.ReceiveStock(ctx, tx, wine, 20, "进货", s.nextKey(), 0); err != nil {
			return err
		}
		b, _, err = banquets.Register(ctx, tx, banquets.Input{HostID: host, Kind: "婚宴", VenueID: hotel.ID, Tables: 10,
			HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00", ContactName: "王先生", ContactPhone: "13800000001",
			Lines: []banquets.LineInput{{ProductID: wine, Bottles: 4, UnitFen: 30000}}, IdemKey: s.nextKey()}, 0)
		return err
	}))
	return b
}

func (s *shop) payBanquet(id int64, kind, method string, fen int64, key string) (banquets.Payment, error) {
	var p banquets.Payment
	err := s.tx(func(tx *sql.Tx) (err error) {
		p, _, err = banquets.AddPayment(ctx, tx, id, banquets.PaymentInput{Kind: kind, Method: method, AmountFen: fen, IdemKey: key}, 0)
		return err
	})
	return p, err
}

func TestBanquetPaidByStoredValueAndRefundedToIt(t *testing.T) {
	s := newShop(t)
	host := s.member("王新郎", "13800000011")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: host, AmountFen: 100000})
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, _, err := wallet.Adjust(ctx, tx, wallet.AdjustInput{CustomerID: host, BonusFen: 10000, Reason: "补赠送", Key: "a1"}, 0)
		return err
	}))
	wine := s.product(30000)
	b := s.banquetFor(host, wine.ID)

	// A ¥600 deposit from ¥1000 principal + ¥100 bonus, proportionally: 545.45 principal, 54.55 bonus.
	p, err := s.payBanquet(b.ID, "deposit", "储值", 60000, "dep1")
	s.must(err)
	if got := s.balance(host); got != (wallet.Balance{PrincipalFen: 45455, BonusFen: 4545}) {
		t.Fatalf("balance after the deposit: %+v", got)
	}
	e, err := wallet.GetEntry(ctx, s.db.R, p.WalletEntryID)
	s.must(err)
	if e.Kind != wallet.KindSpend || e.CustomerID != host || e.PrincipalFen != -54545 || e.BonusFen != -5455 || !strings.Contains(e.Note, "宴席") {
		t.Fatalf("the wallet line of the deposit: %+v", e)
	}
	// A double click (the same request again) pays once.
	again, err := s.payBanquet(b.ID, "deposit", "储值", 60000, "dep1")
	s.must(err)
	var payments, entries int64
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM banquet_payments`).Scan(&payments)
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM wallet_entries WHERE kind = 'spend'`).Scan(&entries)
	if again.ID != p.ID || payments != 1 || entries != 1 || s.balance(host).Total() != 50000 {
		t.Fatalf("double submit: payment %d vs %d, %d payments, %d spends, balance %+v", again.ID, p.ID, payments, entries, s.balance(host))
	}

	// More than the balance is refused naming the shortfall, and nothing changes.
	tables := []string{"banquet_payments", "wallet_entries", "wallet_balances", "wallet_totals"}
	before := storetest.Snapshot(t, s.db, tables...)
	_, err = s.payBanquet(b.ID, "deposit", "储值", 60000, "dep2")
	refusedOn(t, err, "amountFen", "主家储值余额不足：余额 ¥500.00，本次储值支付 ¥600.00，还差 ¥100.00")
	if storetest.Snapshot(t, s.db, tables...) != before {
		t.Fatal("a refused stored-value payment changed something")
	}

	// Delivered 4, opened 1 (¥300), 3 back: the host is owed ¥300 and gets it back on the card first.
	s.must(s.tx(func(tx *sql.Tx) error {
		_, _, err := banquets.Deliver(ctx, tx, b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: wine.ID, Bottles: 4}}, IdemKey: "d1"}, 0)
		if err != nil {
			return err
		}
		_, _, err = banquets.Settle(ctx, tx, b.ID, banquets.SettleInput{Lines: []banquets.SettleLine{{ProductID: wine.ID, Opened: 1, Returned: 3, CountedBy: "count"}},
			IdemKey: "s1"}, 0)
		return err
	}))
	_, err = s.payBanquet(b.ID, "refund", "现金", 30000, "r0")
	refusedOn(t, err, "method", "主家用储值支付的¥600.00尚未退回")
	_, err = s.payBanquet(b.ID, "refund", "储值", 40000, "r1")
	refusedOn(t, err, "amountFen", "退款不能超过应退的¥300.00")
	r, err := s.payBanquet(b.ID, "refund", "储值", 30000, "r2")
	s.must(err)
	// Back in the proportion taken: 272.72 principal, 27.28 bonus.
	if got := s.balance(host); got != (wallet.Balance{PrincipalFen: 45455 + 27272, BonusFen: 4545 + 2728}) {
		t.Fatalf("balance after the refund: %+v", got)
	}
	if r.AmountFen != -30000 || r.WalletEntryID == 0 {
		t.Fatalf("refund payment: %+v", r)
	}
	d, err := banquets.GetDetail(ctx, s.db.R, b.ID)
	s.must(err)
	if d.BalanceFen != 0 || d.StoredPaidFen != 30000 {
		t.Fatalf("after the refund the banquet is square: balance %d, stored paid %d", d.BalanceFen, d.StoredPaidFen)
	}
}

func TestCancelledBanquetReturnsExactlyWhatStoredValuePaid(t *testing.T) {
	s := newShop(t)
	host := s.member("李寿星", "13800000012")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: host, AmountFen: 30000})
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, _, err := wallet.Adjust(ctx, tx, wallet.AdjustInput{CustomerID: host, BonusFen: 3333, Reason: "补赠送", Key: "a1"}, 0)
		return err
	}))
	start := s.balance(host)
	b := s.banquetFor(host, s.product(30000).ID)
	_, err = s.payBanquet(b.ID, "deposit", "储值", 10001, "d1")
	s.must(err)
	_, err = s.payBanquet(b.ID, "deposit", "微信", 5000, "d2")
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error { _, _, err := banquets.Cancel(ctx, tx, b.ID, "改期", 0); return err }))
	// Two returns whose roundings must add up: the last gives back exactly what is left of each balance.
	for i, fen := range []int64{3333, 6668} {
		_, err := s.payBanquet(b.ID, "refund", "储值", fen, "r"+string(rune('a'+i)))
		s.must(err)
	}
	if got := s.balance(host); got != start {
		t.Fatalf("stored value back exactly: %+v, started %+v", got, start)
	}
	_, err = s.payBanquet(b.ID, "refund", "储值", 1, "r9")
	refusedOn(t, err, "amountFen", "退回储值不能超过主家在本宴席用储值支付且未退回的¥0.00")
	_, err = s.payBanquet(b.ID, "refund", "微信", 5000, "r10")
	s.must(err)
}

func TestBanquetStoredValueNeedsAMemberHost(t *testing.T) {
	s := newShop(t)
	var host int64
	s.must(s.tx(func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: "张散客", Mobile: "13800000013"}, 0)
		host = c.ID
		return err
	}))
	b := s.banquetFor(host, s.product(30000).ID)
	_, err := s.payBanquet(b.ID, "deposit", "储值", 100, "d1")
	refusedOn(t, err, "method", "主家不能用储值支付：「张散客」还不是会员")
	if errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("code %v", errs.CodeOf(err))
	}
}

// A refund to stored value goes to the banquet's host, so the host cannot change while stored value they
// paid is still on the banquet: the new host would receive the old one's money.
func TestBanquetHostKeptWhileTheirStoredValueIsOnIt(t *testing.T) {
	s := newShop(t)
	host := s.member("赵新郎", "13800000014")
	other := s.member("钱新郎", "13800000015")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: host, AmountFen: 50000})
	s.must(err)
	wine := s.product(30000)
	b := s.banquetFor(host, wine.ID)
	_, err = s.payBanquet(b.ID, "deposit", "储值", 20000, "d1")
	s.must(err)
	update := func(to int64) error {
		return s.tx(func(tx *sql.Tx) error {
			_, err := banquets.Update(ctx, tx, b.ID, banquets.Input{HostID: to, Kind: "婚宴", VenueID: b.VenueID, Tables: 12,
				HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00", ContactName: "王先生",
				Lines: []banquets.LineInput{{ProductID: wine.ID, Bottles: 4, UnitFen: 30000}}})
			return err
		})
	}
	refusedOn(t, update(other), "hostId", "主家已用储值付款¥200.00，不能更换主家")
	// The same host may still edit the rest of the registration.
	s.must(update(host))
	var kept int64
	storetest.QueryRow(t, s.db.R, `SELECT host_id FROM banquets WHERE id = ?`, b.ID).Scan(&kept)
	if kept != host {
		t.Fatalf("host changed to %d", kept)
	}
}
