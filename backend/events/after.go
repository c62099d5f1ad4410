package events

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// FollowUpRequest creates 回访 tasks for an event's attendees.
type FollowUpRequest struct {
	EventID    int64  `json:"eventId"`
	AssigneeID int64  `json:"assigneeId"` // 0: each customer's own salesperson, else the actor
	NextDate   string `json:"nextDate"`   // when to call; default three days after the event
	Content    string `json:"content"`
}

// CreateFollowUps writes one 活动 follow-up per attendee into the customer's log, once per event
// and customer, assigned to a staff member with a date to call back. It reports how many it added.
func CreateFollowUps(ctx context.Context, tx *sql.Tx, req FollowUpRequest, staffID int64) (int, error) {
	ev, err := Get(ctx, tx, req.EventID)
	if err != nil {
		return 0, err
	}
	if ev.Arrived == 0 {
		return 0, errs.Conflict("guests", "本活动还没有人签到，无法生成回访任务", nil)
	}
	day := ev.StartsAt[:10]
	if day > store.Today() {
		return 0, errs.Conflict("eventId", "活动还没有举行，不能生成回访任务", nil)
	}
	if req.NextDate == "" {
		d, _ := time.Parse(time.DateOnly, day)
		req.NextDate = d.AddDate(0, 0, 3).Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, req.NextDate); err != nil {
		return 0, errs.Invalid("nextDate", "回访日期格式应为 2026-11-23")
	}
	content := strings.TrimSpace(req.Content)
	if content == "" {
		content = fmt.Sprintf("参加了「%s」，请回访了解感受与需求", ev.Name)
	}
	// The assignee is named in the text too, so the customer's own 回访 log says who is to call.
	res, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (customer_id, date, staff_id, channel, content, next_date, assignee_id, event_id, created_at)
		SELECT g.customer_id, ?, ?, '活动', ? || COALESCE('（负责：' || s.name || '）', ''), ?, s.id, ?, ?
		FROM event_guests g JOIN customers c ON c.id = g.customer_id
		LEFT JOIN staff s ON s.id = COALESCE(?, c.owner_staff_id, ?)
		WHERE g.event_id = ? AND g.status = 'checked_in'
		AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.event_id = g.event_id AND f.customer_id = g.customer_id)`,
		day, store.Nullable(staffID), content, req.NextDate, ev.ID, store.Now(), store.Nullable(req.AssigneeID), store.Nullable(staffID), ev.ID)
	if err != nil {
		return 0, errs.Internal("event follow-ups", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// FollowUpTask is a follow-up an event created, with who is to make it.
type FollowUpTask struct {
	ID           int64  `json:"id"`
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	AssigneeName string `json:"assigneeName"`
	NextDate     string `json:"nextDate"`
	Content      string `json:"content"`
}

// FollowUpTasks lists the follow-ups an event created.
func FollowUpTasks(ctx context.Context, q store.Querier, eventID int64) ([]FollowUpTask, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.id, f.customer_id, c.name, COALESCE(s.name, ''), COALESCE(f.next_date, ''), f.content
		FROM follow_ups f JOIN customers c ON c.id = f.customer_id LEFT JOIN staff s ON s.id = f.assignee_id
		WHERE f.event_id = ? ORDER BY f.next_date, c.name`, eventID)
	if err != nil {
		return nil, errs.Internal("event follow-up tasks", err)
	}
	defer rows.Close()
	out := []FollowUpTask{}
	for rows.Next() {
		var t FollowUpTask
		if err := rows.Scan(&t.ID, &t.CustomerID, &t.CustomerName, &t.AssigneeName, &t.NextDate, &t.Content); err != nil {
			return nil, errs.Internal("scan follow-up task", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ROI is what an event brought in: purchases (net of refunds) in the days after it by those who
// came, against its actual cost, with those invited who did not come as the comparison.
type ROI struct {
	EventID      int64   `json:"eventId"`
	Name         string  `json:"name"`
	Kind         string  `json:"kind"`
	Date         string  `json:"date"`
	State        string  `json:"state"`
	Days         int     `json:"days"`
	CostFen      int64   `json:"costFen"`
	Attendees    int     `json:"attendees"`
	AttendeeFen  int64   `json:"attendeeFen"`
	AttendeeBuy  int     `json:"attendeeBuyers"` // attendees who bought at all
	Absent       int     `json:"absent"`
	AbsentFen    int64   `json:"absentFen"`
	AbsentBuy    int     `json:"absentBuyers"`
	PerAttendee  int64   `json:"perAttendeeFen"`
	PerAbsent    int64   `json:"perAbsentFen"`
	ReturnPct    float64 `json:"returnPct"` // (attendee sales − cost) / cost × 100; 0 without cost
	WindowClosed bool    `json:"windowClosed"`
}

// EventROI measures one event over days after its day (the day itself included).
func EventROI(ctx context.Context, q store.Querier, eventID int64, days int) (ROI, error) {
	if days <= 0 {
		days = 30
	}
	if days > 365 {
		return ROI{}, errs.Invalid("days", "统计天数不能超过365天")
	}
	ev, err := Get(ctx, q, eventID)
	if err != nil {
		return ROI{}, err
	}
	from := ev.StartsAt[:10]
	d, _ := time.Parse(time.DateOnly, from)
	to := d.AddDate(0, 0, days).Format(time.DateOnly)
	r := ROI{EventID: ev.ID, Name: ev.Name, Kind: ev.Kind, Date: from, State: ev.State, Days: days, CostFen: ev.ActualFen, WindowClosed: to < store.Today()}
	// Net sales per guest in the window; "came" is 已签到, "absent" everyone invited who did not.
	err = q.QueryRowContext(ctx, `WITH sales AS (
		  SELECT g.customer_id, g.status = 'checked_in' AS came,
		    COALESCE((SELECT SUM(p.total_fen) - COALESCE(SUM((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id)), 0)
		      FROM purchases p WHERE p.customer_id = g.customer_id AND p.date >= ? AND p.date <= ?), 0) AS fen
		  FROM event_guests g WHERE g.event_id = ? AND (g.status = 'checked_in' OR (g.status != 'pending' AND g.waitlisted = 0)))
		SELECT COALESCE(SUM(came), 0), COALESCE(SUM(fen) FILTER (WHERE came), 0), COUNT(*) FILTER (WHERE came AND fen > 0),
		  COUNT(*) FILTER (WHERE NOT came), COALESCE(SUM(fen) FILTER (WHERE NOT came), 0), COUNT(*) FILTER (WHERE NOT came AND fen > 0)
		FROM sales`, from, to, eventID).Scan(&r.Attendees, &r.AttendeeFen, &r.AttendeeBuy, &r.Absent, &r.AbsentFen, &r.AbsentBuy)
	if err != nil {
		return r, errs.Internal("event roi", err)
	}
	if r.Attendees > 0 {
		r.PerAttendee = r.AttendeeFen / int64(r.Attendees)
	}
	if r.Absent > 0 {
		r.PerAbsent = r.AbsentFen / int64(r.Absent)
	}
	if r.CostFen > 0 {
		r.ReturnPct = float64(r.AttendeeFen-r.CostFen) * 100 / float64(r.CostFen)
	}
	return r, nil
}

// ROIs measures every event that took place (ended), latest first.
func ROIs(ctx context.Context, q store.Querier, days int) ([]ROI, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM events WHERE state = 'ended' ORDER BY starts_at DESC`)
	if err != nil {
		return nil, errs.Internal("roi events", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, errs.Internal("scan roi event", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := []ROI{}
	for _, id := range ids {
		r, err := EventROI(ctx, q, id, days)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
