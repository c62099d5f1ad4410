package points_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

func customer(t *testing.T, db *store.DB, name, mobile string) int64 {
	var c customers.Customer
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = customers.Create(ctx, tx, customers.Input{Name: name, Mobile: mobile}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func book(db *store.DB, credit bool, b points.Booking) error {
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		if credit {
			_, _, err = points.Credit(ctx, tx, b)
		} else {
			_, _, err = points.Debit(ctx, tx, b)
		}
		return err
	})
}

func TestLedgerIsAppendOnly(t *testing.T) {
	db := storetest.Open(t)
	id := customer(t, db, "甲", "13800000001")
	if err := book(db, true, points.Booking{CustomerID: id, Kind: points.KindBonus, Points: 100, Key: "a"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE points_entries SET points = 100000`, `DELETE FROM points_entries`} {
		if _, err := db.W.Exec(q); err == nil || !strings.Contains(err.Error(), "积分流水只能追加") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestDebitRefusesAShortBalanceAndIsIdempotent(t *testing.T) {
	db := storetest.Open(t)
	id := customer(t, db, "乙", "13800000002")
	book(db, true, points.Booking{CustomerID: id, Kind: points.KindBonus, Points: 100, Key: "c1"})
	book(db, true, points.Booking{CustomerID: id, Kind: points.KindBonus, Points: 100, Key: "c1"})
	err := book(db, false, points.Booking{CustomerID: id, Kind: points.KindRedeem, Points: 101, Key: "d1"})
	if p := errs.ToPayload(err); p.Field != "points" || !strings.Contains(p.Message, "积分不足：可用 100 分，需要 101 分") {
		t.Fatalf("short balance: %+v", p)
	}
	if b, _ := points.Balance(ctx, db.R, id); b != 100 {
		t.Fatalf("balance %d", b)
	}
}

func TestExpiryTakesTheOldestLotsFirst(t *testing.T) {
	db := storetest.Open(t)
	id := customer(t, db, "丙", "13800000003")
	db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := points.SaveRules(ctx, tx, points.Rules{PointsPerYuan: 1, ServicePct: 100, PointValueFen: 1, ExpiryMonths: 12, AdjustLimit: 200})
		return err
	})
	// Lot 1 earned 2025-01-10 (expires 2026-01-10), lot 2 earned 2026-06-01 (expires 2027-06-01).
	book(db, true, points.Booking{CustomerID: id, Kind: points.KindEarn, Points: 300, Key: "e1", EarnedOn: "2025-01-10"})
	book(db, true, points.Booking{CustomerID: id, Kind: points.KindEarn, Points: 500, Key: "e2", EarnedOn: "2026-06-01"})
	// Spending 200 comes out of the oldest lot, so only 100 of it is left to expire.
	book(db, false, points.Booking{CustomerID: id, Kind: points.KindRedeem, Points: 200, Key: "r1"})
	preview, err := points.ExpiryPreview(ctx, db.R, "2026-11-23")
	if err != nil || len(preview) != 1 || preview[0].Points != 100 || preview[0].ExpiresOn != "2026-01-10" {
		t.Fatalf("preview %+v %v", preview, err)
	}
	for i := 0; i < 2; i++ {
		if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, _, err := points.ApplyExpiry(ctx, tx, "2026-11-23", 0); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := points.Balance(ctx, db.R, id); b != 500 {
		t.Fatalf("balance after expiry %d, want 500", b)
	}
	soon, first, _ := points.ExpiringSoon(ctx, db.R, id, "2027-12-31")
	if soon != 500 || first != "2027-06-01" {
		t.Fatalf("expiring soon %d %s", soon, first)
	}
}

func TestAdjustNeedsReasonAndRespectsTheClerkLimit(t *testing.T) {
	db := storetest.Open(t)
	id := customer(t, db, "丁", "13800000004")
	adjust := func(in points.AdjustInput, limited bool) error {
		return db.WithTx(ctx, func(tx *sql.Tx) error { _, err := points.Adjust(ctx, tx, in, 0, limited); return err })
	}
	if p := errs.ToPayload(adjust(points.AdjustInput{CustomerID: id, Points: 50, Key: "a"}, false)); p.Field != "reason" {
		t.Fatalf("no reason: %+v", p)
	}
	if errs.CodeOf(adjust(points.AdjustInput{CustomerID: id, Points: 500, Reason: "补录", Key: "b"}, true)) != errs.CodeForbidden {
		t.Fatal("clerk adjusted beyond the limit")
	}
	if err := adjust(points.AdjustInput{CustomerID: id, Points: 500, Reason: "补录活动积分", Key: "c"}, false); err != nil {
		t.Fatal(err)
	}
	if err := adjust(points.AdjustInput{CustomerID: id, Points: -150, Reason: "误录冲正", Key: "d"}, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := points.Balance(ctx, db.R, id); b != 350 {
		t.Fatalf("balance %d", b)
	}
}

func TestRedeemTakesPointsAndStockTogetherAndCancelReturnsBoth(t *testing.T) {
	db := storetest.Open(t)
	id := customer(t, db, "戊", "13800000005")
	book(db, true, points.Booking{CustomerID: id, Kind: points.KindBonus, Points: 1000, Key: "x"})
	var g points.Gift
	db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		g, err = points.SaveGift(ctx, tx, points.Gift{Name: "品鉴杯", PointsCost: 300, Stock: 2, Active: true})
		return err
	})
	redeem := func(qty int64, key string) (points.Redemption, error) {
		var r points.Redemption
		err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			r, err = points.Redeem(ctx, tx, points.RedeemInput{CustomerID: id, GiftID: g.ID, Qty: qty, Key: key}, 0)
			return err
		})
		return r, err
	}
	if _, err := redeem(3, "r0"); err == nil || !strings.Contains(err.Error(), "库存不足") {
		t.Fatalf("stock: %v", err)
	}
	r, err := redeem(2, "r1")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := redeem(2, "r1")
	if again.ID != r.ID {
		t.Fatal("a retried redemption booked twice")
	}
	gifts, _ := points.Gifts(ctx, db.R, false)
	if b, _ := points.Balance(ctx, db.R, id); b != 400 || gifts[0].Stock != 0 {
		t.Fatalf("after redeem: balance %d stock %d", b, gifts[0].Stock)
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := points.CancelRedemption(ctx, tx, r.ID, 0); return err }); err != nil {
		t.Fatal(err)
	}
	gifts, _ = points.Gifts(ctx, db.R, false)
	if b, _ := points.Balance(ctx, db.R, id); b != 1000 || gifts[0].Stock != 2 {
		t.Fatalf("after cancel: balance %d stock %d", b, gifts[0].Stock)
	}
	// Not enough points: nothing changes, stock included.
	db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := points.SaveGift(ctx, tx, points.Gift{ID: g.ID, Name: "品鉴杯", PointsCost: 600, Stock: 2, Active: true})
		return err
	})
	if _, err := redeem(2, "r2"); err == nil || !strings.Contains(err.Error(), "积分不足") {
		t.Fatalf("short: %v", err)
	}
	gifts, _ = points.Gifts(ctx, db.R, false)
	if gifts[0].Stock != 2 {
		t.Fatal("a refused redemption took stock")
	}
}

func TestMergeMovesUnspentPointsWithTheirExpiry(t *testing.T) {
	db := storetest.Open(t)
	keep := customer(t, db, "己", "13800000006")
	gone := customer(t, db, "己", "13800000007")
	book(db, true, points.Booking{CustomerID: gone, Kind: points.KindBonus, Points: 300, Key: "g1", ExpiresOn: "2027-03-01"})
	book(db, false, points.Booking{CustomerID: gone, Kind: points.KindRedeem, Points: 100, Key: "g2"})
	book(db, true, points.Booking{CustomerID: keep, Kind: points.KindBonus, Points: 50, Key: "k1"})
	var res customers.MergeResult
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep, MergedID: gone}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	bk, _ := points.Balance(ctx, db.R, keep)
	bg, _ := points.Balance(ctx, db.R, gone)
	soon, _, _ := points.ExpiringSoon(ctx, db.R, keep, "2027-03-01")
	if bk != 250 || bg != 0 || res.Moved["积分"] != 200 || soon != 200 {
		t.Fatalf("survivor %d merged %d moved %d expiring %d", bk, bg, res.Moved["积分"], soon)
	}
}
