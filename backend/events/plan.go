package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Cost is one budget line with its planned and actual amount (fen).
type Cost struct {
	ID         int64  `json:"id"`
	EventID    int64  `json:"eventId"`
	Category   string `json:"category"`
	Item       string `json:"item"`
	PlannedFen int64  `json:"plannedFen"`
	ActualFen  int64  `json:"actualFen"`
}

// SaveCost adds (ID 0) or edits a cost line; a negative amount is refused.
func SaveCost(ctx context.Context, tx *sql.Tx, c Cost) (Cost, error) {
	if _, err := Get(ctx, tx, c.EventID); err != nil {
		return c, err
	}
	c.Item = strings.TrimSpace(c.Item)
	switch {
	case !slices.Contains(CostCategories, c.Category):
		return c, errs.Invalid("category", "请选择费用类别："+strings.Join(CostCategories, "、"))
	}
	// Bounded so the event's totals cannot overflow (an amount near 2^63 made the event unloadable).
	if err := errs.First(errs.Money("plannedFen", "预算金额", c.PlannedFen), errs.Money("actualFen", "实际金额", c.ActualFen),
		errs.Text("item", "费用项目", c.Item, errs.LineLen)); err != nil {
		return c, err
	}
	if c.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO event_costs (event_id, category, item, planned_fen, actual_fen, created_at) VALUES (?,?,?,?,?,?)`,
			c.EventID, c.Category, c.Item, c.PlannedFen, c.ActualFen, store.Now())
		if err != nil {
			return c, errs.Internal("add cost", err)
		}
		c.ID, _ = res.LastInsertId()
		return c, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE event_costs SET category=?, item=?, planned_fen=?, actual_fen=? WHERE id=? AND event_id=?`,
		c.Category, c.Item, c.PlannedFen, c.ActualFen, c.ID, c.EventID)
	if err != nil {
		return c, errs.Internal("update cost", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return c, errs.NotFound("本活动没有这条费用")
	}
	return c, nil
}

// DeleteCost removes a cost line.
func DeleteCost(ctx context.Context, tx *sql.Tx, eventID, costID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_costs WHERE id = ? AND event_id = ?`, costID, eventID); err != nil {
		return errs.Internal("delete cost", err)
	}
	return nil
}

// Costs lists an event's cost lines in category order.
func Costs(ctx context.Context, q store.Querier, eventID int64) ([]Cost, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, event_id, category, item, planned_fen, actual_fen FROM event_costs WHERE event_id = ? ORDER BY id`, eventID)
	if err != nil {
		return nil, errs.Internal("list costs", err)
	}
	defer rows.Close()
	out := []Cost{}
	for rows.Next() {
		var c Cost
		if err := rows.Scan(&c.ID, &c.EventID, &c.Category, &c.Item, &c.PlannedFen, &c.ActualFen); err != nil {
			return nil, errs.Internal("scan cost", err)
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Cost) int {
		return slices.Index(CostCategories, a.Category) - slices.Index(CostCategories, b.Category)
	})
	return out, rows.Err()
}

// TemplateItem is one step of a default checklist, due so many days before the event.
type TemplateItem struct {
	Title      string `json:"title"`
	DaysBefore int    `json:"daysBefore"`
}

// builtIn is the checklist a distributor would start from; each kind adds its own steps.
func builtIn(kind string) []TemplateItem {
	items := []TemplateItem{{"确定场地并预订", 21}, {"确定酒款与数量", 14}, {"制作并发送邀请函", 10}, {"准备酒水并提前醒酒", 1},
		{"活动前一天电话/微信提醒", 1}, {"布置签到台（签到表、笔、伴手礼）", 0}, {"安排拍照留念", 0}, {"活动后三天内致谢回访", -3}}
	switch kind {
	case "品鉴会":
		items = slices.Insert(items, 2, TemplateItem{"准备品鉴酒杯与吐酒桶", 3}, TemplateItem{"打印酒款介绍与品鉴卡", 3})
	case "答谢宴", "酒会":
		items = slices.Insert(items, 2, TemplateItem{"确定菜单与桌数", 7}, TemplateItem{"准备致辞与抽奖礼品", 3})
	case "研讨会":
		items = slices.Insert(items, 2, TemplateItem{"确认讲师与课件", 10}, TemplateItem{"调试投影与音响", 1})
	case "酒庄游":
		items = slices.Insert(items, 1, TemplateItem{"确认行程、交通与住宿", 30}, TemplateItem{"收集出行人证件信息", 14})
	}
	// In the order they fall due.
	slices.SortStableFunc(items, func(a, b TemplateItem) int { return b.DaysBefore - a.DaysBefore })
	return items
}

// Checklist returns the template an event kind starts from: the shop's saved one, else the built-in.
func Checklist(ctx context.Context, q store.Querier, kind string) ([]TemplateItem, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT items FROM checklist_templates WHERE kind = ?`, kind).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return builtIn(kind), nil
	}
	if err != nil {
		return nil, errs.Internal("checklist template", err)
	}
	var items []TemplateItem
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		return nil, errs.Internal("checklist template json", err)
	}
	return items, nil
}

func startChecklist(ctx context.Context, tx *sql.Tx, eventID int64, kind, startsAt string) error {
	items, err := Checklist(ctx, tx, kind)
	if err != nil {
		return err
	}
	start, _ := time.Parse(timeLayout, startsAt)
	for i, it := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_tasks (event_id, position, title, due_date) VALUES (?,?,?,?)`,
			eventID, i+1, it.Title, start.AddDate(0, 0, -it.DaysBefore).Format(time.DateOnly)); err != nil {
			return errs.Internal("add task", err)
		}
	}
	return nil
}

// Task is one step of an event's run of show.
type Task struct {
	ID           int64  `json:"id"`
	EventID      int64  `json:"eventId"`
	Position     int    `json:"position"`
	Title        string `json:"title"`
	OwnerStaffID int64  `json:"ownerStaffId"`
	OwnerName    string `json:"ownerName"`
	DueDate      string `json:"dueDate"`
	Done         bool   `json:"done"`
	DoneAt       string `json:"doneAt"`
}

// Tasks lists an event's checklist in order.
func Tasks(ctx context.Context, q store.Querier, eventID int64) ([]Task, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.event_id, t.position, t.title, COALESCE(t.owner_staff_id, 0), COALESCE(s.name, ''),
		t.due_date, t.done, COALESCE(t.done_at, '') FROM event_tasks t LEFT JOIN staff s ON s.id = t.owner_staff_id
		WHERE t.event_id = ? ORDER BY t.position, t.id`, eventID)
	if err != nil {
		return nil, errs.Internal("list tasks", err)
	}
	defer rows.Close()
	out := []Task{}
	for rows.Next() {
		var t Task
		if err := rows.Scan(&t.ID, &t.EventID, &t.Position, &t.Title, &t.OwnerStaffID, &t.OwnerName, &t.DueDate, &t.Done, &t.DoneAt); err != nil {
			return nil, errs.Internal("scan task", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveTask adds (ID 0, at the end) or edits a checklist step.
func SaveTask(ctx context.Context, tx *sql.Tx, t Task) (Task, error) {
	if _, err := Get(ctx, tx, t.EventID); err != nil {
		return t, err
	}
	t.Title = strings.TrimSpace(t.Title)
	if t.Title == "" {
		return t, errs.Invalid("title", "请填写事项")
	}
	if err := errs.Text("title", "事项", t.Title, errs.LineLen); err != nil {
		return t, err
	}
	if t.DueDate != "" {
		if _, err := time.Parse(time.DateOnly, t.DueDate); err != nil {
			return t, errs.Invalid("dueDate", "截止日期格式应为 2026-11-23")
		}
	}
	doneAt := any(nil)
	if t.Done {
		doneAt = store.Now()
	}
	if t.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO event_tasks (event_id, position, title, owner_staff_id, due_date, done, done_at)
			VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM event_tasks WHERE event_id = ?), ?,?,?,?,?)`,
			t.EventID, t.EventID, t.Title, store.Nullable(t.OwnerStaffID), t.DueDate, t.Done, doneAt)
		if err != nil {
			return t, errs.Internal("add task", err)
		}
		t.ID, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE event_tasks SET title=?, owner_staff_id=?, due_date=?, done=?,
			done_at = CASE WHEN ? THEN COALESCE(done_at, ?) END WHERE id=? AND event_id=?`,
			t.Title, store.Nullable(t.OwnerStaffID), t.DueDate, t.Done, t.Done, doneAt, t.ID, t.EventID)
		if err != nil {
			return t, errs.Internal("update task", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return t, errs.NotFound("本活动没有这项事项")
		}
	}
	return t, nil
}

// DeleteTask removes a checklist step.
func DeleteTask(ctx context.Context, tx *sql.Tx, eventID, taskID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_tasks WHERE id = ? AND event_id = ?`, taskID, eventID); err != nil {
		return errs.Internal("delete task", err)
	}
	return nil
}

// SaveChecklistTemplate makes an event's checklist the default for its kind, due dates kept
// relative to the event's day.
func SaveChecklistTemplate(ctx context.Context, tx *sql.Tx, eventID int64) (string, int, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return "", 0, err
	}
	tasks, err := Tasks(ctx, tx, eventID)
	if err != nil {
		return "", 0, err
	}
	if len(tasks) == 0 {
		return "", 0, errs.Invalid("tasks", "流程清单为空，不能保存为模板")
	}
	start, _ := time.Parse(timeLayout, ev.StartsAt)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	items := make([]TemplateItem, 0, len(tasks))
	for _, t := range tasks {
		it := TemplateItem{Title: t.Title}
		if due, err := time.Parse(time.DateOnly, t.DueDate); err == nil {
			it.DaysBefore = int(day.Sub(due).Hours() / 24)
		}
		items = append(items, it)
	}
	raw, _ := json.Marshal(items)
	if _, err := tx.ExecContext(ctx, `INSERT INTO checklist_templates (kind, items, updated_at) VALUES (?,?,?)
		ON CONFLICT (kind) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at`, ev.Kind, string(raw), store.Now()); err != nil {
		return "", 0, errs.Internal("save checklist template", err)
	}
	return ev.Kind, len(items), nil
}
