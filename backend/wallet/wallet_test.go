package wallet_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

func TestRechargeWithPackageGivesBonusPointsAndLevel(t *testing.T) {
	s := newShop(t)
	ls, _ := members.Levels(ctx, s.db.R)
	ls[len(ls)-1].RechargeFen = 300000 // the top level opens on a single ¥3,000 recharge
	s.must(s.tx(func(tx *sql.Tx) error { _, err := members.SaveLevels(ctx, tx, ls); return err }))
	pk := s.packages(wallet.Package{Name: "充1000送100", PayFen: 100000, BonusFen: 10000, Points: 500, Active: true},
		wallet.Package{PayFen: 300000, BonusFen: 48000, Active: true})
	if pk[1].Name != "充3000送480" {
		t.Fatalf("an unnamed package is named for its amounts: %q", pk[1].Name)
	}
	id := s.member("张三", "13800000001")
	r, err := s.recharge(wallet.RechargeInput{CustomerID: id, PackageID: pk[0].ID, Key: "r1"})
	s.must(err)
	if r.Entry.PrincipalAfter != 100000 || r.Entry.BonusAfter != 10000 || r.Points != 500 || r.UpgradedTo != "" {
		t.Fatalf("recharge 1000: %+v", r)
	}
	if pts, _ := points.Balance(ctx, s.db.R, id); pts != 500 {
		t.Fatalf("package points: %d", pts)
	}
	// A retried request (same key) books once.
	again, err := s.recharge(wallet.RechargeInput{CustomerID: id, PackageID: pk[0].ID, Key: "r1"})
	if err != nil || !again.Repeated || again.Entry.ID != r.Entry.ID || s.balance(id).Total() != 110000 {
		t.Fatalf("retry booked twice: %+v %v %+v", again, err, s.balance(id))
	}
	r, err = s.recharge(wallet.RechargeInput{CustomerID: id, PackageID: pk[1].ID})
	s.must(err)
	if r.UpgradedTo != ls[len(ls)-1].Name {
		t.Fatalf("a ¥3,000 recharge opens the top level, got %q", r.UpgradedTo)
	}
	// A custom amount has no bonus.
	r, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 12345})
	s.must(err)
	if r.Entry.PrincipalFen != 12345 || r.Entry.BonusFen != 0 || s.balance(id) != (wallet.Balance{PrincipalFen: 412345, BonusFen: 58000}) {
		t.Fatalf("custom recharge: %+v %+v", r.Entry, s.balance(id))
	}
}

func TestRechargeRefusesBadInputAndChangesNothing(t *testing.T) {
	s := newShop(t)
	id := s.member("李四", "13800000002")
	before := storetest.Snapshot(t, s.db, "wallet_entries", "wallet_balances")
	for _, c := range []struct {
		in          wallet.RechargeInput
		field, says string
	}{
		{wallet.RechargeInput{CustomerID: id, AmountFen: 0}, "amountFen", "充值金额应大于0"},
		{wallet.RechargeInput{CustomerID: id, AmountFen: -100}, "amountFen", "充值金额不能为负数"},
		{wallet.RechargeInput{CustomerID: id, AmountFen: errs.MaxFen + 1}, "amountFen", "充值金额不能超过"},
		{wallet.RechargeInput{CustomerID: id, AmountFen: 500001}, "amountFen", "记名卡余额上限为 ¥5000.00"},
		{wallet.RechargeInput{CustomerID: id, AmountFen: 100, Method: "bitcoin"}, "method", "付款方式"},
		{wallet.RechargeInput{CustomerID: id, PackageID: 999}, "packageId", "充值套餐不存在"},
		{wallet.RechargeInput{CustomerID: 999, AmountFen: 100}, "customerId", "请先选择会员"},
		{wallet.RechargeInput{CustomerID: id, AmountFen: 100, Note: strings.Repeat("注", 201)}, "note", "备注不能超过200个字"},
	} {
		_, err := s.recharge(c.in)
		refusedOn(t, err, c.field, c.says)
	}
	if after := storetest.Snapshot(t, s.db, "wallet_entries", "wallet_balances"); after != before {
		t.Fatalf("a refused recharge changed the ledger: %s", after)
	}
	// The cap names the cap and the figures; it counts the principal already on the card, not bonus.
	pk := s.packages(wallet.Package{PayFen: 500000, BonusFen: 80000, Active: true})
	other := s.member("王二", "13800000012")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: other, PackageID: pk[0].ID})
	s.must(err)
	_, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 400000})
	s.must(err)
	_, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 100001})
	refusedOn(t, err, "amountFen", "现有本金 ¥4000.00，充值后本金将为 ¥5000.01，超出 ¥0.01")
	// Off, the cap allows it.
	s.rules(func(r *wallet.Rules) { r.CapOn = false })
	_, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 100001})
	s.must(err)
	// A non-member is told to register first.
	var stranger int64
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO customers (name, created_at, updated_at) VALUES ('路人', '2026-01-01', '2026-01-01')`)
		return err
	}))
	storetest.QueryRow(t, s.db.R, `SELECT id FROM customers WHERE name = '路人'`).Scan(&stranger)
	_, err = s.recharge(wallet.RechargeInput{CustomerID: stranger, AmountFen: 100})
	refusedOn(t, err, "customerId", "还不是会员")
}

func TestParseYuanRefusesWhatIsNotAnAmount(t *testing.T) {
	for raw, want := range map[string]int64{"1000": 100000, "1,000.5": 100050, "¥88.88": 8888, " 0.01 ": 1} {
		if got, err := wallet.ParseYuan("amount", "金额", raw); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", raw, got, err, want)
		}
	}
	for raw, says := range map[string]string{"abc": "不是有效的金额", "12.345": "最多两位小数", "0": "应大于0", "0.00": "应大于0",
		"-5": "不能为负数", "": "不是有效的金额", "1.": "不是有效的金额", "9999999999999": "不能超过"} {
		_, err := wallet.ParseYuan("amount", "金额", raw)
		refusedOn(t, err, "amount", says)
	}
}

func TestOrganisationRechargeNeedsTheTransferNotice(t *testing.T) {
	s := newShop(t)
	id := s.member("某公司", "13800000003")
	s.customerKind(id, "企业")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 500000, Key: "o1"})
	if p := errs.ToPayload(err); p.Code != errs.CodeConflict || !strings.Contains(p.Message, "对公银行转账") {
		t.Fatalf("want the transfer notice, got %v", err)
	}
	if s.balance(id).Total() != 0 {
		t.Fatal("the notice must come before anything is booked")
	}
	_, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 500000, Key: "o1", TransferConfirmed: true})
	s.must(err)
	// A person recharging the same is not asked.
	p := s.member("个人", "13800000004")
	_, err = s.recharge(wallet.RechargeInput{CustomerID: p, AmountFen: 500000})
	s.must(err)
}

func TestSplitRules(t *testing.T) {
	bal := wallet.Balance{PrincipalFen: 100000, BonusFen: 10000}
	for _, c := range []struct {
		rule         string
		bal          wallet.Balance
		amount, p, b int64
	}{
		{wallet.SpendProportional, bal, 11000, 10000, 1000},
		{wallet.SpendProportional, bal, 1, 0, 1}, // the odd fen falls on the bonus
		{wallet.SpendProportional, bal, 12, 10, 2},
		{wallet.SpendProportional, bal, 110000, 100000, 10000},
		{wallet.SpendProportional, wallet.Balance{PrincipalFen: 1, BonusFen: 2}, 2, 0, 2},
		{wallet.SpendBonusFirst, bal, 11000, 1000, 10000},
		{wallet.SpendBonusFirst, bal, 500, 0, 500},
		{wallet.SpendProportional, wallet.Balance{PrincipalFen: errs.MaxFen, BonusFen: errs.MaxFen}, errs.MaxFen, errs.MaxFen / 2, errs.MaxFen / 2},
	} {
		p, b := wallet.Split(c.rule, c.bal, c.amount)
		if p != c.p || b != c.b {
			t.Errorf("%s %+v %d: got %d+%d, want %d+%d", c.rule, c.bal, c.amount, p, b, c.p, c.b)
		}
	}
}

func TestPayPurchaseHalfByStoredValueAndRefundIt(t *testing.T) {
	s := newShop(t)
	id := s.member("王五", "13800000005")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 100000})
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, _, err := wallet.Adjust(ctx, tx, wallet.AdjustInput{CustomerID: id, BonusFen: 10000, Reason: "补赠送", Key: "a1"}, 0)
		return err
	}))
	wine := s.product(30000)
	p, err := s.buy(id, wine, 2, sales.Payment{Method: "stored", AmountFen: 30000}, sales.Payment{Method: "wechat", AmountFen: 30000})
	s.must(err)
	// ¥300 from 1000 principal + 100 bonus: 272.72 principal (rounded down), 27.28 bonus.
	if b := s.balance(id); b.PrincipalFen != 100000-27272 || b.BonusFen != 10000-2728 {
		t.Fatalf("after spend: %+v", b)
	}
	if len(p.Payments) != 2 || p.Payments[0].Method != "stored" {
		t.Fatalf("payments stored with the purchase: %+v", p.Payments)
	}
	// A partial refund of one bottle returns stored value first; the last returns exactly the rest.
	plan, err := s.refund(sales.RefundInput{PurchaseID: p.ID, Lines: []sales.RefundLine{{LineID: p.Lines[0].ID, Qty: 1}}})
	s.must(err)
	if len(plan.Payback) != 1 || plan.Payback[0] != (sales.Payment{Method: "stored", AmountFen: 30000}) {
		t.Fatalf("one bottle goes back to stored value: %+v", plan.Payback)
	}
	if b := s.balance(id); b != (wallet.Balance{PrincipalFen: 100000, BonusFen: 10000}) {
		t.Fatalf("stored value back exactly as taken: %+v", b)
	}
	plan, err = s.refund(sales.RefundInput{PurchaseID: p.ID, All: true})
	s.must(err)
	if len(plan.Payback) != 1 || plan.Payback[0] != (sales.Payment{Method: "wechat", AmountFen: 30000}) {
		t.Fatalf("the rest goes back as WeChat (cash back): %+v", plan.Payback)
	}
	if b := s.balance(id); b != (wallet.Balance{PrincipalFen: 100000, BonusFen: 10000}) {
		t.Fatalf("the WeChat part does not touch the wallet: %+v", b)
	}
}

func TestPaymentsRefusedWithShortfallAndNothingChanges(t *testing.T) {
	s := newShop(t)
	id := s.member("赵六", "13800000006")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 10000})
	s.must(err)
	wine := s.product(15000)
	tables := []string{"purchases", "purchase_payments", "wallet_entries", "wallet_balances", "points_entries"}
	before := storetest.Snapshot(t, s.db, tables...)
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: 15000})
	refusedOn(t, err, "payments", "储值余额不足：余额 ¥100.00，本次储值支付 ¥150.00，还差 ¥50.00")
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: 5000}, sales.Payment{Method: "cash", AmountFen: 5000})
	refusedOn(t, err, "payments", "付款合计 ¥100.00 与应付 ¥150.00 不符")
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: 0}, sales.Payment{Method: "cash", AmountFen: 15000})
	refusedOn(t, err, "payments[0].amountFen", "储值支付金额应大于0")
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: -5000}, sales.Payment{Method: "cash", AmountFen: 20000})
	refusedOn(t, err, "payments[0].amountFen", "不能为负数")
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "iou", AmountFen: 15000})
	refusedOn(t, err, "payments[0].method", "付款方式无效")
	if after := storetest.Snapshot(t, s.db, tables...); after != before {
		t.Fatalf("a refused payment changed something")
	}
	// A frozen card cannot pay by stored value.
	s.must(s.tx(func(tx *sql.Tx) error { _, err := members.FreezeCard(ctx, tx, id, "挂失"); return err }))
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: 10000}, sales.Payment{Method: "cash", AmountFen: 5000})
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "冻结") {
		t.Fatalf("frozen card paid: %v", err)
	}
}

func TestCloseRefundsPrincipalForfeitsBonusAndFreezes(t *testing.T) {
	s := newShop(t)
	id := s.member("孙七", "13800000007")
	pk := s.packages(wallet.Package{PayFen: 100000, BonusFen: 10000, Active: true})
	_, err := s.recharge(wallet.RechargeInput{CustomerID: id, PackageID: pk[0].ID})
	s.must(err)
	wine := s.product(22000)
	_, err = s.buy(id, wine, 1, sales.Payment{Method: "stored", AmountFen: 22000})
	s.must(err)
	plan, err := wallet.PlanClose(ctx, s.db.R, id)
	s.must(err)
	if plan.RefundFen != 80000 || plan.ForfeitFen != 8000 {
		t.Fatalf("plan: %+v", plan)
	}
	var e wallet.Entry
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		_, e, err = wallet.Close(ctx, tx, wallet.CloseInput{CustomerID: id, Method: "cash", Reason: "搬家", Key: "c1"}, 0)
		return err
	}))
	if e.CashFen != 80000 || e.PrincipalAfter != 0 || e.BonusAfter != 0 || s.balance(id).Total() != 0 {
		t.Fatalf("close entry: %+v", e)
	}
	if k, _, _ := members.CurrentCard(ctx, s.db.R, id); k.State != members.CardFrozen {
		t.Fatalf("card not frozen: %+v", k)
	}
	_, err = s.recharge(wallet.RechargeInput{CustomerID: id, AmountFen: 100})
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("a closed card takes no recharge: %v", err)
	}
	// Bad input: no reason, no method.
	other := s.member("周八", "13800000008")
	_, err = s.recharge(wallet.RechargeInput{CustomerID: other, AmountFen: 100})
	s.must(err)
	s.tx(func(tx *sql.Tx) error {
		_, _, err := wallet.Close(ctx, tx, wallet.CloseInput{CustomerID: other, Method: "cash", Key: "c2"}, 0)
		refusedOn(t, err, "reason", "请填写退卡原因")
		_, _, err = wallet.Close(ctx, tx, wallet.CloseInput{CustomerID: other, Reason: "x", Key: "c2"}, 0)
		refusedOn(t, err, "method", "退款方式")
		return nil
	})
}

func TestAdjustNeedsReasonAndKeepsBalancesNonNegative(t *testing.T) {
	s := newShop(t)
	id := s.member("吴九", "13800000009")
	adjust := func(in wallet.AdjustInput) error {
		if in.Key == "" {
			in.Key = s.nextKey()
		}
		return s.tx(func(tx *sql.Tx) error { _, _, err := wallet.Adjust(ctx, tx, in, 0); return err })
	}
	refusedOn(t, adjust(wallet.AdjustInput{CustomerID: id, PrincipalFen: 100}), "reason", "请填写调整原因")
	refusedOn(t, adjust(wallet.AdjustInput{CustomerID: id, Reason: "x"}), "principalFen", "不能都为0")
	refusedOn(t, adjust(wallet.AdjustInput{CustomerID: id, PrincipalFen: -1, Reason: "x"}), "principalFen", "本金余额只有 ¥0.00")
	refusedOn(t, adjust(wallet.AdjustInput{CustomerID: id, BonusFen: errs.MaxFen + 1, Reason: "x"}), "bonusFen", "不能超过")
	s.must(adjust(wallet.AdjustInput{CustomerID: id, PrincipalFen: 500, BonusFen: 200, Reason: "补录"}))
	s.must(adjust(wallet.AdjustInput{CustomerID: id, PrincipalFen: -500, Reason: "冲正"}))
	if b := s.balance(id); b != (wallet.Balance{BonusFen: 200}) {
		t.Fatalf("adjusted: %+v", b)
	}
}

func TestCardReplacementKeepsAndMergeMovesTheWallet(t *testing.T) {
	s := newShop(t)
	a := s.member("甲", "13800000010")
	b := s.member("乙", "13800000011")
	_, err := s.recharge(wallet.RechargeInput{CustomerID: a, AmountFen: 30000})
	s.must(err)
	// Balances belong to the customer, as points do: the replacement card pays with them.
	s.must(s.tx(func(tx *sql.Tx) error { _, err := members.ReplaceCard(ctx, tx, a, "", "丢失", 0); return err }))
	wine := s.product(1000)
	_, err = s.buy(a, wine, 1, sales.Payment{Method: "stored", AmountFen: 1000})
	s.must(err)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, _, err := wallet.Adjust(ctx, tx, wallet.AdjustInput{CustomerID: b, PrincipalFen: 100, BonusFen: 50, Reason: "x", Key: "m"}, 0)
		return err
	}))
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := customersMerge(tx, b, a)
		return err
	}))
	if got := s.balance(b); got != (wallet.Balance{PrincipalFen: 29100, BonusFen: 50}) || s.balance(a).Total() != 0 {
		t.Fatalf("merge moved %+v, left %+v", got, s.balance(a))
	}
}

func customersMerge(tx *sql.Tx, survivor, merged int64) (customers.MergeResult, error) {
	return customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: survivor, MergedID: merged}, 0)
}
