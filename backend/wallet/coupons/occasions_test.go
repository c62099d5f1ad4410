package coupons_test

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"jiuke/backend/communities"
	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/members"
	"jiuke/backend/segments"
	"jiuke/backend/wallet"
	"jiuke/backend/wallet/coupons"
)

// A segment issue goes a batch per transaction with progress, and a retry under the same campaign
// issues nobody a second coupon; a failed batch keeps the batches before it.
func TestSegmentIssueOncePerCampaignAndCustomer(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	var ids []int64
	for i := 0; i < 7; i++ {
		ids = append(ids, s.member(fmt.Sprintf("客户%d", i), fmt.Sprintf("1380000%04d", i)))
	}
	s.must(s.tx(func(tx *sql.Tx) error { // one member archived: segments never reach them
		_, err := tx.Exec(`UPDATE customers SET archived = 1 WHERE id = ?`, ids[6])
		return err
	}))
	level := float64(s.levels[0].ID)
	var seg segments.Segment
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		seg, err = segments.Save(ctx, tx, 0, segments.Input{Name: "普卡会员", Definition: segments.Node{Op: "AND",
			Items: []segments.Node{{Field: "level", Cmp: "is", Num: &level}}}}, 0)
		return err
	}))
	withTx := func(fn func(tx *sql.Tx) error) error { return s.db.WithTx(ctx, fn) }
	var seen []int
	in := coupons.SegmentInput{TypeID: ty.ID, SegmentID: seg.ID, Campaign: "冬季回馈"}
	res, err := coupons.IssueToSegment(ctx, s.db.R, withTx, in, 0, func(done, total int) { seen = append(seen, done, total) })
	if err != nil || res.Customers != 6 || res.Issued != 6 || res.Skipped != 0 || fmt.Sprint(seen) != "[6 6]" {
		t.Fatalf("first run %+v %v progress %v", res, err, seen)
	}
	res, err = coupons.IssueToSegment(ctx, s.db.R, withTx, in, 0, nil)
	if err != nil || res.Issued != 0 || res.Skipped != 6 {
		t.Fatalf("retry %+v %v", res, err)
	}
	if n := s.count(`SELECT COUNT(*) FROM coupons WHERE campaign = '冬季回馈'`); n != 6 {
		t.Fatalf("coupons %d", n)
	}
	// A new campaign issues again; a batch that fails rolls back alone.
	boom := errors.New("磁盘已满")
	calls := 0
	failing := func(fn func(tx *sql.Tx) error) error {
		calls++
		return s.db.WithTx(ctx, func(tx *sql.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			return boom
		})
	}
	if _, err := coupons.IssueToSegment(ctx, s.db.R, failing, coupons.SegmentInput{TypeID: ty.ID, SegmentID: seg.ID, Campaign: "春节"}, 0, nil); !errors.Is(err, boom) {
		t.Fatalf("failing batch: %v", err)
	}
	if n := s.count(`SELECT COUNT(*) FROM coupons WHERE campaign = '春节'`); n != 0 || calls != 1 {
		t.Fatalf("a failed batch left %d coupons", n)
	}
	_, err = coupons.IssueToSegment(ctx, s.db.R, withTx, coupons.SegmentInput{TypeID: ty.ID, SegmentID: seg.ID}, 0, nil)
	if err != nil { // the type's own campaign (开业酬宾) names the run
		t.Fatal(err)
	}
	noCampaign := s.saveType(coupons.Type{Name: "无活动券", Kind: coupons.KindCash, ValueFen: 100, ValidDays: 3})
	_, err = coupons.IssueToSegment(ctx, s.db.R, withTx, coupons.SegmentInput{TypeID: noCampaign.ID, SegmentID: seg.ID}, 0, nil)
	refused(t, err, "campaign", "请填写活动名称")
}

// Types set to issue themselves do so on their occasion, once each: a birthday a year, an event's
// attendance per guest, a fission reward per invitee, a recharge package per recharge.
func TestOccasionsIssueOnce(t *testing.T) {
	s := newShop(t)
	bday := s.saveType(coupons.Type{Name: "生日礼券", Kind: coupons.KindCash, ValueFen: 10000, ValidDays: 30, AutoOn: coupons.OnBirthday, Campaign: "生日关怀"})
	attend := s.saveType(coupons.Type{Name: "到场券", Kind: coupons.KindCash, ValueFen: 2000, ValidDays: 30, AutoOn: coupons.OnAttend})
	join := s.saveType(coupons.Type{Name: "邀请券", Kind: coupons.KindCash, ValueFen: 1000, ValidDays: 30, AutoOn: coupons.OnFissionJoin})
	byType := func(typeID int64) int { return s.count(`SELECT COUNT(*) FROM coupons WHERE type_id = ?`, typeID) }

	// Birthday: a member born this month, given twice.
	now := time.Now()
	var born int64
	s.must(s.tx(func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: "寿星", Mobile: "13900000001",
			Birthday: customers.Birthday{Calendar: "solar", Year: 1980, Month: int(now.Month()), Day: 1}}, 0)
		if err != nil {
			return err
		}
		born = c.ID
		_, err = members.Register(ctx, tx, members.RegisterInput{Mobile: "13900000001", LevelID: s.levels[1].ID}, 0)
		return err
	}))
	for i := 0; i < 2; i++ {
		s.must(s.tx(func(tx *sql.Tx) error {
			_, err := members.GiveBirthdayPoints(ctx, tx, now.Year(), now.Month(), 0)
			return err
		}))
	}
	if byType(bday.ID) != 1 || s.count(`SELECT COUNT(*) FROM coupons WHERE customer_id = ? AND source = 'birthday'`, born) != 1 {
		t.Fatalf("birthday coupons %d", byType(bday.ID))
	}

	// Attendance: two guests, one scanned twice.
	a, b := s.member("甲", "13800000011"), s.member("乙", "13800000012")
	var ev events.Event
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		start := now.Add(time.Hour)
		ev, err = events.Create(ctx, tx, events.Input{Name: "品鉴会", Kind: "品鉴会", StartsAt: start.Format("2006-01-02 15:04"),
			EndsAt: start.Add(2 * time.Hour).Format("2006-01-02 15:04"), Capacity: 10}, 0)
		if err != nil {
			return err
		}
		if _, err = events.AddGuests(ctx, tx, ev.ID, []int64{a, b}, 0, 0); err != nil {
			return err
		}
		_, err = events.SetState(ctx, tx, ev.ID, events.Inviting, 0)
		return err
	}))
	for _, id := range []int64{a, a, b} {
		s.must(s.tx(func(tx *sql.Tx) error { _, err := events.CheckIn(ctx, tx, ev.ID, id, 0); return err }))
	}
	if byType(attend.ID) != 2 {
		t.Fatalf("attendance coupons %d, want one per guest", byType(attend.ID))
	}

	// Fission: the inviter gets a coupon per friend brought in, once.
	var g communities.Group
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		if g, err = communities.Save(ctx, tx, communities.Group{Name: "酱香之友", State: "活跃"}); err != nil {
			return err
		}
		_, err = communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: g.ID, IDs: []int64{a}}, 0)
		return err
	}))
	for i := 0; i < 2; i++ {
		s.must(s.tx(func(tx *sql.Tx) error {
			_, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: g.ID, IDs: []int64{b}, InviterID: a}, 0)
			return err
		}))
	}
	if byType(join.ID) != 1 || s.count(`SELECT COUNT(*) FROM coupons WHERE type_id = ? AND customer_id = ?`, join.ID, a) != 1 {
		t.Fatalf("fission coupons %d", byType(join.ID))
	}

	// Recharge: a package that gives a coupon, recharged once and retried.
	gift := s.cash(3000, true)
	var pkgs []wallet.Package
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		pkgs, err = wallet.SavePackages(ctx, tx, []wallet.Package{{Name: "充1000送100", PayFen: 100000, BonusFen: 10000, CouponTypeID: gift.ID, Active: true}})
		return err
	}))
	var res wallet.RechargeResult
	for i := 0; i < 2; i++ {
		s.must(s.tx(func(tx *sql.Tx) (err error) {
			res, err = wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: a, PackageID: pkgs[0].ID, Method: "cash", Key: "r1"}, 0)
			return err
		}))
	}
	if byType(gift.ID) != 1 || s.count(`SELECT COUNT(*) FROM coupons WHERE source = 'recharge' AND customer_id = ?`, a) != 1 {
		t.Fatalf("recharge coupons %d (%+v)", byType(gift.ID), res)
	}
}
