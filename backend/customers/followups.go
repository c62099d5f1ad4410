package customers

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// FollowUp is one entry of the follow-up log (回访).
type FollowUp struct {
	ID         int64  `json:"id"`
	CustomerID int64  `json:"customerId"`
	Date       string `json:"date"`
	StaffID    int64  `json:"staffId"`
	StaffName  string `json:"staffName"`
	Channel    string `json:"channel"`
	Content    string `json:"content"`
	NextDate   string `json:"nextDate"`
	CreatedAt  string `json:"createdAt"`
}

type FollowUpInput struct {
	CustomerID int64  `json:"customerId"`
	Date       string `json:"date"`
	Channel    string `json:"channel"`
	Content    string `json:"content"`
	NextDate   string `json:"nextDate"`
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// AddFollowUp records a visit or call by the acting staff member.
func AddFollowUp(ctx context.Context, tx *sql.Tx, in FollowUpInput, staffID int64) (FollowUp, error) {
	in.Content = strings.TrimSpace(in.Content)
	in.Date = strings.TrimSpace(in.Date)
	in.NextDate = strings.TrimSpace(in.NextDate)
	if in.Date == "" {
		in.Date = store.Today()
	}
	switch {
	case !validDate(in.Date):
		return FollowUp{}, errs.Invalid("date", "回访日期格式应为 2026-11-23")
	case in.Date > store.Today():
		return FollowUp{}, errs.Invalid("date", "回访日期不能晚于今天")
	case !slices.Contains(Channels, in.Channel):
		return FollowUp{}, errs.Invalid("channel", "请选择回访方式："+strings.Join(Channels, "、"))
	case in.Content == "":
		return FollowUp{}, errs.Invalid("content", "请填写回访内容")
	case utf8.RuneCountInString(in.Content) > 2000:
		return FollowUp{}, errs.Invalid("content", "回访内容不能超过2000个字")
	case in.NextDate != "" && !validDate(in.NextDate):
		return FollowUp{}, errs.Invalid("nextDate", "下次回访日期格式应为 2026-11-23")
	case in.NextDate != "" && in.NextDate <= in.Date:
		return FollowUp{}, errs.Invalid("nextDate", "下次回访日期应晚于本次回访日期")
	}
	c, err := Get(ctx, tx, in.CustomerID)
	if err != nil {
		return FollowUp{}, err
	}
	if c.MergedIntoID != 0 {
		return FollowUp{}, errs.Conflict("", "该客户已合并，请在合并后的客户下记录回访", map[string]any{"customerId": c.MergedIntoID})
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (customer_id, date, staff_id, channel, content, next_date, created_at)
		VALUES (?,?,?,?,?,?,?)`, in.CustomerID, in.Date, store.Nullable(staffID), in.Channel, in.Content, store.Nullable(in.NextDate), store.Now())
	if err != nil {
		return FollowUp{}, errs.Internal("insert follow-up", err)
	}
	id, _ := res.LastInsertId()
	list, err := followUps(ctx, tx, `WHERE f.id = ?`, id)
	if err != nil || len(list) == 0 {
		return FollowUp{}, errs.Internal("reload follow-up", err)
	}
	return list[0], nil
}

// FollowUps lists a customer's follow-ups, newest first.
func FollowUps(ctx context.Context, q store.Querier, customerID int64) ([]FollowUp, error) {
	return followUps(ctx, q, `WHERE f.customer_id = ? ORDER BY f.date DESC, f.id DESC`, customerID)
}

func followUps(ctx context.Context, q store.Querier, where string, args ...any) ([]FollowUp, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.id, f.customer_id, f.date, COALESCE(f.staff_id, 0), COALESCE(s.name, ''),
		f.channel, f.content, COALESCE(f.next_date, ''), f.created_at
		FROM follow_ups f LEFT JOIN staff s ON s.id = f.staff_id `+where, args...)
	if err != nil {
		return nil, errs.Internal("list follow-ups", err)
	}
	defer rows.Close()
	out := []FollowUp{}
	for rows.Next() {
		var f FollowUp
		if err := rows.Scan(&f.ID, &f.CustomerID, &f.Date, &f.StaffID, &f.StaffName, &f.Channel, &f.Content, &f.NextDate, &f.CreatedAt); err != nil {
			return nil, errs.Internal("scan follow-up", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
