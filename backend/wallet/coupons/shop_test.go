package coupons_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/coupons"
)

var ctx = context.Background()

// shop is a real database with members, a product with a member price and helpers to issue and sell.
type shop struct {
	t      *testing.T
	db     *store.DB
	levels []members.Level
	wine   sales.Product // retail ¥1,000, member price ¥900 at the first level
	key    int
}

func newShop(t *testing.T) *shop {
	s := &shop{t: t, db: storetest.Open(t)}
	ls, err := members.Levels(ctx, s.db.R)
	if err != nil {
		t.Fatal(err)
	}
	s.levels = ls
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		s.wine, err = sales.SaveProduct(ctx, tx, sales.Product{Name: "飞天茅台", Category: "白酒", RetailFen: 100000, Active: true,
			LevelPrices: map[int64]int64{ls[0].ID: 90000}})
		return err
	}))
	return s
}

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
		r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, LevelID: s.levels[0].ID}, 0)
		return err
	}))
	return r.CustomerID
}

func (s *shop) saveType(ty coupons.Type) coupons.Type {
	s.t.Helper()
	ty.Active = true
	s.must(s.tx(func(tx *sql.Tx) (err error) { ty, err = coupons.SaveType(ctx, tx, ty); return err }))
	return ty
}

func (s *shop) cash(valueFen int64, withMember bool) coupons.Type {
	return s.saveType(coupons.Type{Name: fmt.Sprintf("代金券%d", valueFen/100), Kind: coupons.KindCash, ValueFen: valueFen, ValidDays: 30,
		WithMemberPrice: withMember, Campaign: "开业酬宾"})
}

func (s *shop) issue(typeID, customerID int64) coupons.Coupon {
	s.t.Helper()
	var c coupons.Coupon
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		c, _, err = coupons.Issue(ctx, tx, coupons.Issuing{TypeID: typeID, CustomerID: customerID, Source: coupons.SourceHand, Key: s.nextKey()})
		return err
	}))
	return c
}

func (s *shop) buy(customerID int64, qty int64, codes ...string) (sales.Purchase, error) {
	var p sales.Purchase
	err := s.tx(func(tx *sql.Tx) (err error) {
		p, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: customerID, Lines: []sales.LineInput{{ProductID: s.wine.ID, Qty: qty}},
			CouponCodes: codes, Key: s.nextKey()}, 0, false)
		return err
	})
	return p, err
}

func (s *shop) coupon(id int64) coupons.Coupon {
	s.t.Helper()
	c, err := coupons.Get(ctx, s.db.R, id)
	s.must(err)
	return c
}

func (s *shop) gift(name string, stock int64) points.Gift {
	s.t.Helper()
	var g points.Gift
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		g, err = points.SaveGift(ctx, tx, points.Gift{Name: name, PointsCost: 500, Stock: stock, Active: true})
		return err
	}))
	return g
}

// count runs a COUNT(*) query.
func (s *shop) count(query string, args ...any) int {
	s.t.Helper()
	var n int
	storetest.QueryRow(s.t, s.db.R, query, args...).Scan(&n)
	return n
}

// refused checks err is an invalid-input error on field whose message contains want.
func refused(t *testing.T, err error, field, want string) {
	t.Helper()
	p := errs.ToPayload(err)
	if err == nil || p.Code != errs.CodeInvalid || p.Field != field || !strings.Contains(p.Message, want) {
		t.Fatalf("want refusal on %s containing %q, got %v (%+v)", field, want, err, p)
	}
}

func daysFromToday(n int) string {
	return time.Now().In(store.Shop).AddDate(0, 0, n).Format(time.DateOnly)
}
