package reports_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/reports"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

type shop struct {
	t       *testing.T
	db      *store.DB
	n, key  int
	product sales.Product
}

func newShop(t *testing.T) *shop {
	s := &shop{t: t, db: storetest.Open(t)}
	s.tx(func(tx *sql.Tx) (err error) {
		s.product, err = sales.SaveProduct(ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 100000, Active: true})
		return err
	})
	return s
}

func (s *shop) tx(fn func(tx *sql.Tx) error) {
	s.t.Helper()
	if err := s.db.WithTx(ctx, fn); err != nil {
		s.t.Fatal(err)
	}
}

func (s *shop) exec(q string, args ...any) {
	s.t.Helper()
	if _, err := s.db.W.ExecContext(ctx, q, args...); err != nil {
		s.t.Fatal(err)
	}
}

// member registers someone, registered `daysAgo` days before now.
func (s *shop) member(name string, daysAgo int, b customers.Birthday) int64 {
	s.t.Helper()
	s.n++
	var id int64
	s.tx(func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: name, Mobile: fmt.Sprintf("1390000%04d", s.n), Birthday: b}, 0)
		if err != nil {
			return err
		}
		id = c.ID
		_, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: c.Mobile}, 0)
		return err
	})
	at := time.Now().AddDate(0, 0, -daysAgo).UTC().Format(time.RFC3339)
	s.exec(`UPDATE memberships SET registered_at = ? WHERE customer_id = ?`, at, id)
	return id
}

func (s *shop) buy(id int64, daysAgo int) {
	s.t.Helper()
	s.key++
	date := time.Now().In(store.Shop).AddDate(0, 0, -daysAgo).Format(time.DateOnly)
	s.tx(func(tx *sql.Tx) error {
		_, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: id, Date: date, Key: fmt.Sprintf("p%d", s.key),
			Lines: []sales.LineInput{{ProductID: s.product.ID, Qty: 1}}}, 0, false)
		return err
	})
}

func (s *shop) load(today time.Time) reports.Dashboard {
	s.t.Helper()
	d, err := reports.Load(ctx, s.db.R, today)
	if err != nil {
		s.t.Fatal(err)
	}
	return d
}

func shopDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, store.Shop) }

func TestMemberCountsActiveAndInactive(t *testing.T) {
	s := newShop(t)
	now := time.Now().In(store.Shop)
	fresh := s.member("新会员", 0, customers.Birthday{})     // joined today, never bought: new, not inactive
	buyer := s.member("常客", 400, customers.Birthday{})    // bought 10 days ago: active
	lapsed := s.member("老客", 400, customers.Birthday{})   // last bought 200 days ago: inactive
	s.member("沉睡", 400, customers.Birthday{})             // never bought, joined long ago: inactive
	between := s.member("半活跃", 400, customers.Birthday{}) // bought 120 days ago: neither
	gone := s.member("已停用", 400, customers.Birthday{})    // archived: counted nowhere
	s.buy(buyer, 10)
	s.buy(buyer, 300)
	s.buy(lapsed, 200)
	s.buy(between, 120)
	s.buy(fresh, 0)
	s.tx(func(tx *sql.Tx) error { _, err := customers.Archive(ctx, tx, gone, "搬走了"); return err })
	// A customer who is not a member buys: no member figure moves.
	s.tx(func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: "散客", Mobile: "13700000001"}, 0)
		if err == nil {
			_, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: c.ID, Key: "walkin", Lines: []sales.LineInput{{ProductID: s.product.ID, Qty: 1}}}, 0, false)
		}
		return err
	})

	d := s.load(now)
	if d.Members != 5 {
		t.Errorf("members %d, want 5 (the archived one left out)", d.Members)
	}
	if d.NewThisMonth != 1 {
		t.Errorf("new this month %d, want 1 (the others joined 400 days ago)", d.NewThisMonth)
	}
	if d.ActiveMembers != 2 {
		t.Errorf("active %d, want 2 (常客 and 新会员)", d.ActiveMembers)
	}
	if d.InactiveMembers != 2 {
		t.Errorf("inactive %d, want 2 (老客 and 沉睡)", d.InactiveMembers)
	}
	if len(d.InactiveList) != 2 || d.InactiveList[0].Name != "老客" || d.InactiveList[1].Name != "沉睡" || d.InactiveList[1].LastPurchase != "" {
		t.Errorf("inactive list %+v", d.InactiveList)
	}

	// Registering a customer who already bought brings their last purchase along.
	s.tx(func(tx *sql.Tx) error {
		_, err := members.Register(ctx, tx, members.RegisterInput{Name: "散客", Mobile: "13700000001"}, 0)
		return err
	})
	if d := s.load(now); d.Members != 6 || d.ActiveMembers != 3 {
		t.Errorf("after registering the walk-in: members %d active %d, want 6 and 3", d.Members, d.ActiveMembers)
	}
}

func TestPointsIssuedRedeemedAndLiability(t *testing.T) {
	s := newShop(t)
	id := s.member("积分王", 30, customers.Birthday{})
	s.buy(id, 1) // ¥1000 at 普卡: 1000 points
	s.tx(func(tx *sql.Tx) error {
		if _, _, err := points.Credit(ctx, tx, points.Booking{CustomerID: id, Kind: points.KindBonus, Points: 500, Reason: "推荐奖励", Key: "b1"}); err != nil {
			return err
		}
		_, _, err := points.Debit(ctx, tx, points.Booking{CustomerID: id, Kind: points.KindRedeem, Points: 300, Reason: "兑换", Key: "r1"})
		return err
	})
	s.tx(func(tx *sql.Tx) error {
		r, err := points.LoadRules(ctx, tx)
		if err != nil {
			return err
		}
		r.PointValueFen = 2
		_, err = points.SaveRules(ctx, tx, r)
		return err
	})
	d := s.load(time.Now())
	if d.PointsIssued != 1500 || d.PointsRedeemed != 300 || d.Outstanding != 1200 {
		t.Fatalf("issued %d redeemed %d outstanding %d, want 1500 300 1200", d.PointsIssued, d.PointsRedeemed, d.Outstanding)
	}
	var balance int64
	if err := s.db.R.QueryRowContext(ctx, `SELECT SUM(points) FROM points_entries`).Scan(&balance); err != nil || balance != d.Outstanding {
		t.Fatalf("outstanding %d differs from the ledger's sum %d (%v)", d.Outstanding, balance, err)
	}
	if d.OutstandingFen != 2400 {
		t.Fatalf("liability %d fen, want 1200 points × 2 fen", d.OutstandingFen)
	}
}

func TestBirthdaysLunarLeapMonthAndYearEnd(t *testing.T) {
	s := newShop(t)
	lunar := func(y, m, d int, leap bool) customers.Birthday {
		return customers.Birthday{Calendar: "lunar", Year: y, Month: m, Day: d, Leap: leap}
	}
	solar := func(m, d int) customers.Birthday {
		return customers.Birthday{Calendar: "solar", Year: 1980, Month: m, Day: d}
	}
	s.member("闰六月", 10, lunar(2025, 6, 1, true))     // 2025: 闰六月初一 = 07-25
	s.member("六月", 10, lunar(1990, 6, 1, false))     // 2025: 六月初一 = 06-25 (passed), 2026: 07-14
	s.member("元旦后", 10, solar(1, 2))                 // across the year end
	s.member("冬月二十", 10, lunar(1980, 11, 20, false)) // 2026-01-08 and again 2026-12-28
	s.member("三十日", 10, solar(12, 31))
	s.member("远", 10, solar(3, 1))
	gone := s.member("停用", 10, solar(12, 29))
	s.tx(func(tx *sql.Tx) error { _, err := customers.Archive(ctx, tx, gone, "不再来往"); return err })
	s.tx(func(tx *sql.Tx) error { // a customer, not a member: no birthday on the member dashboard
		_, err := customers.Create(ctx, tx, customers.Input{Name: "散客", Mobile: "13700000009", Birthday: solar(12, 30)}, 0)
		return err
	})

	// 20 July 2025: the leap-month birthday is in 5 days; the ordinary 六月初一 passed in June and
	// comes back next year, out of the window.
	d := s.load(shopDay(2025, 7, 20))
	if d.Birthdays7 != 1 || d.Birthdays30 != 1 || d.BirthdayList[0].Name != "闰六月" || d.BirthdayList[0].Date != "2025-07-25" || !d.BirthdayList[0].Lunar {
		t.Errorf("2025-07-20: 7d %d 30d %d %+v", d.Birthdays7, d.Birthdays30, d.BirthdayList)
	}
	// 2026 has no 闰六月: the leap-month birthday is kept on the ordinary 六月初一 (07-14).
	d = s.load(shopDay(2026, 7, 10))
	if d.Birthdays7 != 2 || len(d.BirthdayList) != 2 || d.BirthdayList[0].Date != "2026-07-14" || d.BirthdayList[1].Date != "2026-07-14" {
		t.Errorf("2026-07-10: 7d %d %+v", d.Birthdays7, d.BirthdayList)
	}
	// 28 December 2026: 冬月二十 is today, 12-31 in 3 days, 1 January's neighbour 01-02 in 5 days;
	// the archived member's 12-29 and the non-member's 12-30 are left out.
	d = s.load(shopDay(2026, 12, 28))
	want := []struct {
		name, date string
		in         int
	}{{"冬月二十", "2026-12-28", 0}, {"三十日", "2026-12-31", 3}, {"元旦后", "2027-01-02", 5}}
	if d.Birthdays7 != 3 || d.Birthdays30 != 3 || len(d.BirthdayList) != 3 {
		t.Fatalf("2026-12-28: 7d %d 30d %d %+v", d.Birthdays7, d.Birthdays30, d.BirthdayList)
	}
	for i, w := range want {
		if r := d.BirthdayList[i]; r.Name != w.name || r.Date != w.date || r.InDays != w.in {
			t.Errorf("birthday %d: %+v, want %+v", i, r, w)
		}
	}
	// Six days ahead counts for 30 days, not for 7.
	d = s.load(shopDay(2026, 12, 25))
	if d.Birthdays7 != 2 || d.Birthdays30 != 3 {
		t.Errorf("2026-12-25: 7d %d 30d %d, want 2 and 3", d.Birthdays7, d.Birthdays30)
	}
}

func TestUpcomingEventsAndFollowUpsDue(t *testing.T) {
	s := newShop(t)
	today := time.Now().In(store.Shop)
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	event := func(name, state string, in int) {
		s.exec(`INSERT INTO events (name, kind, state, starts_at, ends_at, created_at, updated_at) VALUES (?, '品鉴会', ?, ?, ?, ?, ?)`,
			name, state, day(in)+" 19:00", day(in)+" 21:00", store.Now(), store.Now())
	}
	event("下周品鉴会", "inviting", 6)
	event("今晚酒会", "planning", 0)
	event("取消了", "cancelled", 3)
	event("两个月后", "planning", 60)
	event("上周", "ended", -7)

	a := s.member("甲", 100, customers.Birthday{})
	b := s.member("乙", 100, customers.Birthday{})
	c := s.member("丙", 100, customers.Birthday{})
	follow := func(id int64, date, next string) {
		s.tx(func(tx *sql.Tx) error {
			_, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: id, Date: date, Channel: "电话", Content: "问候", NextDate: next}, 0)
			return err
		})
	}
	follow(a, day(-30), day(-2)) // overdue
	follow(b, day(-30), day(5))  // due in 5 days…
	follow(b, day(-1), day(40))  // …but answered yesterday, next one far away
	follow(c, day(-3), day(3))   // due
	follow(c, day(-20), day(1))  // an older one, superseded

	d := s.load(today)
	if d.EventsUpcoming != 2 || len(d.EventList) != 2 || d.EventList[0].Name != "今晚酒会" || d.EventList[1].Name != "下周品鉴会" {
		t.Errorf("events %d %+v", d.EventsUpcoming, d.EventList)
	}
	if d.FollowUpsDue != 2 || len(d.FollowUpList) != 2 || d.FollowUpList[0].Name != "甲" || !d.FollowUpList[0].Overdue ||
		d.FollowUpList[1].Name != "丙" || d.FollowUpList[1].NextDate != day(3) || d.FollowUpList[1].Overdue {
		t.Errorf("follow-ups %d %+v", d.FollowUpsDue, d.FollowUpList)
	}

	// 甲 turns out to be a duplicate of 丁, whose own follow-up came later: after the merge 甲's
	// overdue one is answered, and only 丙 is due.
	dup := s.member("丁", 100, customers.Birthday{})
	follow(dup, day(-1), day(40))
	s.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: dup, MergedID: a}, 0)
		return err
	})
	if d := s.load(today); d.FollowUpsDue != 1 || len(d.FollowUpList) != 1 || d.FollowUpList[0].Name != "丙" {
		t.Errorf("after merge: follow-ups %d %+v", d.FollowUpsDue, d.FollowUpList)
	}
}

func TestMergeMovesLastPurchase(t *testing.T) {
	s := newShop(t)
	keep := s.member("王总", 400, customers.Birthday{})
	dup := s.member("王总(重复)", 400, customers.Birthday{})
	s.buy(dup, 20)
	if d := s.load(time.Now()); d.ActiveMembers != 1 || d.InactiveMembers != 1 {
		t.Fatalf("before merge: active %d inactive %d", d.ActiveMembers, d.InactiveMembers)
	}
	s.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep, MergedID: dup}, 0)
		return err
	})
	d := s.load(time.Now())
	if d.Members != 1 || d.ActiveMembers != 1 || d.InactiveMembers != 0 {
		t.Fatalf("after merge: members %d active %d inactive %d, want 1 1 0", d.Members, d.ActiveMembers, d.InactiveMembers)
	}
	var flags [2]int
	storetest.QueryRow(s.t, s.db.R, `SELECT (SELECT is_member FROM customers WHERE id = ?), (SELECT is_member FROM customers WHERE id = ?)`, keep, dup).Scan(&flags[0], &flags[1])
	if flags != [2]int{1, 0} {
		t.Fatalf("member flags after merge %v, want the survivor's only", flags)
	}
}
