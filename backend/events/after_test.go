package events_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/events"
)

// purchase records a sale of fen on date, refunded by refundFen, straight into the ledger tables.
func (f *fixture) purchase(customerID int64, date string, fen, refundFen int64, key string) {
	f.t.Helper()
	f.tx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (?,?,?,?,?)`,
			customerID, date, fen, key, "2026-10-01T00:00:00Z")
		if err != nil || refundFen == 0 {
			return err
		}
		id, _ := res.LastInsertId()
		_, err = tx.ExecContext(ctx, `INSERT INTO refunds (purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at)
			VALUES (?,?,0,0,0,?,?,?)`, id, refundFen, refundFen, key+"-r", "2026-10-20T00:00:00Z")
		return err
	})
}

// An event on 10-10: 张 came and bought ¥500 (¥100 refunded) within 30 days and ¥999.99 after;
// 李 was invited but did not come and bought ¥200; 王 was never invited (pending) and bought too.
func TestROIComparesAttendeesWithInvitedAbsenteesOverTheWindow(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-10-10 19:00")
	zhang := f.customer("张伟", "13800138001", "M")
	li := f.customer("李娜", "13800138002", "F")
	wang := f.customer("王强", "13800138003", "M")
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{zhang, li, wang}, 0, 0); err != nil {
			return err
		}
		if _, err := events.SaveCost(ctx, tx, events.Cost{EventID: ev.ID, Category: "酒水", PlannedFen: 30000, ActualFen: 20000}); err != nil {
			return err
		}
		_, err := events.SaveCost(ctx, tx, events.Cost{EventID: ev.ID, Category: "场地", PlannedFen: 10000, ActualFen: 10000})
		return err
	})
	g := f.guests(ev.ID)
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.MarkInvited(ctx, tx, ev.ID, []int64{g["张伟"].ID, g["李娜"].ID}, 0); err != nil {
			return err
		}
		for _, s := range []string{events.Inviting, events.Running} {
			if _, err := events.SetState(ctx, tx, ev.ID, s, 0); err != nil {
				return err
			}
		}
		if _, err := events.CheckIn(ctx, tx, ev.ID, zhang, 0); err != nil {
			return err
		}
		_, err := events.SetState(ctx, tx, ev.ID, events.Ended, 0)
		return err
	})
	f.purchase(zhang, "2026-10-12", 50000, 10000, "a")
	f.purchase(zhang, "2026-09-30", 70000, 0, "before")
	f.purchase(zhang, "2026-11-10", 99999, 0, "after")
	f.purchase(li, "2026-10-15", 20000, 0, "b")
	f.purchase(wang, "2026-10-15", 88800, 0, "c")
	r, err := events.EventROI(ctx, f.db.R, ev.ID, 30)
	if err != nil {
		t.Fatal(err)
	}
	if r.CostFen != 30000 || r.Attendees != 1 || r.AttendeeFen != 40000 || r.Absent != 1 || r.AbsentFen != 20000 {
		t.Fatalf("roi %+v", r)
	}
	if r.ReturnPct < 33.3 || r.ReturnPct > 33.4 {
		t.Fatalf("(400 − 300) / 300 should be 33.3%%, got %.2f", r.ReturnPct)
	}
	if g := f.guests(ev.ID); g["李娜"].Status != events.NoShow {
		t.Fatalf("an invited guest who did not come is 未到场 after the end: %s", g["李娜"].Status)
	}
	long, _ := events.EventROI(ctx, f.db.R, ev.ID, 31)
	if long.AttendeeFen != 40000+99999 {
		t.Fatalf("31 days reach 11-10: %d", long.AttendeeFen)
	}
	all, _ := events.ROIs(ctx, f.db.R, 30)
	if len(all) != 1 || all[0].AttendeeFen != 40000 {
		t.Fatalf("across events %+v", all)
	}

	var n int
	var sales int64
	f.tx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO staff (name, role, created_at) VALUES ('赵业务', 'clerk', '2026-01-01T00:00:00Z')`)
		sales, _ = res.LastInsertId()
		return err
	})
	f.tx(func(tx *sql.Tx) (err error) {
		n, err = events.CreateFollowUps(ctx, tx, events.FollowUpRequest{EventID: ev.ID, AssigneeID: sales}, 0)
		return err
	})
	f.tx(func(tx *sql.Tx) (err error) {
		_, err = events.CreateFollowUps(ctx, tx, events.FollowUpRequest{EventID: ev.ID}, 0)
		return err
	})
	log, _ := customers.FollowUps(ctx, f.db.R, zhang)
	if n != 1 || len(log) != 1 || log[0].Channel != "活动" || log[0].NextDate != "2026-10-13" || !strings.HasSuffix(log[0].Content, "（负责：赵业务）") {
		t.Fatalf("follow-ups %d: %+v", n, log)
	}
	if tasks, _ := events.FollowUpTasks(ctx, f.db.R, ev.ID); len(tasks) != 1 || tasks[0].AssigneeName != "赵业务" {
		t.Fatalf("the event's follow-up tasks: %+v", tasks)
	}
	if other, err := customers.FollowUps(ctx, f.db.R, li); err != nil || len(other) != 0 {
		t.Fatalf("an absentee got an attendee's follow-up: %+v %v", other, err)
	}
}
