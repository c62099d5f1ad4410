package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// timeLayout is how event times are written: shop-local, to the minute.
const timeLayout = "2006-01-02 15:04"

func validate(in *Input) error {
	in.Name, in.Venue, in.Address = strings.TrimSpace(in.Name), strings.TrimSpace(in.Venue), strings.TrimSpace(in.Address)
	in.StartsAt, in.EndsAt = strings.TrimSpace(in.StartsAt), strings.TrimSpace(in.EndsAt)
	start, serr := time.Parse(timeLayout, in.StartsAt)
	end, eerr := time.Parse(timeLayout, in.EndsAt)
	switch {
	case in.Name == "":
		return errs.Invalid("name", "请填写活动名称")
	case utf8.RuneCountInString(in.Name) > 60:
		return errs.Invalid("name", "活动名称不能超过60个字")
	case !slices.Contains(Kinds, in.Kind):
		return errs.Invalid("kind", "请选择活动类型："+strings.Join(Kinds, "、"))
	case serr != nil:
		return errs.Invalid("startsAt", "开始时间格式应为 2026-11-28 19:00")
	case eerr != nil:
		return errs.Invalid("endsAt", "结束时间格式应为 2026-11-28 21:30")
	case !end.After(start):
		return errs.Invalid("endsAt", "结束时间必须晚于开始时间")
	case in.Capacity < 0:
		return errs.Invalid("capacity", "人数上限不能为负数（0 表示不限）")
	case in.Capacity > 10000:
		return errs.Invalid("capacity", "人数上限不能超过10000")
	case in.AttendPoints < 0:
		return errs.Invalid("attendPoints", "签到积分不能为负数")
	}
	return errs.First(errs.Count("attendPoints", "签到积分", in.AttendPoints),
		errs.Text("theme", "活动主题", in.Theme, errs.LineLen), errs.Text("venue", "场地", in.Venue, errs.NameLen),
		errs.Text("address", "地址", in.Address, errs.LineLen), errs.Text("featuredProducts", "主推酒品", in.FeaturedProducts, errs.LineLen),
		errs.Text("notes", "备注", in.Notes, errs.NotesLen))
}

// Create saves a new event in 筹备中 with the kind's checklist.
func Create(ctx context.Context, tx *sql.Tx, in Input, staffID int64) (Event, error) {
	if err := validate(&in); err != nil {
		return Event{}, err
	}
	now := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO events (name, kind, theme, state, starts_at, ends_at, venue, address, capacity,
		host_staff_id, notes, featured_products, attend_points, invite_text, created_by, created_at, updated_at)
		VALUES (?,?,?,'planning',?,?,?,?,?,?,?,?,?,(SELECT body FROM invite_templates ORDER BY id LIMIT 1),?,?,?)`,
		in.Name, in.Kind, strings.TrimSpace(in.Theme), in.StartsAt, in.EndsAt, in.Venue, in.Address, in.Capacity,
		store.Nullable(in.HostStaffID), strings.TrimSpace(in.Notes), strings.TrimSpace(in.FeaturedProducts), in.AttendPoints,
		store.Nullable(staffID), now, now)
	if err != nil {
		return Event{}, errs.Internal("insert event", err)
	}
	id, _ := res.LastInsertId()
	if err := startChecklist(ctx, tx, id, in.Kind, in.StartsAt); err != nil {
		return Event{}, err
	}
	return Get(ctx, tx, id)
}

// Update edits an event's plan; an ended or cancelled event is kept as it was.
func Update(ctx context.Context, tx *sql.Tx, id int64, in Input) (Event, error) {
	ev, err := Get(ctx, tx, id)
	if err != nil {
		return ev, err
	}
	if ev.State == Ended || ev.State == Cancelled {
		return ev, errs.Conflict("state", "活动"+stateNames[ev.State]+"，不能再修改", nil)
	}
	if err := validate(&in); err != nil {
		return ev, err
	}
	if in.Capacity > 0 && in.Capacity < ev.Headcount {
		return ev, errs.Invalid("capacity", fmt.Sprintf("已有 %d 人报名（含同行），人数上限不能小于该数", ev.Headcount))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET name=?, kind=?, theme=?, starts_at=?, ends_at=?, venue=?, address=?, capacity=?,
		host_staff_id=?, notes=?, featured_products=?, attend_points=?, updated_at=? WHERE id=?`,
		in.Name, in.Kind, strings.TrimSpace(in.Theme), in.StartsAt, in.EndsAt, in.Venue, in.Address, in.Capacity,
		store.Nullable(in.HostStaffID), strings.TrimSpace(in.Notes), strings.TrimSpace(in.FeaturedProducts), in.AttendPoints, store.Now(), id); err != nil {
		return ev, errs.Internal("update event", err)
	}
	if err := promote(ctx, tx, id, 0); err != nil {
		return ev, err
	}
	return Get(ctx, tx, id)
}

// SetState moves an event along 筹备中 → 邀请中 → 进行中 → 已结束, or to 已取消 from any state but
// 已结束. Ending marks everyone still expected as 未到场.
func SetState(ctx context.Context, tx *sql.Tx, id int64, to string, staffID int64) (Event, error) {
	ev, err := Get(ctx, tx, id)
	if err != nil {
		return ev, err
	}
	if !slices.Contains(next[ev.State], to) {
		name := stateNames[to]
		if name == "" {
			name = to
		}
		return ev, errs.Conflict("state", fmt.Sprintf("活动当前为「%s」，不能改为「%s」", stateNames[ev.State], name), nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET state=?, updated_at=? WHERE id=?`, to, store.Now(), id); err != nil {
		return ev, errs.Internal("event state", err)
	}
	if to == Ended {
		if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET status='no_show', status_at=?, status_by=?
			WHERE event_id=? AND status IN ('invited','confirmed') AND waitlisted=0`, store.Now(), store.Nullable(staffID), id); err != nil {
			return ev, errs.Internal("mark no-shows", err)
		}
	}
	return Get(ctx, tx, id)
}

// StateName is the Chinese name of an event state.
func StateName(s string) string { return stateNames[s] }

// GuestStatusName is the Chinese name of a guest state.
func GuestStatusName(s string) string { return guestNames[s] }

const eventCols = `e.id, e.name, e.kind, e.theme, e.state, e.starts_at, e.ends_at, e.venue, e.address, e.capacity,
	COALESCE(e.host_staff_id, 0), COALESCE(s.name, ''), e.featured_products, e.notes, e.attend_points, e.invite_text, e.created_at,
	COALESCE((SELECT SUM(1 + g.companions) FROM event_guests g WHERE g.event_id = e.id AND g.status != 'declined' AND g.waitlisted = 0), 0),
	(SELECT COUNT(*) FROM event_guests g WHERE g.event_id = e.id),
	(SELECT COUNT(*) FROM event_guests g WHERE g.event_id = e.id AND g.waitlisted = 1 AND g.status != 'declined'),
	COALESCE((SELECT SUM(1 + g.companions) FROM event_guests g WHERE g.event_id = e.id AND g.status = 'checked_in'), 0),
	COALESCE((SELECT SUM(planned_fen) FROM event_costs c WHERE c.event_id = e.id), 0),
	COALESCE((SELECT SUM(actual_fen) FROM event_costs c WHERE c.event_id = e.id), 0)
	FROM events e LEFT JOIN staff s ON s.id = e.host_staff_id`

func scanEvent(row interface{ Scan(...any) error }) (Event, error) {
	var e Event
	err := row.Scan(&e.ID, &e.Name, &e.Kind, &e.Theme, &e.State, &e.StartsAt, &e.EndsAt, &e.Venue, &e.Address, &e.Capacity,
		&e.HostStaffID, &e.HostName, &e.FeaturedProducts, &e.Notes, &e.AttendPoints, &e.InviteText, &e.CreatedAt,
		&e.Headcount, &e.Guests, &e.Waitlist, &e.Arrived, &e.PlannedFen, &e.ActualFen)
	return e, err
}

// Get reads one event with its counts.
func Get(ctx context.Context, q store.Querier, id int64) (Event, error) {
	e, err := scanEvent(q.QueryRowContext(ctx, `SELECT `+eventCols+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, errs.NotFound(fmt.Sprintf("没有编号为 %d 的活动", id))
	}
	if err != nil {
		return e, errs.Internal("get event", err)
	}
	return e, nil
}

// List returns events, upcoming and running first (soonest first), then past ones (latest first).
func List(ctx context.Context, q store.Querier, state string) ([]Event, error) {
	where, args := "", []any{}
	if state != "" {
		where, args = " WHERE e.state = ?", append(args, state)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+eventCols+where+`
		ORDER BY e.state IN ('ended','cancelled'), CASE WHEN e.state IN ('ended','cancelled') THEN '' ELSE e.starts_at END, e.starts_at DESC`, args...)
	if err != nil {
		return nil, errs.Internal("list events", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, errs.Internal("scan event", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// open refuses changes to the guest list of an ended or cancelled event.
func open(ev Event) error {
	if ev.State == Ended || ev.State == Cancelled {
		return errs.Conflict("state", "活动"+stateNames[ev.State]+"，不能再修改宾客", nil)
	}
	return nil
}
