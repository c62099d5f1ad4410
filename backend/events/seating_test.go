package events_test

import (
	"database/sql"
	"fmt"
	"jiuke/backend/scoring"
	"jiuke/backend/store"
	"testing"

	"jiuke/backend/events"
)

func TestSeatingRefusesAFullTableAndSeatingTwiceAndAutoSeatsByLevel(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	diamond, _ := f.member("钻石王", "13700000001", 4)
	gold, _ := f.member("金先生", "13700000002", 3)
	plain := f.customer("普通客", "13700000003", "F")
	var fam []int64
	for i := 0; i < 4; i++ {
		fam = append(fam, f.customer(fmt.Sprintf("散客%d", i), fmt.Sprintf("1370000001%d", i), "M"))
	}
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.AddGuests(ctx, tx, ev.ID, append([]int64{plain, gold, diamond}, fam...), 0, 0); err != nil {
			return err
		}
		_, err := events.AddTables(ctx, tx, ev.ID, 2, 3)
		return err
	})
	g := f.guests(ev.ID)
	f.tx(func(tx *sql.Tx) error {
		_, err := events.SetCompanions(ctx, tx, ev.ID, g["普通客"].ID, 1, 0)
		return err
	})
	var res events.AutoSeatResult
	f.tx(func(tx *sql.Tx) (err error) {
		res, err = events.AutoSeat(ctx, tx, ev.ID, events.AutoSeatOptions{})
		return err
	})
	// 8 people for 6 seats: the two top levels sit at table 1, someone is left without a seat.
	g = f.guests(ev.ID)
	if g["钻石王"].TableNumber != 1 || g["金先生"].TableNumber != 1 {
		t.Fatalf("higher levels nearer table 1: 钻石 %d 金 %d", g["钻石王"].TableNumber, g["金先生"].TableNumber)
	}
	if res.Seated+res.Unseated != 7 || res.Unseated == 0 {
		t.Fatalf("auto seat %+v", res)
	}
	if pc := g["普通客"]; pc.TableNumber != 0 {
		tbl, _ := events.Tables(ctx, f.db.R, ev.ID)
		if tbl[pc.TableNumber-1].Used > 3 {
			t.Fatal("a party of two was squeezed into a full table")
		}
	}
	tables, _ := events.Tables(ctx, f.db.R, ev.ID)
	full := tables[0]
	if full.Used != 3 {
		t.Fatalf("table 1 uses %d of 3", full.Used)
	}
	var loose events.Guest
	for _, x := range g {
		if x.TableID == 0 {
			loose = x
		}
	}
	err := f.try(func(tx *sql.Tx) error { _, err := events.Seat(ctx, tx, ev.ID, loose.ID, full.ID); return err })
	wantMessage(t, err, "1号桌座位不够")
	err = f.try(func(tx *sql.Tx) error { _, err := events.Seat(ctx, tx, ev.ID, g["钻石王"].ID, full.ID); return err })
	wantMessage(t, err, "已经坐在1号桌")
	// Moving someone to table 2 frees their seat at table 1 for the one without a seat.
	f.tx(func(tx *sql.Tx) error {
		if _, err := events.Seat(ctx, tx, ev.ID, g["金先生"].ID, 0); err != nil {
			return err
		}
		_, err := events.Seat(ctx, tx, ev.ID, loose.ID, full.ID)
		return err
	})
	if f.guests(ev.ID)[loose.Name].TableNumber != 1 {
		t.Fatal("the move did not land")
	}
}

func TestAutoSeatKeepsATagTogetherAndGivesEveryTableAHost(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	top, _ := f.member("钻石甲", "13600000001", 4)
	mid, _ := f.member("金卡乙", "13600000002", 3)
	low := f.customer("普通丙", "13600000003", "M")
	low2 := f.customer("普通丁", "13600000004", "M")
	var tagID int64
	f.tx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO tags (name, created_at) VALUES ('高尔夫球友', '2026-01-01T00:00:00Z')`)
		if err != nil {
			return err
		}
		tagID, _ = res.LastInsertId()
		// 钻石甲 and 普通丁 play golf together: the tag seats them side by side despite their levels.
		for _, c := range []int64{top, low2} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')`, c, tagID); err != nil {
				return err
			}
		}
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{low, mid, top, low2}, 0, 0); err != nil {
			return err
		}
		_, err = events.AddTables(ctx, tx, ev.ID, 2, 3)
		return err
	})
	var staffID int64
	f.tx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO staff (name, role, created_at) VALUES ('刘店长', 'manager', '2026-01-01T00:00:00Z')`)
		staffID, _ = res.LastInsertId()
		return err
	})
	f.tx(func(tx *sql.Tx) error {
		_, err := events.AutoSeat(ctx, tx, ev.ID, events.AutoSeatOptions{TagID: tagID, HostPerTable: true})
		return err
	})
	g := f.guests(ev.ID)
	if g["钻石甲"].TableNumber != 1 || g["普通丁"].TableNumber != 1 || g["金卡乙"].TableNumber != 2 || g["普通丙"].TableNumber != 2 {
		t.Fatalf("tables: 钻石甲 %d 普通丁 %d 金卡乙 %d 普通丙 %d", g["钻石甲"].TableNumber, g["普通丁"].TableNumber, g["金卡乙"].TableNumber, g["普通丙"].TableNumber)
	}
	tables, _ := events.Tables(ctx, f.db.R, ev.ID)
	// One active staff member for two tables: table 1 gets the host and its third seat, table 2 none.
	if tables[0].HostStaffID != staffID || tables[0].Used != 3 || tables[1].HostStaffID != 0 {
		t.Fatalf("hosts: %+v", tables)
	}
}

func TestAutoSeatPutsHigherCoreScoresNearerTableOneWithinALevel(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	quiet := f.customer("无名客", "13700000021", "M")
	leader := f.customer("意见领袖", "13700000022", "M")
	spender := f.customer("大买家", "13700000023", "M")
	f.purchase(spender, store.Today(), 5_000_000, 0, "big")
	f.tx(func(tx *sql.Tx) error {
		if _, err := scoring.SetOpinionLeader(ctx, tx, leader, true); err != nil {
			return err
		}
		if _, err := events.AddGuests(ctx, tx, ev.ID, []int64{quiet, leader, spender}, 0, 0); err != nil {
			return err
		}
		if _, err := events.AddTables(ctx, tx, ev.ID, 3, 1); err != nil {
			return err
		}
		_, err := events.AutoSeat(ctx, tx, ev.ID, events.AutoSeatOptions{})
		return err
	})
	g := f.guests(ev.ID)
	got := []int{g["大买家"].TableNumber, g["意见领袖"].TableNumber, g["无名客"].TableNumber}
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Fatalf("by core score (buying power, then influence): tables %v", got)
	}
}
