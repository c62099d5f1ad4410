package members_test

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
	"jiuke/backend/points"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

func TestLuhnCardNumbers(t *testing.T) {
	if !members.ValidCardNumber("79927398713") {
		t.Fatal("the textbook Luhn number was refused")
	}
	for _, bad := range []string{"79927398710", "79927398712", "7992739871a"} {
		if members.ValidCardNumber(bad) {
			t.Errorf("%s accepted", bad)
		}
	}
	db := storetest.Open(t)
	if _, err := members.CheckCard(ctx, db.R, "79927398710"); err == nil || !strings.Contains(err.Error(), "校验位") {
		t.Fatalf("wrong check digit: %v", err)
	}
}

func TestRegisterReusesCustomerAndGeneratesSequentialCards(t *testing.T) {
	db := storetest.Open(t)
	var existing customers.Customer
	db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		existing, err = customers.Create(ctx, tx, customers.Input{Name: "张三", Mobile: "13800138000", District: "锦江区"}, 0)
		return err
	})
	var a, b members.RegisterResult
	err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		if err := members.SaveCardPrefix(ctx, tx, "66"); err != nil {
			return err
		}
		if a, err = members.Register(ctx, tx, members.RegisterInput{Name: "张三丰", Mobile: "138 0013 8000"}, 0); err != nil {
			return err
		}
		b, err = members.Register(ctx, tx, members.RegisterInput{Name: "李四", Mobile: "13900139000"}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Reused || a.CustomerID != existing.ID || b.Reused {
		t.Fatalf("reuse: %+v %+v", a, b)
	}
	if a.Card.Number != "6600000019" || !members.ValidCardNumber(b.Card.Number) || b.Card.Number[:9] != "660000002" {
		t.Fatalf("card numbers %s %s", a.Card.Number, b.Card.Number)
	}
	if c, _ := customers.Get(ctx, db.R, existing.ID); c.Name != "张三" || c.District != "锦江区" {
		t.Fatalf("registration changed the existing customer: %+v", c)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.Register(ctx, tx, members.RegisterInput{Name: "张三", Mobile: "13800138000"}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "已经是会员") {
		t.Fatalf("second registration: %v", err)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.Register(ctx, tx, members.RegisterInput{Name: "王五", Mobile: "13700137000", CardNumber: a.Card.Number}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("card number reused: %v", err)
	}
	var n int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers WHERE mobile = '13700137000'`).Scan(&n)
	if n != 0 {
		t.Fatal("a refused registration left its customer behind")
	}
	hits, _ := customers.Search(ctx, db.R, b.Card.Number, 20, false)
	if len(hits) != 1 || hits[0].Name != "李四" || hits[0].Match != "card" {
		t.Fatalf("search by card number: %+v", hits)
	}
	k, err := members.CardByNumber(ctx, db.R, b.Card.Number)
	if err != nil || k.CustomerName != "李四" {
		t.Fatalf("card lookup %+v %v", k, err)
	}
}

func TestLevelSettingsRefuseBrokenOrder(t *testing.T) {
	db := storetest.Open(t)
	levels, _ := members.Levels(ctx, db.R)
	broken := append([]members.Level{}, levels...)
	broken[2].UpgradeFen = broken[1].UpgradeFen - 1
	err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := members.SaveLevels(ctx, tx, broken); return err })
	if p := errs.ToPayload(err); p.Field != "levels[2].upgradeFen" || !strings.Contains(p.Message, "应高于") {
		t.Fatalf("threshold order: %+v", p)
	}
	keepHigh := append([]members.Level{}, levels...)
	keepHigh[1].KeepFen = keepHigh[1].UpgradeFen + 1
	err = db.WithTx(ctx, func(tx *sql.Tx) error { _, err := members.SaveLevels(ctx, tx, keepHigh); return err })
	if p := errs.ToPayload(err); p.Field != "levels[1].keepFen" {
		t.Fatalf("keep above upgrade: %+v", p)
	}
	renamed := append([]members.Level{}, levels...)
	renamed[0].Name = "铜卡"
	var saved []members.Level
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) { saved, err = members.SaveLevels(ctx, tx, renamed); return err }); err != nil {
		t.Fatal(err)
	}
	if saved[0].Name != "铜卡" || saved[0].ID != levels[0].ID || len(saved) != 4 {
		t.Fatalf("saved %+v", saved)
	}
}

func TestYearlyReviewPreviewThenApply(t *testing.T) {
	db := storetest.Open(t)
	levels, _ := members.Levels(ctx, db.R)
	reg := func(name, mobile string, lvl int) int64 {
		var r members.RegisterResult
		db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, LevelID: levels[lvl].ID}, 0)
			return err
		})
		return r.CustomerID
	}
	keeper := reg("保级", "13800000001", 2) // 金卡 keeps at ¥12,000
	faller := reg("降级", "13800000002", 3) // 钻石卡 keeps at ¥30,000
	riser := reg("升级", "13800000003", 0)
	spend := map[int64]int64{keeper: 1500000, faller: 1300000, riser: 600000}
	r, err := members.ReviewPreview(ctx, db.R, spend)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kept != 1 || r.Falling != 1 || r.Rising != 1 {
		t.Fatalf("review %+v", r)
	}
	for _, c := range r.Changes {
		if c.CustomerID == faller && (c.To != "金卡" || !strings.Contains(c.Why, "低于「钻石卡」保级门槛")) {
			t.Fatalf("faller %+v", c)
		}
		if c.CustomerID == riser && c.To != "银卡" {
			t.Fatalf("riser %+v", c)
		}
	}
	if m, _, _ := members.Get(ctx, db.R, faller); m.LevelName != "钻石卡" {
		t.Fatal("the preview changed a level")
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := members.ApplyReview(ctx, tx, spend, 0); return err }); err != nil {
		t.Fatal(err)
	}
	if m, _, _ := members.Get(ctx, db.R, faller); m.LevelName != "金卡" {
		t.Fatalf("after apply: %s", m.LevelName)
	}
	h, _ := members.History(ctx, db.R, faller)
	if h[0].From != "钻石卡" || h[0].To != "金卡" || !strings.Contains(h[0].Reason, "年度评审降级") {
		t.Fatalf("history %+v", h[0])
	}
}

func TestBirthdayPointsOncePerYearIncludingLunar(t *testing.T) {
	db := storetest.Open(t)
	levels, _ := members.Levels(ctx, db.R)
	db.WithTx(ctx, func(tx *sql.Tx) error {
		for _, in := range []customers.Input{
			{Name: "公历", Mobile: "13800000011", Birthday: customers.Birthday{Calendar: "solar", Year: 1980, Month: 9, Day: 3}},
			// 农历八月十五 falls on 25 September 2026.
			{Name: "农历", Mobile: "13800000012", Birthday: customers.Birthday{Calendar: "lunar", Year: 1980, Month: 8, Day: 15}},
			// 农历七月初一 is in August 2026: not this month.
			{Name: "别月", Mobile: "13800000013", Birthday: customers.Birthday{Calendar: "lunar", Year: 1980, Month: 7, Day: 1}},
		} {
			if _, err := customers.Create(ctx, tx, in, 0); err != nil {
				return err
			}
			if _, err := members.Register(ctx, tx, members.RegisterInput{Mobile: in.Mobile, LevelID: levels[1].ID}, 0); err != nil {
				return err
			}
		}
		return nil
	})
	items, err := members.BirthdayPreview(ctx, db.R, 2026, time.September)
	if err != nil || len(items) != 2 || items[1].Date != "2026-09-25" || items[0].Points != 200 {
		t.Fatalf("preview %+v %v", items, err)
	}
	for i := 0; i < 2; i++ {
		if err := db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := members.GiveBirthdayPoints(ctx, tx, 2026, time.September, 0)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := points.Balance(ctx, db.R, items[1].CustomerID); b != 200 {
		t.Fatalf("birthday points given %d, want once 200", b)
	}
}

func TestMemberListPagesByLevel(t *testing.T) {
	db := storetest.Open(t)
	levels, _ := members.Levels(ctx, db.R)
	db.WithTx(ctx, func(tx *sql.Tx) error {
		for i := 0; i < 25; i++ {
			lvl := levels[i%2].ID
			if _, err := members.Register(ctx, tx, members.RegisterInput{Name: "会员", Mobile: "1390000" + fmt.Sprintf("%04d", i), LevelID: lvl}, 0); err != nil {
				return err
			}
		}
		return nil
	})
	page, err := members.List(ctx, db.R, members.MemberQuery{LevelID: levels[1].ID, PageSize: 20})
	if err != nil || page.Total != 12 || len(page.Items) != 12 || page.Items[0].LevelName != "银卡" || page.Items[0].CardNumber == "" {
		t.Fatalf("page %+v %v", page, err)
	}
	first, _ := members.List(ctx, db.R, members.MemberQuery{Page: 1})
	page, _ = members.List(ctx, db.R, members.MemberQuery{Page: 2})
	if page.Total != 25 || len(page.Items) != 5 {
		t.Fatalf("second page %d of %d", len(page.Items), page.Total)
	}
	// The two pages are every member once, newest first, the later registered of a second first.
	all := append(first.Items, page.Items...)
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.RegisteredAt < b.RegisteredAt || a.RegisteredAt == b.RegisteredAt && a.CustomerID <= b.CustomerID {
			t.Fatalf("member %d (%s) listed before %d (%s)", a.CustomerID, a.RegisteredAt, b.CustomerID, b.RegisteredAt)
		}
	}
	// Two members are terminal outlets: the kind filter finds just them.
	db.W.ExecContext(ctx, `UPDATE customers SET kind = '终端门店' WHERE id IN (SELECT customer_id FROM memberships ORDER BY customer_id LIMIT 2)`)
	page, err = members.List(ctx, db.R, members.MemberQuery{Kind: "终端门店"})
	if err != nil || page.Total != 2 {
		t.Fatalf("outlets among members: %d, %v", page.Total, err)
	}
}
