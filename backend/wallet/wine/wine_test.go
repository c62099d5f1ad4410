package wine_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/wine"
)

var ctx = context.Background()

type shop struct {
	t   *testing.T
	db  *store.DB
	key int
}

func newShop(t *testing.T) *shop { return &shop{t: t, db: storetest.Open(t)} }

func (s *shop) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *shop) nextKey() string { s.key++; return fmt.Sprintf("k%d", s.key) }

func (s *shop) member(name, mobile string) int64 {
	s.t.Helper()
	var r members.RegisterResult
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		ls, err := members.Levels(ctx, tx)
		if err != nil {
			return err
		}
		r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, LevelID: ls[0].ID}, 0)
		return err
	}))
	return r.CustomerID
}

func (s *shop) product(name string) int64 {
	s.t.Helper()
	var p sales.Product
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		p, err = sales.SaveProduct(ctx, tx, sales.Product{Name: name, Category: "白酒", RetailFen: 150000, Active: true})
		return err
	}))
	return p.ID
}

func (s *shop) buy(customerID, productID, qty int64) sales.Purchase {
	s.t.Helper()
	var p sales.Purchase
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		p, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: customerID, Key: s.nextKey(),
			Lines: []sales.LineInput{{ProductID: productID, Qty: qty}}}, 0, true)
		return err
	}))
	return p
}

func (s *shop) deposit(in wine.DepositInput) (wine.Entry, bool, error) {
	if in.Key == "" {
		in.Key = s.nextKey()
	}
	var e wine.Entry
	var created bool
	err := s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		e, created, err = wine.Deposit(ctx, tx, in, 0)
		return err
	})
	return e, created, err
}

func (s *shop) withdraw(in wine.WithdrawInput) (wine.Entry, bool, error) {
	if in.Key == "" {
		in.Key = s.nextKey()
	}
	var e wine.Entry
	var created bool
	err := s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		e, created, err = wine.Withdraw(ctx, tx, in, 0)
		return err
	})
	return e, created, err
}

func (s *shop) balance(customerID, productID int64) int64 {
	s.t.Helper()
	n, err := wine.Balance(ctx, s.db.R, customerID, productID)
	s.must(err)
	return n
}

// ledgerSum is the balance as the ledger itself says, independent of wine_stock.
func (s *shop) ledgerSum(customerID, productID int64) int64 {
	var n int64
	storetest.QueryRow(s.t, s.db.R, `SELECT COALESCE(SUM(qty), 0) FROM wine_entries WHERE customer_id = ? AND product_id = ?`,
		customerID, productID).Scan(&n)
	return n
}

func (s *shop) entries() int {
	var n int
	storetest.QueryRow(s.t, s.db.R, `SELECT COUNT(*) FROM wine_entries`).Scan(&n)
	return n
}

func daysFromToday(n int) string {
	d, _ := time.ParseInLocation(time.DateOnly, store.Today(), store.Shop)
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

func TestDepositThenWithdrawBottleByBottle(t *testing.T) {
	s := newShop(t)
	c, p := s.member("王先生", "13800138001"), s.product("飞天茅台")
	buy := s.buy(c, p, 6)
	e, created, err := s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 6, PurchaseID: buy.ID, Place: "二号柜", Key: "dep"})
	if err != nil || !created || e.After != 6 || e.PurchaseID != buy.ID {
		t.Fatalf("deposit: %+v created=%v err=%v", e, created, err)
	}
	// The same key again books nothing and answers the first entry.
	again, created, err := s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 6, PurchaseID: buy.ID, Key: "dep"})
	if err != nil || created || again.ID != e.ID || s.balance(c, p) != 6 {
		t.Fatalf("retry: %+v created=%v err=%v balance=%d", again, created, err, s.balance(c, p))
	}
	for i := 1; i <= 2; i++ {
		w, _, err := s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 1})
		if err != nil || w.After != int64(6-i) || w.Qty != -1 {
			t.Fatalf("withdraw %d: %+v %v", i, w, err)
		}
	}
	if b, l := s.balance(c, p), s.ledgerSum(c, p); b != 4 || l != 4 {
		t.Fatalf("balance %d, ledger sum %d, want 4", b, l)
	}
	held, err := wine.Balances(ctx, s.db.R, c)
	if err != nil || len(held) != 1 || held[0].Bottles != 4 || held[0].Place != "二号柜" {
		t.Fatalf("balances: %+v %v", held, err)
	}
	ledger, err := wine.Ledger(ctx, s.db.R, c, 0, 10)
	if err != nil || len(ledger) != 3 || ledger[0].After != 4 || ledger[2].Kind != wine.KindDeposit {
		t.Fatalf("ledger: %+v %v", ledger, err)
	}
}

func TestWithdrawingMoreThanStoredIsRefusedNamingTheQuantity(t *testing.T) {
	s := newShop(t)
	c, p := s.member("李女士", "13800138002"), s.product("五粮液")
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 3})))
	before := s.entries()
	_, _, err := s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 5})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "存有 3 瓶，要取 5 瓶") {
		t.Fatalf("want refusal naming 3 and 5, got %v", err)
	}
	if s.entries() != before || s.balance(c, p) != 3 {
		t.Fatalf("a refused withdrawal changed the ledger")
	}
	// Another customer's bottles are not this one's.
	other := s.member("赵总", "13800138003")
	if _, _, err := s.withdraw(wine.WithdrawInput{CustomerID: other, ProductID: p, Qty: 1}); !strings.Contains(fmt.Sprint(err), "存有 0 瓶") {
		t.Fatalf("withdrawal from a customer with nothing stored: %v", err)
	}
}

func second(_ wine.Entry, _ bool, err error) error { return err }

func TestDepositFromAPurchaseIsBoundedBySoldLessRefundedAndStored(t *testing.T) {
	s := newShop(t)
	c, p := s.member("钱先生", "13800138004"), s.product("国窖1573")
	buy := s.buy(c, p, 6)
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := sales.Refund(ctx, tx, sales.RefundInput{PurchaseID: buy.ID, Lines: []sales.RefundLine{{LineID: buy.Lines[0].ID, Qty: 2}}, Key: "r1"}, 0)
		return err
	}))
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 3, PurchaseID: buy.ID})))
	_, _, err := s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 2, PurchaseID: buy.ID})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "还可存 1 瓶，要存 2 瓶") {
		t.Fatalf("want refusal naming 1 left, got %v", err)
	}
	src, err := wine.Sources(ctx, s.db.R, c, 10)
	if err != nil || len(src) != 1 || src[0].PurchaseID != buy.ID || src[0].Left != 1 {
		t.Fatalf("sources: %+v %v", src, err)
	}
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 1, PurchaseID: buy.ID})))
	if src, _ := wine.Sources(ctx, s.db.R, c, 10); len(src) != 0 {
		t.Fatalf("a fully stored purchase still offered: %+v", src)
	}
	// Another product was not in the purchase; someone else's purchase is not this customer's.
	other := s.product("剑南春")
	if _, _, err := s.deposit(wine.DepositInput{CustomerID: c, ProductID: other, Qty: 1, PurchaseID: buy.ID}); !strings.Contains(fmt.Sprint(err), "还可存 0 瓶") {
		t.Fatalf("product not in the purchase: %v", err)
	}
	stranger := s.member("孙女士", "13800138005")
	if _, _, err := s.deposit(wine.DepositInput{CustomerID: stranger, ProductID: p, Qty: 1, PurchaseID: buy.ID}); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("someone else's purchase: %v", err)
	}
	// Brought in (自带) needs no purchase.
	s.must(second(s.deposit(wine.DepositInput{CustomerID: stranger, ProductID: p, Qty: 12, Note: "自带"})))
	if s.balance(c, p) != 4 || s.balance(stranger, p) != 12 {
		t.Fatalf("balances %d, %d", s.balance(c, p), s.balance(stranger, p))
	}
}

func TestBadInputIsRefusedNamingTheFieldAndChangesNothing(t *testing.T) {
	s := newShop(t)
	c, p := s.member("周先生", "13800138006"), s.product("汾酒")
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 2})))
	before := s.entries()
	long := strings.Repeat("柜", errs.LineLen+1)
	for _, tc := range []struct {
		name  string
		run   func() error
		field string
	}{
		{"zero deposit", func() error { return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 0})) }, "qty"},
		{"negative deposit", func() error { return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: -3})) }, "qty"},
		{"huge deposit", func() error {
			return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: wine.MaxBottles + 1}))
		}, "qty"},
		{"zero withdrawal", func() error { return second(s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 0})) }, "qty"},
		{"negative withdrawal", func() error { return second(s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: -1})) }, "qty"},
		{"bad date", func() error {
			return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 1, ExpiresOn: "2026-13-40"}))
		}, "expiresOn"},
		{"past date", func() error {
			return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 1, ExpiresOn: daysFromToday(-1)}))
		}, "expiresOn"},
		{"long place", func() error {
			return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 1, Place: long}))
		}, "place"},
		{"unknown product", func() error { return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: 999, Qty: 1})) }, "productId"},
		{"unknown purchase", func() error {
			return second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 1, PurchaseID: 999}))
		}, "purchaseId"},
	} {
		err := tc.run()
		var e *errs.Error
		if !asErr(err, &e) || e.Code != errs.CodeInvalid || e.Field != tc.field || e.Message == "" {
			t.Errorf("%s: want invalid %s, got %v", tc.name, tc.field, err)
		}
	}
	if _, _, err := s.deposit(wine.DepositInput{CustomerID: 999, ProductID: p, Qty: 1}); errs.CodeOf(err) != errs.CodeNotFound {
		t.Errorf("unknown customer: %v", err)
	}
	if s.entries() != before || s.balance(c, p) != 2 {
		t.Fatalf("bad input changed the ledger")
	}
}

func asErr(err error, e **errs.Error) bool {
	v, ok := err.(*errs.Error)
	*e = v
	return ok
}

func TestExpiringCountsWhatIsLeftOfEachLotAndStockPerProduct(t *testing.T) {
	s := newShop(t)
	c, p := s.member("吴先生", "13800138007"), s.product("郎酒")
	soon, later := daysFromToday(5), daysFromToday(90)
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 3, ExpiresOn: later, Place: "A柜"})))
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 2, ExpiresOn: soon, Place: "B柜"})))
	s.must(second(s.deposit(wine.DepositInput{CustomerID: c, ProductID: p, Qty: 4})))
	// One bottle out comes from the soonest-expiring lot.
	s.must(second(s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 1})))
	list, err := wine.Expiring(ctx, s.db.R, 30, 100)
	if err != nil || len(list) != 1 || list[0].Bottles != 1 || list[0].ExpiresOn != soon || list[0].DaysLeft != 5 || list[0].Place != "B柜" {
		t.Fatalf("expiring in 30 days: %+v %v", list, err)
	}
	// A second bottle empties that lot: nothing expires within 30 days any more.
	s.must(second(s.withdraw(wine.WithdrawInput{CustomerID: c, ProductID: p, Qty: 1})))
	if list, _ := wine.Expiring(ctx, s.db.R, 30, 100); len(list) != 0 {
		t.Fatalf("an emptied lot still listed: %+v", list)
	}
	if list, _ := wine.Expiring(ctx, s.db.R, 120, 100); len(list) != 1 || list[0].Bottles != 3 || list[0].ExpiresOn != later {
		t.Fatalf("expiring in 120 days: %+v", list)
	}
	if _, err := wine.Expiring(ctx, s.db.R, -1, 100); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("negative window: %v", err)
	}
	other, q := s.member("郑女士", "13800138008"), s.product("水井坊")
	s.must(second(s.deposit(wine.DepositInput{CustomerID: other, ProductID: p, Qty: 1})))
	s.must(second(s.deposit(wine.DepositInput{CustomerID: other, ProductID: q, Qty: 2})))
	stock, err := wine.Stock(ctx, s.db.R)
	if err != nil || len(stock) != 2 || stock[0].ProductID != p || stock[0].Bottles != 8 || stock[0].Customers != 2 || stock[1].Bottles != 2 {
		t.Fatalf("stock: %+v %v", stock, err)
	}
	page, err := wine.Holders(ctx, s.db.R, wine.HoldersQuery{Page: 1, PageSize: 1})
	if err != nil || page.Total != 2 || len(page.Items) != 1 || page.Items[0].CustomerID != c || page.Items[0].Bottles != 7 {
		t.Fatalf("holders page 1: %+v %v", page, err)
	}
	page, err = wine.Holders(ctx, s.db.R, wine.HoldersQuery{Page: 2, PageSize: 1})
	if err != nil || len(page.Items) != 1 || page.Items[0].CustomerID != other || page.Items[0].Products != 2 {
		t.Fatalf("holders page 2: %+v %v", page, err)
	}
	if page, _ := wine.Holders(ctx, s.db.R, wine.HoldersQuery{Search: "郑"}); page.Total != 1 || page.Items[0].CustomerID != other {
		t.Fatalf("holders search: %+v", page)
	}
}

func TestMergeMovesStoredWineAndACardReplacementKeepsIt(t *testing.T) {
	s := newShop(t)
	keep, gone, p := s.member("冯先生", "13800138009"), s.member("冯生", "13800138010"), s.product("洋河梦之蓝")
	exp := daysFromToday(20)
	s.must(second(s.deposit(wine.DepositInput{CustomerID: gone, ProductID: p, Qty: 5, ExpiresOn: exp, Place: "C柜"})))
	s.must(second(s.withdraw(wine.WithdrawInput{CustomerID: gone, ProductID: p, Qty: 2})))
	s.must(second(s.deposit(wine.DepositInput{CustomerID: keep, ProductID: p, Qty: 1})))
	var res customers.MergeResult
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep, MergedID: gone}, 0)
		return err
	}))
	if res.Moved["存酒"] != 3 {
		t.Fatalf("merge moved %v", res.Moved)
	}
	if s.balance(keep, p) != 4 || s.balance(gone, p) != 0 || s.ledgerSum(keep, p) != 4 || s.ledgerSum(gone, p) != 0 {
		t.Fatalf("after merge: kept %d, merged %d", s.balance(keep, p), s.balance(gone, p))
	}
	// The moved bottles keep their date and place.
	list, err := wine.Expiring(ctx, s.db.R, 30, 10)
	if err != nil || len(list) != 1 || list[0].CustomerID != keep || list[0].Bottles != 3 || list[0].Place != "C柜" {
		t.Fatalf("expiring after merge: %+v %v", list, err)
	}
	s.must(s.db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.ReplaceCard(ctx, tx, keep, "", "挂失", 0)
		return err
	}))
	if s.balance(keep, p) != 4 {
		t.Fatalf("a card replacement changed stored wine")
	}
	if _, _, err := s.withdraw(wine.WithdrawInput{CustomerID: keep, ProductID: p, Qty: 4}); err != nil {
		t.Fatalf("withdraw all after merge: %v", err)
	}
}
