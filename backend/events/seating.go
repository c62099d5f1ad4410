package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Table is one round table and who sits there.
type Table struct {
	ID          int64   `json:"id"`
	EventID     int64   `json:"eventId"`
	Number      int     `json:"number"`
	Name        string  `json:"name"`
	Seats       int     `json:"seats"`
	HostStaffID int64   `json:"hostStaffId"`
	HostName    string  `json:"hostName"`
	Used        int     `json:"used"` // guests + companions (+1 for a host)
	Guests      []Guest `json:"guests"`
}

// TableInput edits one table.
type TableInput struct {
	Name        string `json:"name"`
	Seats       int    `json:"seats"`
	HostStaffID int64  `json:"hostStaffId"`
}

// AddTables appends count tables of seats each, numbered after the last one.
func AddTables(ctx context.Context, tx *sql.Tx, eventID int64, count, seats int) ([]Table, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return nil, err
	}
	if err := open(ev); err != nil {
		return nil, err
	}
	if count < 1 || count > 100 {
		return nil, errs.Invalid("count", "一次可添加1到100桌")
	}
	if seats == 0 {
		seats = 10
	}
	if seats < 1 || seats > 30 {
		return nil, errs.Invalid("seats", "每桌座位数应在1到30之间")
	}
	for i := 0; i < count; i++ {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_tables (event_id, number, seats)
			VALUES (?, (SELECT COALESCE(MAX(number), 0) + 1 FROM event_tables WHERE event_id = ?), ?)`, eventID, eventID, seats); err != nil {
			return nil, errs.Internal("add table", err)
		}
	}
	return Tables(ctx, tx, eventID)
}

// UpdateTable renames a table, changes its seats (never below who already sits there) or its host.
func UpdateTable(ctx context.Context, tx *sql.Tx, eventID, tableID int64, in TableInput) (Table, error) {
	t, err := table(ctx, tx, eventID, tableID)
	if err != nil {
		return t, err
	}
	in.Name = strings.TrimSpace(in.Name)
	seated := t.Used
	if t.HostStaffID != 0 {
		seated--
	}
	if in.HostStaffID != 0 {
		seated++
	}
	switch {
	case utf8.RuneCountInString(in.Name) > errs.NameLen:
		return t, errs.Text("name", "桌名", in.Name, errs.NameLen)
	case in.Seats < 1 || in.Seats > 30:
		return t, errs.Invalid("seats", "每桌座位数应在1到30之间")
	case in.Seats < seated:
		return t, errs.Invalid("seats", fmt.Sprintf("%d号桌需要 %d 个座位（含主持），座位数不能少于此数", t.Number, seated))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_tables SET name = ?, seats = ?, host_staff_id = ? WHERE id = ?`,
		in.Name, in.Seats, store.Nullable(in.HostStaffID), tableID); err != nil {
		return t, errs.Internal("update table", err)
	}
	return table(ctx, tx, eventID, tableID)
}

// RemoveTable deletes the last table; its guests become unseated.
func RemoveTable(ctx context.Context, tx *sql.Tx, eventID, tableID int64) error {
	t, err := table(ctx, tx, eventID, tableID)
	if err != nil {
		return err
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT MAX(number) FROM event_tables WHERE event_id = ?`, eventID).Scan(&last); err != nil {
		return errs.Internal("last table", err)
	}
	if t.Number != last {
		return errs.Conflict("tableId", fmt.Sprintf("只能删除最后一桌（%d号桌），以免桌号断开", last), nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET table_id = NULL WHERE table_id = ?`, tableID); err != nil {
		return errs.Internal("unseat table", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_tables WHERE id = ?`, tableID); err != nil {
		return errs.Internal("remove table", err)
	}
	return nil
}

const tableCols = `t.id, t.event_id, t.number, t.name, t.seats, COALESCE(t.host_staff_id, 0), COALESCE(s.name, ''),
	(t.host_staff_id IS NOT NULL) + COALESCE((SELECT SUM(1 + g.companions) FROM event_guests g WHERE g.table_id = t.id), 0)
	FROM event_tables t LEFT JOIN staff s ON s.id = t.host_staff_id`

func table(ctx context.Context, q store.Querier, eventID, tableID int64) (Table, error) {
	var t Table
	err := q.QueryRowContext(ctx, `SELECT `+tableCols+` WHERE t.event_id = ? AND t.id = ?`, eventID, tableID).
		Scan(&t.ID, &t.EventID, &t.Number, &t.Name, &t.Seats, &t.HostStaffID, &t.HostName, &t.Used)
	if errors.Is(err, sql.ErrNoRows) {
		return t, errs.NotFound("本活动没有这张桌")
	}
	if err != nil {
		return t, errs.Internal("get table", err)
	}
	return t, nil
}

// Tables lists an event's tables in number order, each with its guests.
func Tables(ctx context.Context, q store.Querier, eventID int64) ([]Table, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+tableCols+` WHERE t.event_id = ? ORDER BY t.number`, eventID)
	if err != nil {
		return nil, errs.Internal("list tables", err)
	}
	out := []Table{}
	for rows.Next() {
		t := Table{Guests: []Guest{}}
		if err := rows.Scan(&t.ID, &t.EventID, &t.Number, &t.Name, &t.Seats, &t.HostStaffID, &t.HostName, &t.Used); err != nil {
			rows.Close()
			return nil, errs.Internal("scan table", err)
		}
		out = append(out, t)
	}
	rows.Close()
	gs, err := Guests(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	for _, g := range gs {
		if i := slices.IndexFunc(out, func(t Table) bool { return t.ID == g.TableID }); i >= 0 {
			out[i].Guests = append(out[i].Guests, g)
		}
	}
	return out, nil
}

func freeSeats(ctx context.Context, q store.Querier, tableID int64) (int, error) {
	var free int
	err := q.QueryRowContext(ctx, `SELECT t.seats - (t.host_staff_id IS NOT NULL) - COALESCE((SELECT SUM(1 + g.companions)
		FROM event_guests g WHERE g.table_id = t.id), 0) FROM event_tables t WHERE t.id = ?`, tableID).Scan(&free)
	if err != nil {
		return 0, errs.Internal("free seats", err)
	}
	return free, nil
}

// Seat puts a guest (with companions) at a table, or takes them off any table with tableID 0.
// A full table and seating someone where they already sit are refused.
func Seat(ctx context.Context, tx *sql.Tx, eventID, guestID, tableID int64) (Guest, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return Guest{}, err
	}
	if err := open(ev); err != nil {
		return Guest{}, err
	}
	g, err := guest(ctx, tx, eventID, guestID)
	if err != nil {
		return g, err
	}
	if tableID != 0 {
		t, err := table(ctx, tx, eventID, tableID)
		if err != nil {
			return g, err
		}
		switch {
		case g.TableID == tableID:
			return g, errs.Conflict("tableId", fmt.Sprintf("%s 已经坐在%d号桌", g.Name, t.Number), nil)
		case g.Waitlisted || g.Status == Declined || g.Status == NoShow:
			return g, errs.Conflict("tableId", fmt.Sprintf("%s 为「%s」，不能安排座位", g.Name, seatState(g)), nil)
		}
		free, err := freeSeats(ctx, tx, tableID)
		if err != nil {
			return g, err
		}
		if free < g.people() {
			return g, errs.Conflict("tableId", fmt.Sprintf("%d号桌座位不够：剩 %d 个，%s 一行 %d 人", t.Number, free, g.Name, g.people()), nil)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET table_id = ? WHERE id = ?`, store.Nullable(tableID), guestID); err != nil {
		return g, errs.Internal("seat guest", err)
	}
	return guest(ctx, tx, eventID, guestID)
}

func seatState(g Guest) string {
	if g.Waitlisted {
		return "候补"
	}
	return guestNames[g.Status]
}
