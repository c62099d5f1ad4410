package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Walk-ins at the door (散客登记): someone without an invitation scans the stand's QR and leaves a name
// and mobile. That is the one thing anyone on the shop network may write without signing in, so it
// is held as a request until a staff member confirms it at the desk, and bounded here.

const (
	// MaxPendingWalkIns is how many requests one event holds unconfirmed; more wait until the desk
	// has dealt with some.
	MaxPendingWalkIns = 30
	// WalkInNameLen bounds the name a walk-in types.
	WalkInNameLen = 20
)

// Walk-in request states.
const (
	WalkInPending   = "pending"
	WalkInConfirmed = "confirmed"
	WalkInRejected  = "rejected"
)

// WalkInRequest is one walk-in's form as the desk sees it. CustomerName is the archive's customer
// with that mobile, when there is one.
type WalkInRequest struct {
	ID           int64  `json:"id"`
	EventID      int64  `json:"eventId"`
	Name         string `json:"name"`
	Mobile       string `json:"mobile"`
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	Status       string `json:"status"`
	GuestID      int64  `json:"guestId"`
	CreatedAt    string `json:"createdAt"`
	DecidedAt    string `json:"decidedAt"`
	DecidedBy    string `json:"decidedBy"`
}

// WalkInInput is what the walk-in form sends.
type WalkInInput struct {
	Name   string `json:"name"`
	Mobile string `json:"mobile"`
}

// RequestWalkIn holds a walk-in's form for the desk. The same mobile again finds the request already
// held (created false). Nothing in the answer tells the phone whether the mobile is in the archive.
func RequestWalkIn(ctx context.Context, tx *sql.Tx, token string, in WalkInInput, now time.Time) (r WalkInRequest, created bool, err error) {
	h, err := Resolve(ctx, tx, token, now)
	if err != nil {
		return r, false, err
	}
	if !h.WalkIn() {
		return r, false, refused(RefusedKind, "这是个人邀请的签到码，无需登记：请直接确认签到")
	}
	in.Name = strings.TrimSpace(customers.HalfWidth(in.Name))
	if in.Name == "" {
		return r, false, errs.Invalid("name", "请填写姓名")
	}
	if utf8.RuneCountInString(in.Name) > WalkInNameLen {
		return r, false, errs.Invalid("name", fmt.Sprintf("姓名不能超过%d个字", WalkInNameLen))
	}
	if len(in.Mobile) > 40 {
		return r, false, errs.Invalid("mobile", "手机号应为11位数字")
	}
	mobile, e := customers.NormalizeMobile(in.Mobile)
	if e != nil {
		return r, false, e
	}
	if mobile == "" {
		return r, false, errs.Invalid("mobile", "请填写手机号")
	}
	if r, err = pendingByMobile(ctx, tx, h.Event.ID, mobile); err == nil {
		return r, false, nil
	} else if errs.CodeOf(err) != errs.CodeNotFound {
		return r, false, err
	}
	var pending int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_walkin_requests WHERE event_id = ? AND status = 'pending'`, h.Event.ID).Scan(&pending); err != nil {
		return r, false, errs.Internal("count walk-ins", err)
	}
	if pending >= MaxPendingWalkIns {
		return r, false, errs.Conflict("", fmt.Sprintf("现场登记人数较多（%d位待确认），请直接到签到台找工作人员登记", pending), nil)
	}
	var customerID any
	if c, found, err := customers.ByMobile(ctx, tx, mobile); err != nil {
		return r, false, err
	} else if found && !c.Archived {
		customerID = c.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_walkin_requests (event_id, name, mobile, customer_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		h.Event.ID, in.Name, mobile, customerID, store.Now()); err != nil {
		return r, false, errs.Internal("hold walk-in", err)
	}
	r, err = pendingByMobile(ctx, tx, h.Event.ID, mobile)
	return r, err == nil, err
}

const walkInCols = `w.id, w.event_id, w.name, w.mobile, COALESCE(w.customer_id, 0), COALESCE(c.name, ''), w.status,
	COALESCE(w.guest_id, 0), w.created_at, COALESCE(w.decided_at, ''), COALESCE(s.name, '')
	FROM event_walkin_requests w LEFT JOIN customers c ON c.id = w.customer_id LEFT JOIN staff s ON s.id = w.decided_by`

func scanWalkIn(row interface{ Scan(...any) error }) (WalkInRequest, error) {
	var r WalkInRequest
	err := row.Scan(&r.ID, &r.EventID, &r.Name, &r.Mobile, &r.CustomerID, &r.CustomerName, &r.Status, &r.GuestID, &r.CreatedAt, &r.DecidedAt, &r.DecidedBy)
	return r, err
}

func walkIn(ctx context.Context, q store.Querier, where string, args ...any) (WalkInRequest, error) {
	r, err := scanWalkIn(q.QueryRowContext(ctx, `SELECT `+walkInCols+` WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return r, errs.NotFound("没有这条现场登记")
	}
	if err != nil {
		return r, errs.Internal("walk-in", err)
	}
	return r, nil
}

func pendingByMobile(ctx context.Context, q store.Querier, eventID int64, mobile string) (WalkInRequest, error) {
	return walkIn(ctx, q, `w.event_id = ? AND w.mobile = ? AND w.status = 'pending'`, eventID, mobile)
}

// WalkInRequests lists an event's walk-in forms: pending first (oldest first), then the decided ones.
func WalkInRequests(ctx context.Context, q store.Querier, eventID int64) ([]WalkInRequest, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+walkInCols+` WHERE w.event_id = ? ORDER BY w.status != 'pending', w.id LIMIT 500`, eventID)
	if err != nil {
		return nil, errs.Internal("list walk-ins", err)
	}
	defer rows.Close()
	out := []WalkInRequest{}
	for rows.Next() {
		r, err := scanWalkIn(rows)
		if err != nil {
			return nil, errs.Internal("scan walk-in", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// pending reads a request that is still waiting; a decided one is a conflict naming what happened.
func pending(ctx context.Context, tx *sql.Tx, eventID, requestID int64) (WalkInRequest, error) {
	r, err := walkIn(ctx, tx, `w.event_id = ? AND w.id = ?`, eventID, requestID)
	if err != nil {
		return r, err
	}
	if r.Status != WalkInPending {
		verb := map[string]string{WalkInConfirmed: "已确认", WalkInRejected: "已拒绝"}[r.Status]
		return r, errs.Conflict("status", fmt.Sprintf("%s 的现场登记%s（%s）", r.Name, verb, r.DecidedBy), nil)
	}
	return r, nil
}

// ConfirmWalkIn signs in a held walk-in at the desk: the archive's customer with that mobile, or a new
// customer made from the form (source 活动), through the desk's own walk-in check-in.
func ConfirmWalkIn(ctx context.Context, tx *sql.Tx, eventID, requestID int64, companions int, staffID int64) (WalkInRequest, CheckInResult, error) {
	r, err := pending(ctx, tx, eventID, requestID)
	if err != nil {
		return r, CheckInResult{}, err
	}
	customerID := r.CustomerID
	if customerID == 0 {
		c, found, err := customers.ByMobile(ctx, tx, r.Mobile)
		if err != nil {
			return r, CheckInResult{}, err
		}
		if found {
			customerID = c.ID
		} else {
			c, err := customers.Create(ctx, tx, customers.Input{Name: r.Name, Mobile: r.Mobile, Source: "活动"}, staffID)
			if err != nil {
				return r, CheckInResult{}, err
			}
			customerID = c.ID
		}
	}
	res, err := WalkIn(ctx, tx, eventID, customerID, companions, staffID)
	if err != nil {
		return r, res, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_walkin_requests SET status = 'confirmed', customer_id = ?, guest_id = ?, decided_at = ?, decided_by = ?
		WHERE id = ?`, customerID, res.Guest.ID, store.Now(), store.Nullable(staffID), r.ID); err != nil {
		return r, res, errs.Internal("confirm walk-in", err)
	}
	r, err = walkIn(ctx, tx, `w.id = ?`, r.ID)
	return r, res, err
}

// RejectWalkIn turns a held walk-in away (a prank, a duplicate, someone not welcome).
func RejectWalkIn(ctx context.Context, tx *sql.Tx, eventID, requestID, staffID int64) (WalkInRequest, error) {
	r, err := pending(ctx, tx, eventID, requestID)
	if err != nil {
		return r, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_walkin_requests SET status = 'rejected', decided_at = ?, decided_by = ? WHERE id = ?`,
		store.Now(), store.Nullable(staffID), r.ID); err != nil {
		return r, errs.Internal("reject walk-in", err)
	}
	return walkIn(ctx, tx, `w.id = ?`, r.ID)
}
