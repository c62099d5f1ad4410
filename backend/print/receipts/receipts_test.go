package receipts_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/print/receipts"
	"jiuke/backend/sales"
	"jiuke/backend/settings"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
	"jiuke/backend/wallet/coupons"
	"jiuke/backend/wallet/wine"
)

var ctx = context.Background()

type fixture struct {
	t  *testing.T
	db *store.DB
}

func (f fixture) tx(fn func(tx *sql.Tx) error) {
	f.t.Helper()
	if err := f.db.WithTx(ctx, fn); err != nil {
		f.t.Fatal(err)
	}
}

func (f fixture) print(kind string, id int64, paper string) (receipts.Receipt, error) {
	var r receipts.Receipt
	err := f.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		r, err = receipts.Print(ctx, tx, kind, id, paper, 0)
		return err
	})
	return r, err
}

func balance(r receipts.Receipt, label string) (int64, bool) {
	for _, b := range r.Balances {
		if b.Label == label {
			return b.Value, true
		}
	}
	return 0, false
}

// One customer's day at the counter: a recharge, a purchase paid half by stored value, a refund, a
// gift, wine stored and two bottles taken. Each record's receipt shows its own figures and the
// balances as they stood right after it, also when printed again after later records.
func TestEveryKindOfReceiptShowsItsRecordAndTheBalancesAfterIt(t *testing.T) {
	f := fixture{t: t, db: storetest.Open(t)}
	var customerID, productID int64
	var rech wallet.RechargeResult
	var buy sales.Purchase
	var refund sales.RefundPlan
	var gift points.Redemption
	var dep, out wine.Entry
	f.tx(func(tx *sql.Tx) error {
		if _, err := settings.Save(ctx, tx, settings.Shop{Name: "蜀香酒行", City: "成都"}); err != nil {
			return err
		}
		m, err := members.Register(ctx, tx, members.RegisterInput{Name: "王建国", Mobile: "13800138000"}, 0)
		if err != nil {
			return err
		}
		customerID = m.CustomerID
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "飞天茅台", Category: "白酒", RetailFen: 150000, Active: true})
		if err != nil {
			return err
		}
		productID = p.ID
		if rech, err = wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: customerID, AmountFen: 200000, Method: "wechat", Key: "r1"}, 0); err != nil {
			return err
		}
		if buy, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: customerID, Key: "p1", Lines: []sales.LineInput{{ProductID: productID, Qty: 2}},
			Payments: []sales.Payment{{Method: "stored", AmountFen: 150000}, {Method: "cash", AmountFen: 150000}}}, 0, true); err != nil {
			return err
		}
		if refund, err = sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: buy.ID, Lines: []sales.RefundLine{{LineID: buy.Lines[0].ID, Qty: 1}},
			Reason: "多拿了一瓶", Key: "f1"}, 0); err != nil {
			return err
		}
		g, err := points.SaveGift(ctx, tx, points.Gift{Name: "定制开瓶器", PointsCost: 300, Stock: 5, Active: true})
		if err != nil {
			return err
		}
		if gift, err = points.Redeem(ctx, tx, points.RedeemInput{CustomerID: customerID, GiftID: g.ID, Qty: 1, Key: "g1"}, 0); err != nil {
			return err
		}
		return nil
	})
	// Ledgers other than a record's own are read up to its second: wine stored a second later is not
	// on the purchase's receipt.
	time.Sleep(1100 * time.Millisecond)
	f.tx(func(tx *sql.Tx) (err error) {
		if dep, _, err = wine.Deposit(ctx, tx, wine.DepositInput{CustomerID: customerID, ProductID: productID, Qty: 1, PurchaseID: buy.ID,
			Place: "二号柜", Key: "w1"}, 0); err != nil {
			return err
		}
		if _, _, err = wine.Deposit(ctx, tx, wine.DepositInput{CustomerID: customerID, ProductID: productID, Qty: 3, Note: "自带", Key: "w2"}, 0); err != nil {
			return err
		}
		out, _, err = wine.Withdraw(ctx, tx, wine.WithdrawInput{CustomerID: customerID, ProductID: productID, Qty: 2, Key: "w3"}, 0)
		return err
	})
	var spendID int64
	storetest.QueryRow(t, f.db.R, `SELECT id FROM wallet_entries WHERE kind = 'spend' AND purchase_id = ?`, buy.ID).Scan(&spendID)

	// A preview records nothing: the first print after it is still the first.
	if pre, err := receipts.Preview(ctx, f.db.R, receipts.KindPurchase, buy.ID, ""); err != nil || pre.Reprint || pre.Paper != "80" || pre.TotalFen != 300000 {
		t.Fatalf("preview: %+v %v", pre, err)
	}
	r, err := f.print(receipts.KindPurchase, buy.ID, "58")
	if err != nil {
		t.Fatal(err)
	}
	if r.Shop != "蜀香酒行" || r.Title != "消费小票" || r.Customer != "王建国" || r.CardNumber == "" || r.Reprint || r.Paper != "58" ||
		len(r.Lines) != 1 || r.Lines[0].Qty != 2 || r.TotalFen != 300000 || len(r.Payments) != 2 || r.Payments[0].Label != "储值" {
		t.Fatalf("purchase receipt: %+v", r)
	}
	// Balances right after the purchase: 2000 - 1500 = 500 on the card, in principal (a custom recharge has no bonus).
	if v, _ := balance(r, "储值本金"); v != 50000 {
		t.Fatalf("principal after purchase %d: %+v", v, r.Balances)
	}
	if v, _ := balance(r, "积分余额"); v != buy.PointsEarned || v == 0 {
		t.Fatalf("points after purchase %d, earned %d", v, buy.PointsEarned)
	}
	if _, ok := balance(r, "存酒"); ok {
		t.Fatalf("stored wine shown before any was stored: %+v", r.Balances)
	}
	if pre, _ := receipts.Preview(ctx, f.db.R, receipts.KindPurchase, buy.ID, "58"); !pre.Reprint || pre.Prints != 1 {
		t.Fatalf("preview after a print: %+v", pre)
	}
	// The second print is a reprint.
	if again, err := f.print(receipts.KindPurchase, buy.ID, ""); err != nil || !again.Reprint || again.Prints != 1 || again.Paper != "80" {
		t.Fatalf("reprint: %+v %v", again, err)
	}

	r, err = f.print(receipts.KindRefund, refund.RefundID, "80")
	if err != nil || r.Title != "退货小票" || r.TotalFen != 150000 || len(r.Lines) != 1 || r.Lines[0].Qty != 1 || len(r.Payments) == 0 ||
		!strings.Contains(strings.Join(r.Notes, "|"), "多拿了一瓶") {
		t.Fatalf("refund receipt: %+v %v", r, err)
	}
	// Stored value goes back first: the 1500 refund returns all to the card.
	if v, _ := balance(r, "储值本金"); v != 200000 {
		t.Fatalf("principal after refund %d", v)
	}

	r, err = f.print(receipts.KindRecharge, rech.Entry.ID, "A5")
	if err != nil || r.Title != "充值小票" || r.TotalFen != 200000 || len(r.Payments) != 1 || r.Payments[0].Label != "微信" {
		t.Fatalf("recharge receipt: %+v %v", r, err)
	}
	if v, _ := balance(r, "储值本金"); v != 200000 {
		t.Fatalf("principal after recharge %d", v)
	}
	r, err = f.print(receipts.KindSpend, spendID, "58")
	if err != nil || r.Title != "储值消费小票" || r.TotalFen != 150000 {
		t.Fatalf("spend receipt: %+v %v", r, err)
	}
	if _, err := f.print(receipts.KindSpend, rech.Entry.ID, "58"); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("a recharge printed as a spend: %v", err)
	}

	r, err = f.print(receipts.KindRedemption, gift.ID, "58")
	if err != nil || r.Title != "礼品兑换单" || r.Lines[0].Name != "定制开瓶器" {
		t.Fatalf("redemption receipt: %+v %v", r, err)
	}
	if v, _ := balance(r, "积分余额"); v != buy.PointsEarned-refund.ReversePoints-300 {
		t.Fatalf("points after the gift %d", v)
	}

	r, err = f.print(receipts.KindWine, out.ID, "58")
	if err != nil || r.Title != "取酒单" || !r.Signature || r.Lines[0].Qty != 2 || !strings.Contains(strings.Join(r.Notes, "|"), "剩余 2 瓶") {
		t.Fatalf("取酒 receipt: %+v %v", r, err)
	}
	if v, _ := balance(r, "存酒"); v != 2 {
		t.Fatalf("stored wine after 取酒 %d", v)
	}
	r, err = f.print(receipts.KindWine, dep.ID, "58")
	if err != nil || r.Title != "存酒凭条" || r.Signature || !strings.Contains(strings.Join(r.Notes, "|"), "二号柜") {
		t.Fatalf("存酒 receipt: %+v %v", r, err)
	}
	if v, _ := balance(r, "存酒"); v != 1 {
		t.Fatalf("stored wine after the first deposit %d", v)
	}
}

// A coupon handed out prints with its code as a barcode and its validity.
func TestACouponPrintsWithItsCode(t *testing.T) {
	f := fixture{t: t, db: storetest.Open(t)}
	var issued []coupons.Coupon
	f.tx(func(tx *sql.Tx) error {
		m, err := members.Register(ctx, tx, members.RegisterInput{Name: "赵敏", Mobile: "13800138111"}, 0)
		if err != nil {
			return err
		}
		ty, err := coupons.SaveType(ctx, tx, coupons.Type{Name: "品鉴会代金券", Kind: "cash", ValueFen: 5000, ValidDays: 30, Active: true, ClerkMayIssue: true})
		if err != nil {
			return err
		}
		issued, err = coupons.IssueByHand(ctx, tx, coupons.HandInput{TypeID: ty.ID, CustomerID: m.CustomerID, Qty: 1, Key: "c1"}, 0)
		return err
	})
	r, err := f.print(receipts.KindCoupon, issued[0].ID, "58")
	if err != nil || r.Title != "优惠券" || len(r.Codes) != 1 || r.Codes[0].Code != issued[0].Code || r.Customer != "赵敏" ||
		!strings.Contains(r.Lines[0].Detail, "¥50.00") || !strings.Contains(strings.Join(r.Notes, "|"), "有效期") {
		t.Fatalf("coupon receipt: %+v %v", r, err)
	}
}

func TestBadReceiptRequestsAreRefusedAndPrintNothing(t *testing.T) {
	f := fixture{t: t, db: storetest.Open(t)}
	for _, tc := range []struct {
		kind  string
		id    int64
		paper string
		code  errs.Code
	}{
		{"invoice", 1, "58", errs.CodeInvalid},
		{receipts.KindPurchase, 999, "58", errs.CodeNotFound},
		{receipts.KindWine, 999, "58", errs.CodeNotFound},
		{receipts.KindRefund, 999, "58", errs.CodeNotFound},
		{receipts.KindPurchase, 1, "A4", errs.CodeInvalid},
	} {
		if _, err := f.print(tc.kind, tc.id, tc.paper); errs.CodeOf(err) != tc.code {
			t.Errorf("%s %d %s: want %s, got %v", tc.kind, tc.id, tc.paper, tc.code, err)
		}
	}
	var n int
	storetest.QueryRow(t, f.db.R, `SELECT COUNT(*) FROM receipt_prints`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d prints recorded for refused requests", n)
	}
	f.tx(func(tx *sql.Tx) error { return receipts.SaveDefaultPaper(ctx, tx, "58") })
	if p, _ := receipts.DefaultPaper(ctx, f.db.R); p != "58" {
		t.Fatalf("default paper %s", p)
	}
	if err := f.db.WithTx(ctx, func(tx *sql.Tx) error { return receipts.SaveDefaultPaper(ctx, tx, "100") }); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("paper 100 accepted: %v", err)
	}
}
