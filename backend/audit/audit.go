// Package audit keeps the operation log (操作日志): who did what to which record, when, with the
// details that matter (rows exported, old → new for money, points, levels and rules). Append only.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Entry is one line of the log.
type Entry struct {
	ID          int64  `json:"id"`
	StaffID     int64  `json:"staffId"`
	StaffName   string `json:"staffName"`
	Action      string `json:"action"`
	TargetType  string `json:"targetType"`
	TargetID    int64  `json:"targetId"`
	TargetLabel string `json:"targetLabel"`
	Details     string `json:"details"`
	Lines       []Line `json:"lines"` // the details as Chinese label：value lines (see Lines)
	ApprovedBy  string `json:"approvedBy"`
	CreatedAt   string `json:"createdAt"`
}

// Change is an old → new pair for the details of an edit.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// Record describes what to log; Details is turned into JSON unless it is already a string.
type Record struct {
	StaffID     int64
	StaffName   string
	Action      string
	TargetType  string
	TargetID    int64
	TargetLabel string
	Details     any
	ApprovedBy  string
}

// Log appends a line in the caller's transaction, so the log and the change land together.
func Log(ctx context.Context, tx *sql.Tx, r Record) error {
	details := ""
	switch d := r.Details.(type) {
	case nil:
	case string:
		details = d
	default:
		b, err := json.Marshal(d)
		if err != nil {
			return errs.Internal("audit details", err)
		}
		details = string(b)
	}
	var target any
	if r.TargetID != 0 {
		target = r.TargetID
	}
	var staffID any
	if r.StaffID != 0 {
		staffID = r.StaffID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_entries (staff_id, staff_name, action, target_type, target_id, target_label,
		details, approved_by, created_at) VALUES (?,?,?,?,?,?,?,?,?)`, staffID, r.StaffName, r.Action, r.TargetType, target,
		r.TargetLabel, details, r.ApprovedBy, store.Now())
	if err != nil {
		return errs.Internal("write audit entry", err)
	}
	return nil
}

// Filter narrows the log; dates are YYYY-MM-DD in shop time, inclusive.
type Filter struct {
	StaffID  int64  `json:"staffId"`
	Action   string `json:"action"`
	Target   string `json:"target"` // text in the target label
	From     string `json:"from"`
	To       string `json:"to"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

type Page struct {
	Items   []Entry  `json:"items"`
	Total   int      `json:"total"`
	Actions []string `json:"actions"`
}

// Where is the SQL condition (with its arguments) that selects the entries a filter asks for.
func Where(f Filter) (string, []any) {
	var where []string
	var args []any
	if f.StaffID != 0 {
		where, args = append(where, "staff_id = ?"), append(args, f.StaffID)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Target != "" {
		where, args = append(where, "instr(target_label, ?) > 0"), append(args, f.Target)
	}
	// Stored times are UTC; the shop's day starts at 16:00 UTC the day before.
	if f.From != "" {
		where, args = append(where, "created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-8 hours')"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "created_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?, '+16 hours')"), append(args, f.To)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// List returns one page of the log, newest first, with the actions seen so far for the filter menu.
func List(ctx context.Context, q store.Querier, f Filter) (Page, error) {
	cond, args := Where(f)
	if f.PageSize <= 0 || f.PageSize > 10000 {
		f.PageSize = 50
	}
	if f.Page < 1 {
		f.Page = 1
	}
	p := Page{Items: []Entry{}, Actions: []string{}}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_entries`+cond, args...).Scan(&p.Total); err != nil {
		return p, errs.Internal("count audit", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(staff_id, 0), staff_name, action, target_type, COALESCE(target_id, 0),
		target_label, details, approved_by, created_at FROM audit_entries`+cond+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(args, f.PageSize, (f.Page-1)*f.PageSize)...)
	if err != nil {
		return p, errs.Internal("list audit", err)
	}
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.StaffID, &e.StaffName, &e.Action, &e.TargetType, &e.TargetID, &e.TargetLabel,
			&e.Details, &e.ApprovedBy, &e.CreatedAt); err != nil {
			rows.Close()
			return p, errs.Internal("scan audit", err)
		}
		e.Lines = Lines(e.Details)
		if e.Lines == nil {
			e.Lines = []Line{}
		}
		p.Items = append(p.Items, e)
	}
	rows.Close()
	acts, err := q.QueryContext(ctx, `SELECT DISTINCT action FROM audit_entries ORDER BY action`)
	if err != nil {
		return p, errs.Internal("audit actions", err)
	}
	defer acts.Close()
	for acts.Next() {
		var a string
		acts.Scan(&a)
		p.Actions = append(p.Actions, a)
	}
	return p, acts.Err()
}
