package events_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

type fixture struct {
	t  *testing.T
	db *store.DB
}

func newFixture(t *testing.T) *fixture { return &fixture{t: t, db: storetest.Open(t)} }

// tx runs fn in one transaction and fails the test on an error.
func (f *fixture) tx(fn func(tx *sql.Tx) error) {
	f.t.Helper()
	if err := f.db.WithTx(ctx, fn); err != nil {
		f.t.Fatal(err)
	}
}

// try runs fn in one transaction and returns its error (rolled back).
func (f *fixture) try(fn func(tx *sql.Tx) error) error { return f.db.WithTx(ctx, fn) }

func (f *fixture) customer(name, mobile, gender string) int64 {
	f.t.Helper()
	var id int64
	f.tx(func(tx *sql.Tx) error {
		c, err := customers.Create(ctx, tx, customers.Input{Name: name, Mobile: mobile, Gender: gender, District: "锦江区"}, 0)
		id = c.ID
		return err
	})
	return id
}

// member registers a VIP at levelID (1 普卡 … 4 钻石卡) and returns the customer id and card number.
func (f *fixture) member(name, mobile string, levelID int64) (int64, string) {
	f.t.Helper()
	var r members.RegisterResult
	f.tx(func(tx *sql.Tx) (err error) {
		r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, LevelID: levelID, Gender: "M"}, 0)
		return err
	})
	return r.CustomerID, r.Card.Number
}

func (f *fixture) event(capacity int, starts string) events.Event {
	f.t.Helper()
	var ev events.Event
	start, _ := time.Parse("2006-01-02 15:04", starts)
	f.tx(func(tx *sql.Tx) (err error) {
		ev, err = events.Create(ctx, tx, events.Input{Name: "秋季酱香品鉴会", Kind: "品鉴会", StartsAt: starts,
			EndsAt: start.Add(150 * time.Minute).Format("2006-01-02 15:04"), Venue: "蜀香酒行二楼", Address: "锦江区春熙路1号", Capacity: capacity}, 0)
		return err
	})
	return ev
}

func (f *fixture) get(id int64) events.Event {
	f.t.Helper()
	ev, err := events.Get(ctx, f.db.R, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return ev
}

func (f *fixture) guests(eventID int64) map[string]events.Guest {
	f.t.Helper()
	gs, err := events.Guests(ctx, f.db.R, eventID)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]events.Guest{}
	for _, g := range gs {
		out[g.Name] = g
	}
	return out
}

func (f *fixture) state(id int64, to string) error {
	return f.try(func(tx *sql.Tx) error { _, err := events.SetState(ctx, tx, id, to, 0); return err })
}

func wantMessage(t *testing.T, err error, fragment string) {
	t.Helper()
	if err == nil || !strings.Contains(errs.ToPayload(err).Message, fragment) {
		t.Fatalf("want an error saying %q, got %v", fragment, err)
	}
}

func TestEventStatesMoveForwardOnly(t *testing.T) {
	f := newFixture(t)
	err := f.try(func(tx *sql.Tx) error {
		_, err := events.Create(ctx, tx, events.Input{Name: "答谢宴", Kind: "答谢宴", StartsAt: "2026-12-20 18:00", EndsAt: "2026-12-20 17:00"}, 0)
		return err
	})
	wantMessage(t, err, "结束时间必须晚于开始时间")
	ev := f.event(0, "2026-12-05 19:00")
	if ev.State != events.Planning {
		t.Fatalf("a new event is %s", ev.State)
	}
	tasks, _ := events.Tasks(ctx, f.db.R, ev.ID)
	if len(tasks) < 8 || tasks[0].Title != "确定场地并预订" || tasks[0].DueDate != "2026-11-14" {
		t.Fatalf("a 品鉴会 starts from the default checklist, due dates before the day: %+v", tasks[:1])
	}
	wantMessage(t, f.state(ev.ID, events.Running), "不能改为「进行中」")
	a := f.customer("张伟", "13800138001", "M")
	b := f.customer("李娜", "13800138002", "F")
	f.tx(func(tx *sql.Tx) error { _, err := events.AddGuests(ctx, tx, ev.ID, []int64{a, b}, 0, 0); return err })
	for _, s := range []string{events.Inviting, events.Running} {
		if err := f.state(ev.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	f.tx(func(tx *sql.Tx) error { _, err := events.CheckIn(ctx, tx, ev.ID, a, 0); return err })
	if err := f.state(ev.ID, events.Ended); err != nil {
		t.Fatal(err)
	}
	if g := f.guests(ev.ID); g["张伟"].Status != events.CheckedIn || g["李娜"].Status != events.Pending {
		t.Fatalf("ending keeps arrivals and never-invited guests: %+v", g)
	}
	wantMessage(t, f.state(ev.ID, events.Cancelled), "当前为「已结束」")
	wantMessage(t, f.try(func(tx *sql.Tx) error { _, err := events.AddGuests(ctx, tx, ev.ID, []int64{b}, 0, 0); return err }), "已结束")

	other := f.event(0, "2026-12-06 19:00")
	if err := f.state(other.ID, events.Cancelled); err != nil {
		t.Fatal(err)
	}
	wantMessage(t, f.state(other.ID, events.Inviting), "当前为「已取消」")
}

func TestCapacityCountsCompanionsAndTheWaitlistMovesUpInOrder(t *testing.T) {
	f := newFixture(t)
	ev := f.event(5, "2026-12-05 19:00")
	var ids []int64
	for i, n := range []string{"甲一", "乙二", "丙三", "丁四"} {
		ids = append(ids, f.customer(n, fmt.Sprintf("1390000000%d", i), "M"))
	}
	var res events.AddResult
	// Two people each: 甲 and 乙 fit (4 of 5), 丙 would make 6 and waits, 丁 behind 丙.
	f.tx(func(tx *sql.Tx) (err error) { res, err = events.AddGuests(ctx, tx, ev.ID, ids, 1, 0); return err })
	if res.Added != 2 || res.Waitlisted != 2 {
		t.Fatalf("added %+v", res)
	}
	if e := f.get(ev.ID); e.Headcount != 4 || e.Waitlist != 2 {
		t.Fatalf("headcount %d waitlist %d", e.Headcount, e.Waitlist)
	}
	f.tx(func(tx *sql.Tx) (err error) { res, err = events.AddGuests(ctx, tx, ev.ID, ids[:1], 0, 0); return err })
	if res.Skipped != 1 {
		t.Fatalf("adding a guest twice: %+v", res)
	}
	g := f.guests(ev.ID)
	err := f.try(func(tx *sql.Tx) error {
		_, err := events.SetCompanions(ctx, tx, ev.ID, g["甲一"].ID, 3, 0)
		return err
	})
	wantMessage(t, err, "超出人数上限")
	if f.guests(ev.ID)["甲一"].Companions != 1 {
		t.Fatal("a refused change changed the companions")
	}
	// 乙 declines: two places free, 丙 (first in line) moves up, 丁 still waits.
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{g["乙二"].ID}, events.Declined, 0)
		return err
	})
	g = f.guests(ev.ID)
	if g["丙三"].Waitlisted || !g["丁四"].Waitlisted {
		t.Fatalf("丙 should move up, 丁 wait: 丙 %v 丁 %v", g["丙三"].Waitlisted, g["丁四"].Waitlisted)
	}
	wantMessage(t, f.try(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{g["丁四"].ID}, events.Confirmed, 0)
		return err
	}), "候补名单")
	// 乙 changes his mind, but his places went to 丙: refused, nothing changes.
	wantMessage(t, f.try(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{g["乙二"].ID}, events.Confirmed, 0)
		return err
	}), "超出人数上限")
	if e := f.get(ev.ID); e.Headcount != 4 || f.guests(ev.ID)["乙二"].Status != events.Declined {
		t.Fatalf("a refused change changed the list: headcount %d", e.Headcount)
	}
	// Bulk: 甲 and 丙 confirmed together, time and state recorded.
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{g["甲一"].ID, g["丙三"].ID}, events.Confirmed, 0)
		return err
	})
	g = f.guests(ev.ID)
	if g["甲一"].Status != events.Confirmed || g["丙三"].Status != events.Confirmed || g["甲一"].StatusAt == "" {
		t.Fatalf("bulk confirm: %+v %+v", g["甲一"], g["丙三"])
	}
}

func TestCheckInOnceWithPointsByCardAndWalkIns(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	vip, card := f.member("王大伟", "13900139000", 2)
	stranger := f.customer("路过客", "13900139001", "F")
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.Update(ctx, tx, ev.ID, events.Input{Name: ev.Name, Kind: ev.Kind, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt,
			Venue: ev.Venue, AttendPoints: 200}); err != nil {
			return err
		}
		_, err := events.AddGuests(ctx, tx, ev.ID, []int64{vip}, 1, 0)
		return err
	})
	wantMessage(t, f.try(func(tx *sql.Tx) error { _, err := events.CheckInByCard(ctx, tx, ev.ID, card, 0); return err }), "不能签到")
	f.state(ev.ID, events.Inviting)
	f.state(ev.ID, events.Running)
	var first, again events.CheckInResult
	f.tx(func(tx *sql.Tx) (err error) { first, err = events.CheckInByCard(ctx, tx, ev.ID, card, 0); return err })
	f.tx(func(tx *sql.Tx) (err error) { again, err = events.CheckInByCard(ctx, tx, ev.ID, card, 0); return err })
	if first.Already || first.Points != 200 || !again.Already || again.Points != 0 {
		t.Fatalf("first %+v again %+v", first, again)
	}
	if bal, _ := points.Balance(ctx, f.db.R, vip); bal != 200 {
		t.Fatalf("attendance points booked %d times over", bal/200)
	}
	err := f.try(func(tx *sql.Tx) error { _, err := events.CheckIn(ctx, tx, ev.ID, stranger, 0); return err })
	wantMessage(t, err, "不在本活动的宾客名单中")
	if d, _ := errs.ToPayload(err).Data.(map[string]any); d["notInvited"] != true {
		t.Fatalf("the desk needs to know to offer a walk-in: %+v", errs.ToPayload(err))
	}
	f.tx(func(tx *sql.Tx) error { _, err := events.WalkIn(ctx, tx, ev.ID, stranger, 0, 0); return err })
	live, _ := events.LiveCount(ctx, f.db.R, ev.ID)
	if live.Arrived != 2 || live.People != 3 {
		t.Fatalf("live count %+v", live)
	}
	if g := f.guests(ev.ID)["路过客"]; !g.WalkIn || g.Status != events.CheckedIn {
		t.Fatalf("walk-in %+v", g)
	}
}

func TestInvitationsRenderPerGuestAndCopyingMarksInvited(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	a := f.customer("张伟", "13800138001", "M")
	b := f.customer("欧阳娜娜", "13800138002", "F")
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{a, b}, 0, 0); err != nil {
			return err
		}
		if _, err := events.AddTables(ctx, tx, ev.ID, 1, 10); err != nil {
			return err
		}
		_, err := events.SetInviteText(ctx, tx, ev.ID, "{称呼}（{姓名}）：{时间}，{地点}，「{活动名称}」，{桌号}")
		return err
	})
	g := f.guests(ev.ID)
	tables, _ := events.Tables(ctx, f.db.R, ev.ID)
	f.tx(func(tx *sql.Tx) error {
		_, err := events.Seat(ctx, tx, ev.ID, g["张伟"].ID, tables[0].ID)
		return err
	})
	inv, err := events.Invitations(ctx, f.db.R, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, i := range inv {
		texts[i.Name] = i.Text
	}
	if want := "张先生（张伟）：12月5日（周六）19:00，蜀香酒行二楼（锦江区春熙路1号），「秋季酱香品鉴会」，1号桌"; texts["张伟"] != want {
		t.Fatalf("got  %s\nwant %s", texts["张伟"], want)
	}
	if !strings.HasPrefix(texts["欧阳娜娜"], "欧阳女士") || !strings.HasSuffix(texts["欧阳娜娜"], "座位待定") {
		t.Fatalf("got %s", texts["欧阳娜娜"])
	}
	var n int
	f.tx(func(tx *sql.Tx) (err error) {
		n, err = events.MarkInvited(ctx, tx, ev.ID, []int64{g["张伟"].ID}, 0)
		return err
	})
	f.tx(func(tx *sql.Tx) (err error) {
		_, err = events.MarkInvited(ctx, tx, ev.ID, []int64{g["张伟"].ID}, 0)
		return err
	})
	if got := f.guests(ev.ID); n != 1 || got["张伟"].Status != events.Invited || got["欧阳娜娜"].Status != events.Pending {
		t.Fatalf("marked %d: %+v", n, got)
	}
	// Saving under an existing name replaces that template's text; an empty text is refused.
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SaveInviteTemplate(ctx, tx, "正式邀请", "{称呼}，{时间}见！")
		return err
	})
	wantMessage(t, f.try(func(tx *sql.Tx) error { _, err := events.SaveInviteTemplate(ctx, tx, "空的", "  "); return err }), "请填写邀请内容")
	if tpls, _ := events.InviteTemplates(ctx, f.db.R); len(tpls) != 2 || tpls[0].Body != "{称呼}，{时间}见！" {
		t.Fatalf("templates %+v", tpls)
	}
}

func TestCostsRefuseNegativeAmounts(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	wantMessage(t, f.try(func(tx *sql.Tx) error {
		_, err := events.SaveCost(ctx, tx, events.Cost{EventID: ev.ID, Category: "酒水", PlannedFen: 100, ActualFen: -1})
		return err
	}), "实际金额不能为负数")
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SaveCost(ctx, tx, events.Cost{EventID: ev.ID, Category: "场地", PlannedFen: 200000, ActualFen: 180000})
		return err
	})
	if e := f.get(ev.ID); e.PlannedFen != 200000 || e.ActualFen != 180000 {
		t.Fatalf("budget %d actual %d", e.PlannedFen, e.ActualFen)
	}
}

func TestMergeKeepsTheGuestRowThatGotFurther(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	keep := f.customer("张伟", "13800138001", "M")
	dup := f.customer("张伟", "13800138009", "M")
	f.tx(func(tx *sql.Tx) error {
		_, err := events.AddGuests(ctx, tx, ev.ID, []int64{keep, dup}, 0, 0)
		return err
	})
	gs, _ := events.Guests(ctx, f.db.R, ev.ID)
	var dupGuest int64
	for _, g := range gs {
		if g.CustomerID == dup {
			dupGuest = g.ID
		}
	}
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SetStatus(ctx, tx, ev.ID, []int64{dupGuest}, events.Confirmed, 0)
		return err
	})
	f.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep, MergedID: dup}, 0)
		return err
	})
	gs, _ = events.Guests(ctx, f.db.R, ev.ID)
	if len(gs) != 1 || gs[0].CustomerID != keep || gs[0].Status != events.Confirmed {
		t.Fatalf("after merge: %+v", gs)
	}
}
