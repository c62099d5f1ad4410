package wallet_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

var ctx = context.Background()

type shop struct {
	t   testing.TB
	db  *store.DB
	key int
}

func newShop(t testing.TB) *shop { return &shop{t: t, db: storetest.Open(t)} }

func (s *shop) tx(fn func(tx *sql.Tx) error) error { return s.db.WithTx(ctx, fn) }

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
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile}, 0)
		return err
	}))
	return r.CustomerID
}

func (s *shop) recharge(in wallet.RechargeInput) (wallet.RechargeResult, error) {
	if in.Key == "" {
		in.Key = s.nextKey()
	}
	if in.Method == "" {
		in.Method = "cash"
	}
	var r wallet.RechargeResult
	err := s.tx(func(tx *sql.Tx) (err error) {
		r, err = wallet.Recharge(ctx, tx, in, 0)
		return err
	})
	return r, err
}

func (s *shop) balance(id int64) wallet.Balance {
	s.t.Helper()
	b, err := wallet.BalanceOf(ctx, s.db.R, id)
	s.must(err)
	return b
}

func (s *shop) packages(ps ...wallet.Package) []wallet.Package {
	s.t.Helper()
	var out []wallet.Package
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		out, err = wallet.SavePackages(ctx, tx, ps)
		return err
	}))
	return out
}

func (s *shop) rules(fn func(r *wallet.Rules)) {
	s.t.Helper()
	r := wallet.DefaultRules()
	fn(&r)
	s.must(s.tx(func(tx *sql.Tx) error { _, err := wallet.SaveRules(ctx, tx, r); return err }))
}

func (s *shop) product(retail int64) sales.Product {
	s.t.Helper()
	var p sales.Product
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		p, err = sales.SaveProduct(ctx, tx, sales.Product{Name: fmt.Sprintf("酒%d", retail), Category: "白酒", RetailFen: retail, Active: true})
		return err
	}))
	return p
}

// buy records a purchase of qty × p at its unit price (overridden to retail), paid as given.
func (s *shop) buy(customerID int64, p sales.Product, qty int64, pay ...sales.Payment) (sales.Purchase, error) {
	var out sales.Purchase
	err := s.tx(func(tx *sql.Tx) (err error) {
		out, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: customerID, Key: s.nextKey(), Payments: pay,
			Lines: []sales.LineInput{{ProductID: p.ID, Qty: qty, OverridePrice: true, UnitFen: p.RetailFen}}}, 0, true)
		return err
	})
	return out, err
}

func (s *shop) refund(in sales.RefundInput) (sales.RefundPlan, error) {
	if in.Key == "" {
		in.Key = s.nextKey()
	}
	var out sales.RefundPlan
	err := s.tx(func(tx *sql.Tx) (err error) {
		out, err = sales.Refund(ctx, tx, in, 0)
		return err
	})
	return out, err
}

func (s *shop) customerKind(id int64, kind string) {
	s.t.Helper()
	s.must(s.tx(func(tx *sql.Tx) error {
		c, err := customers.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		_, err = customers.Update(ctx, tx, id, customers.Input{Name: c.Name, Mobile: c.Mobile, Kind: kind})
		return err
	}))
}

// refusedOn fails unless err is an invalid-input refusal naming field with a message containing want.
func refusedOn(t testing.TB, err error, field, want string) {
	t.Helper()
	p := errs.ToPayload(err)
	if err == nil || p.Field != field || !strings.Contains(p.Message, want) {
		t.Fatalf("want refusal on %s containing %q, got %v (field %q)", field, want, err, p.Field)
	}
}
