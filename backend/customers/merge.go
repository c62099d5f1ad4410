package customers

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// MergeStep moves one domain's records from the merged customer to the survivor and reports how many
// moved. Each domain registers its own (cards, points, purchases, events add theirs), so merge stays
// complete as the app grows.
type MergeStep struct {
	Label string // shown in the merge record, e.g. "回访"
	Move  func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error)
}

var mergeSteps []MergeStep

// RegisterMergeStep adds a domain's step; call it from an init function.
func RegisterMergeStep(s MergeStep) { mergeSteps = append(mergeSteps, s) }

func init() {
	RegisterMergeStep(MergeStep{Label: "回访", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		return execCount(ctx, tx, `UPDATE follow_ups SET customer_id = ? WHERE customer_id = ?`, survivorID, mergedID)
	}})
	RegisterMergeStep(MergeStep{Label: "推荐的客户", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		return execCount(ctx, tx, `UPDATE customers SET referrer_id = ? WHERE referrer_id = ? AND id != ?`, survivorID, mergedID, survivorID)
	}})
}

func execCount(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// MergeFields are the profile fields a clerk can take from the merged record instead of the survivor.
var MergeFields = []string{"name", "mobile", "otherPhone", "gender", "birthday", "district", "address",
	"company", "title", "source", "referrerId", "ownerStaffId", "notes", "consent"}

// MergeRequest keeps SurvivorID and folds MergedID into it; Take names the fields whose value comes
// from the merged customer.
type MergeRequest struct {
	SurvivorID int64    `json:"survivorId"`
	MergedID   int64    `json:"mergedId"`
	Take       []string `json:"take"`
}

type MergeResult struct {
	Survivor Customer         `json:"survivor"`
	Moved    map[string]int64 `json:"moved"`
}

func inputOf(c Customer) Input {
	return Input{Name: c.Name, Mobile: c.Mobile, OtherPhone: c.OtherPhone, Gender: c.Gender, Birthday: c.Birthday,
		District: c.District, Address: c.Address, Company: c.Company, Title: c.Title, Source: c.Source,
		ReferrerID: c.ReferrerID, OwnerStaffID: c.OwnerStaffID, Notes: c.Notes, Consent: c.Consent,
		Kind: c.Kind, OutletType: c.OutletType, ShopName: c.ShopName, ContactPerson: c.ContactPerson}
}

// Merge folds one customer into another in the caller's transaction. The merged record stays, archived
// and pointing at the survivor; a phone not taken over is kept in the survivor's other phones.
func Merge(ctx context.Context, tx *sql.Tx, req MergeRequest, actorID int64) (MergeResult, error) {
	if req.SurvivorID == req.MergedID {
		return MergeResult{}, errs.Invalid("mergedId", "不能把客户与自己合并")
	}
	keep, err := Get(ctx, tx, req.SurvivorID)
	if err != nil {
		return MergeResult{}, err
	}
	gone, err := Get(ctx, tx, req.MergedID)
	if err != nil {
		return MergeResult{}, err
	}
	for _, c := range []Customer{keep, gone} {
		if c.MergedIntoID != 0 {
			return MergeResult{}, errs.Conflict("", fmt.Sprintf("客户「%s」已被合并过", c.Name), nil)
		}
	}
	for _, f := range req.Take {
		if !slices.Contains(MergeFields, f) {
			return MergeResult{}, errs.Invalid("take", "无法合并字段："+f)
		}
	}
	in := inputOf(keep)
	from := inputOf(gone)
	take := func(f string) bool { return slices.Contains(req.Take, f) }
	pick := map[string]func(){
		"name": func() { in.Name = from.Name }, "mobile": func() { in.Mobile = from.Mobile },
		"otherPhone": func() { in.OtherPhone = from.OtherPhone }, "gender": func() { in.Gender = from.Gender },
		"birthday": func() { in.Birthday = from.Birthday }, "district": func() { in.District = from.District },
		"address": func() { in.Address = from.Address }, "company": func() { in.Company = from.Company },
		"title": func() { in.Title = from.Title }, "source": func() { in.Source = from.Source },
		"referrerId": func() { in.ReferrerID = from.ReferrerID }, "ownerStaffId": func() { in.OwnerStaffID = from.OwnerStaffID },
		"notes": func() { in.Notes = from.Notes }, "consent": func() { in.Consent = from.Consent },
	}
	for _, f := range MergeFields {
		if take(f) {
			pick[f]()
		}
	}
	// Keep every number somewhere: the phone not chosen joins the other phones.
	for _, p := range []string{keep.Mobile, gone.Mobile} {
		if p != "" && p != in.Mobile && !strings.Contains(in.OtherPhone, p) {
			in.OtherPhone = strings.TrimSpace(strings.TrimSpace(in.OtherPhone) + " " + p)
		}
	}
	if in.ReferrerID == gone.ID {
		in.ReferrerID = 0
	}
	snapshot, _ := json.Marshal(gone)
	// Free the merged record's unique mobile before the survivor may take it.
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET mobile = NULL, mobile_last4 = NULL, archived = 1,
		archive_reason = ?, archived_at = ?, merged_into_id = ?, updated_at = ? WHERE id = ?`,
		fmt.Sprintf("已合并到 #%d %s", keep.ID, keep.Name), store.Now(), keep.ID, store.Now(), gone.ID); err != nil {
		return MergeResult{}, errs.Internal("retire merged customer", err)
	}
	moved := map[string]int64{}
	for _, s := range mergeSteps {
		n, err := s.Move(ctx, tx, keep.ID, gone.ID)
		if err != nil {
			return MergeResult{}, errs.Internal("merge "+s.Label, err)
		}
		moved[s.Label] = n
	}
	survivor, err := Update(ctx, tx, keep.ID, in)
	if err != nil {
		return MergeResult{}, err
	}
	movedJSON, _ := json.Marshal(moved)
	if _, err := tx.ExecContext(ctx, `INSERT INTO customer_merges (survivor_id, merged_id, merged_snapshot, moved, staff_id, created_at)
		VALUES (?,?,?,?,?,?)`, keep.ID, gone.ID, string(snapshot), string(movedJSON), store.Nullable(actorID), store.Now()); err != nil {
		return MergeResult{}, errs.Internal("record merge", err)
	}
	return MergeResult{Survivor: survivor, Moved: moved}, nil
}

// MergeRecord is one past merge, shown on the survivor's page.
type MergeRecord struct {
	MergedID   int64            `json:"mergedId"`
	MergedName string           `json:"mergedName"`
	StaffName  string           `json:"staffName"`
	Moved      map[string]int64 `json:"moved"`
	CreatedAt  string           `json:"createdAt"`
}

// Merges lists the customers merged into id.
func Merges(ctx context.Context, q store.Querier, id int64) ([]MergeRecord, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.merged_id, c.name, COALESCE(s.name, ''), m.moved, m.created_at
		FROM customer_merges m JOIN customers c ON c.id = m.merged_id LEFT JOIN staff s ON s.id = m.staff_id
		WHERE m.survivor_id = ? ORDER BY m.id DESC`, id)
	if err != nil {
		return nil, errs.Internal("list merges", err)
	}
	defer rows.Close()
	out := []MergeRecord{}
	for rows.Next() {
		var r MergeRecord
		var moved string
		if err := rows.Scan(&r.MergedID, &r.MergedName, &r.StaffName, &moved, &r.CreatedAt); err != nil {
			return nil, errs.Internal("scan merge", err)
		}
		if err := json.Unmarshal([]byte(moved), &r.Moved); err != nil {
			return nil, errs.Internal("decode merge", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
