package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/events"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

// demoEvent is one event of the demo shop, daysAgo before today (negative: still to come).
type demoEvent struct {
	in      events.Input
	daysAgo int
	guests  int
	costs   []events.Cost
}

var demoEvents = []demoEvent{
	{events.Input{Name: "年中VIP答谢宴", Kind: "答谢宴", Theme: "感谢一路同行", Venue: "锦江宾馆宴会厅", Address: "锦江区人民南路二段80号",
		Capacity: 60, FeaturedProducts: "飞天茅台、第八代五粮液", AttendPoints: 200}, 150, 40,
		[]events.Cost{{Category: "场地", Item: "宴会厅", PlannedFen: 800000, ActualFen: 800000}, {Category: "餐饮", Item: "中餐6桌", PlannedFen: 1800000, ActualFen: 1920000},
			{Category: "酒水", Item: "品鉴用酒", PlannedFen: 900000, ActualFen: 860000}, {Category: "礼品", Item: "伴手礼", PlannedFen: 400000, ActualFen: 380000}}},
	{events.Input{Name: "金秋酱香品鉴会", Kind: "品鉴会", Theme: "酱香型白酒的年份与风味", Venue: "蜀香酒行二楼品鉴室", Address: "武侯区科华北路99号",
		Capacity: 30, FeaturedProducts: "飞天茅台、郎酒红花郎10年", AttendPoints: 100}, 45, 26,
		[]events.Cost{{Category: "酒水", Item: "品鉴酒6款", PlannedFen: 600000, ActualFen: 580000}, {Category: "物料", Item: "品鉴卡与酒杯", PlannedFen: 50000, ActualFen: 42000},
			{Category: "人员", Item: "品酒师", PlannedFen: 150000, ActualFen: 150000}}},
	{events.Input{Name: "冬季波尔多品鉴会", Kind: "品鉴会", Theme: "左岸与右岸", Venue: "蜀香酒行二楼品鉴室", Address: "武侯区科华北路99号",
		Capacity: 24, FeaturedProducts: "拉菲传奇、奔富Bin389", AttendPoints: 100}, -12, 28,
		[]events.Cost{{Category: "酒水", Item: "波尔多6款", PlannedFen: 450000}, {Category: "餐饮", Item: "西式冷盘", PlannedFen: 120000}}},
}

// fillEvents adds two past events (attendance, costs, follow-ups, orders afterwards) and one
// upcoming event still inviting, all among the members.
func fillEvents(ctx context.Context, tx *sql.Tx, r *rand.Rand, staffIDs []int64) error {
	var memberIDs []int64
	rows, err := tx.QueryContext(ctx, `SELECT customer_id FROM memberships ORDER BY customer_id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		memberIDs = append(memberIDs, id)
	}
	rows.Close()
	var productIDs []int64
	prows, err := tx.QueryContext(ctx, `SELECT id FROM products WHERE service = 0 ORDER BY id LIMIT 8`)
	if err != nil {
		return err
	}
	for prows.Next() {
		var id int64
		if err := prows.Scan(&id); err != nil {
			prows.Close()
			return err
		}
		productIDs = append(productIDs, id)
	}
	prows.Close()
	today := time.Now().In(store.Shop)
	for n, d := range demoEvents {
		day := today.AddDate(0, 0, -d.daysAgo)
		d.in.StartsAt = day.Format(time.DateOnly) + " 18:30"
		d.in.EndsAt = day.Format(time.DateOnly) + " 21:30"
		d.in.HostStaffID = staffIDs[1]
		ev, err := events.Create(ctx, tx, d.in, staffIDs[0])
		if err != nil {
			return fmt.Errorf("演示活动: %w", err)
		}
		for _, c := range d.costs {
			c.EventID = ev.ID
			if _, err := events.SaveCost(ctx, tx, c); err != nil {
				return err
			}
		}
		picked := make([]int64, 0, d.guests)
		for _, i := range r.Perm(len(memberIDs))[:min(d.guests, len(memberIDs))] {
			picked = append(picked, memberIDs[i])
		}
		if _, err := events.AddGuests(ctx, tx, ev.ID, picked, 0, staffIDs[2]); err != nil {
			return err
		}
		gs, err := events.Guests(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		var ids []int64
		for _, g := range gs {
			if !g.Waitlisted {
				ids = append(ids, g.ID)
			}
		}
		if _, err := events.MarkInvited(ctx, tx, ev.ID, ids, staffIDs[2]); err != nil {
			return err
		}
		if _, err := events.SetState(ctx, tx, ev.ID, events.Inviting, staffIDs[0]); err != nil {
			return err
		}
		var declined, confirmed []int64
		for _, id := range ids {
			switch r.IntN(6) {
			case 0:
				declined = append(declined, id)
			case 1:
			default:
				confirmed = append(confirmed, id)
			}
		}
		for _, step := range []struct {
			status string
			ids    []int64
		}{{events.Declined, declined}, {events.Confirmed, confirmed}} {
			if len(step.ids) > 0 {
				if _, err := events.SetStatus(ctx, tx, ev.ID, step.ids, step.status, staffIDs[2]); err != nil {
					return err
				}
			}
		}
		if _, err := events.AutoSeat(ctx, tx, ev.ID, events.AutoSeatOptions{HostPerTable: true}); err != nil {
			return err
		}
		if d.daysAgo < 0 {
			continue
		}
		if _, err := events.SetState(ctx, tx, ev.ID, events.Running, staffIDs[0]); err != nil {
			return err
		}
		if err := attend(ctx, tx, r, ev, day, productIDs, staffIDs, n); err != nil {
			return err
		}
	}
	return nil
}

// attend checks in most confirmed guests, ends the event, and records the orders some of them
// placed in the weeks after, then the follow-up tasks.
func attend(ctx context.Context, tx *sql.Tx, r *rand.Rand, ev events.Event, day time.Time, productIDs, staffIDs []int64, n int) error {
	gs, err := events.Guests(ctx, tx, ev.ID)
	if err != nil {
		return err
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 18, 20, 0, 0, store.Shop).UTC().Format(time.RFC3339)
	for i, g := range gs {
		if g.Status != events.Confirmed || r.IntN(8) == 0 {
			continue
		}
		if _, err := events.CheckIn(ctx, tx, ev.ID, g.CustomerID, staffIDs[3]); err != nil {
			return err
		}
		// The demo signs them in on the evening itself, not when the demo was made.
		if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET checked_in_at = ?, status_at = ? WHERE id = ?`, at, at, g.ID); err != nil {
			return err
		}
		if r.IntN(5) < 2 && len(productIDs) > 0 {
			date := day.AddDate(0, 0, 1+r.IntN(25))
			if date.After(time.Now().In(store.Shop)) {
				continue
			}
			if _, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: g.CustomerID, Date: date.Format(time.DateOnly), Key: fmt.Sprintf("demo-event-%d-%d", n, i),
				Note: "活动后下单", Lines: []sales.LineInput{{ProductID: productIDs[r.IntN(len(productIDs))], Qty: int64(2 + r.IntN(6))}}}, staffIDs[4], false); err != nil {
				return fmt.Errorf("演示活动后消费: %w", err)
			}
		}
	}
	if _, err := events.SetState(ctx, tx, ev.ID, events.Ended, staffIDs[0]); err != nil {
		return err
	}
	// The run of show was worked through.
	if _, err := tx.ExecContext(ctx, `UPDATE event_tasks SET done = 1, done_at = ?, owner_staff_id = ? WHERE event_id = ?`, at, staffIDs[1], ev.ID); err != nil {
		return err
	}
	_, err = events.CreateFollowUps(ctx, tx, events.FollowUpRequest{EventID: ev.ID}, staffIDs[1])
	return err
}
