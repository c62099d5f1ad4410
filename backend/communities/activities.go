package communities

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// AddActivity logs what was done in a group: a red packet, a draw, a topic, an online tasting...
func AddActivity(ctx context.Context, tx *sql.Tx, a Activity, staffID int64) (Activity, error) {
	a.Title, a.Notes = strings.TrimSpace(a.Title), strings.TrimSpace(a.Notes)
	if a.Date == "" {
		a.Date = store.Today()
	}
	g, err := Get(ctx, tx, a.GroupID)
	if err != nil {
		return a, err
	}
	switch {
	case !slices.Contains(ActKinds, a.Kind):
		return a, errs.Invalid("kind", "请选择活动类型")
	case a.AmountFen < 0:
		return a, errs.Invalid("amountFen", "红包金额不能为负数")
	case a.CostFen < 0:
		return a, errs.Invalid("costFen", "费用不能为负数")
	case a.Participants < 0:
		return a, errs.Invalid("participants", "参与人数不能为负数")
	case a.Participants > int64(HardLimit):
		return a, errs.Invalid("participants", "参与人数不能超过500")
	}
	if err := errs.First(errs.Money("amountFen", "红包金额", a.AmountFen), errs.Money("costFen", "费用", a.CostFen)); err != nil {
		return a, err
	}
	if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
		return a, errs.Invalid("date", "活动日期格式应为 2026-11-23")
	}
	if a.Date > store.Today() {
		return a, errs.Invalid("date", "活动日期不能晚于今天")
	}
	if a.Date < g.CreatedOn {
		return a, errs.Invalid("date", "活动日期不能早于建群日期 "+g.CreatedOn)
	}
	if err := errs.Text("title", "标题", a.Title, 100); err != nil {
		return a, err
	}
	if err := errs.Text("notes", "备注", a.Notes, 500); err != nil {
		return a, err
	}
	// A red packet's cost is its amount unless the clerk says otherwise.
	if a.Kind == "红包" && a.CostFen == 0 {
		a.CostFen = a.AmountFen
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO community_activities (community_id, kind, date, title, amount_fen, cost_fen, participants, notes, staff_id, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, a.GroupID, a.Kind, a.Date, a.Title, a.AmountFen, a.CostFen, a.Participants, a.Notes, store.Nullable(staffID), store.Now())
	if err != nil {
		return a, errs.Internal("add activity", err)
	}
	a.ID, _ = res.LastInsertId()
	// A group that does something is alive: a dormant or new group becomes active.
	if g.State == "沉寂" || g.State == "筹建" {
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET state = '活跃', updated_at = ? WHERE id = ?`, store.Now(), g.ID); err != nil {
			return a, errs.Internal("wake group", err)
		}
	}
	return a, nil
}

// DeleteActivity removes a mistaken log entry.
func DeleteActivity(ctx context.Context, tx *sql.Tx, id int64) (Activity, error) {
	list, err := activities(ctx, tx, ` WHERE a.id = ?`, id)
	if err != nil {
		return Activity{}, err
	}
	if len(list) == 0 {
		return Activity{}, errs.NotFound("活动记录不存在")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM community_activities WHERE id = ?`, id); err != nil {
		return Activity{}, errs.Internal("delete activity", err)
	}
	return list[0], nil
}

// Activities lists a group's log, newest first.
func Activities(ctx context.Context, q store.Querier, groupID int64) ([]Activity, error) {
	return activities(ctx, q, ` WHERE a.community_id = ? ORDER BY a.date DESC, a.id DESC`, groupID)
}

func activities(ctx context.Context, q store.Querier, where string, args ...any) ([]Activity, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.community_id, a.kind, a.date, a.title, a.amount_fen, a.cost_fen, a.participants,
		a.notes, COALESCE(s.name, '') FROM community_activities a LEFT JOIN staff s ON s.id = a.staff_id`+where, args...)
	if err != nil {
		return nil, errs.Internal("activities", err)
	}
	defer rows.Close()
	out := []Activity{}
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.ID, &a.GroupID, &a.Kind, &a.Date, &a.Title, &a.AmountFen, &a.CostFen, &a.Participants, &a.Notes, &a.StaffName); err != nil {
			return nil, errs.Internal("scan activity", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
