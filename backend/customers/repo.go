package customers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

const selectCols = `c.id, c.name, COALESCE(c.mobile, ''), c.other_phone, c.gender, c.birth_calendar,
	COALESCE(c.birth_year, 0), COALESCE(c.birth_month, 0), COALESCE(c.birth_day, 0), c.birth_leap,
	c.district, c.address, c.company, c.title, c.source, COALESCE(c.referrer_id, 0), COALESCE(r.name, ''),
	COALESCE(c.owner_staff_id, 0), COALESCE(s.name, ''), c.notes, c.consent, COALESCE(c.consent_at, ''),
	c.archived, c.archive_reason, COALESCE(c.archived_at, ''), COALESCE(c.merged_into_id, 0),
	c.created_at, c.updated_at, c.kind, c.outlet_type, c.shop_name, c.contact_person,
	` + segments.TotalSpendSQL + `, ` + segments.OpeningSpendSQL

const fromJoined = ` FROM customers c
	LEFT JOIN customers r ON r.id = c.referrer_id
	LEFT JOIN staff s ON s.id = c.owner_staff_id`

func scanCustomer(row interface{ Scan(...any) error }) (Customer, error) {
	var c Customer
	err := row.Scan(&c.ID, &c.Name, &c.Mobile, &c.OtherPhone, &c.Gender, &c.Birthday.Calendar,
		&c.Birthday.Year, &c.Birthday.Month, &c.Birthday.Day, &c.Birthday.Leap,
		&c.District, &c.Address, &c.Company, &c.Title, &c.Source, &c.ReferrerID, &c.ReferrerName,
		&c.OwnerStaffID, &c.OwnerName, &c.Notes, &c.Consent, &c.ConsentAt,
		&c.Archived, &c.ArchiveReason, &c.ArchivedAt, &c.MergedIntoID, &c.CreatedAt, &c.UpdatedAt,
		&c.Kind, &c.OutletType, &c.ShopName, &c.ContactPerson, &c.TotalSpendFen, &c.OpeningSpendFen)
	return c, err
}

// Get loads one customer, archived or not.
func Get(ctx context.Context, q store.Querier, id int64) (Customer, error) {
	c, err := scanCustomer(q.QueryRowContext(ctx, `SELECT `+selectCols+fromJoined+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.NotFound(fmt.Sprintf("客户 #%d 不存在", id))
	}
	if err != nil {
		return c, errs.Internal("load customer", err)
	}
	return c, nil
}

// ByMobile finds the customer holding a normalised mobile; ok is false when nobody does.
func ByMobile(ctx context.Context, q store.Querier, mobile string) (Customer, bool, error) {
	c, err := scanCustomer(q.QueryRowContext(ctx, `SELECT `+selectCols+fromJoined+` WHERE c.mobile = ?`, mobile))
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, errs.Internal("customer by mobile", err)
	}
	return c, true, nil
}

// checkRefs verifies what the input points at: a unique mobile, an existing referrer, an active owner.
func checkRefs(ctx context.Context, tx *sql.Tx, in *Input, selfID int64) error {
	if in.Mobile != "" {
		other, found, err := ByMobile(ctx, tx, in.Mobile)
		if err != nil {
			return err
		}
		if found && other.ID != selfID {
			return errs.Conflict("mobile", fmt.Sprintf("手机号 %s 已属于客户「%s」", in.Mobile, other.Name),
				map[string]any{"customerId": other.ID, "name": other.Name})
		}
	}
	if in.ReferrerID != 0 {
		if in.ReferrerID == selfID {
			return errs.Invalid("referrerId", "推荐人不能是客户本人")
		}
		var archived bool
		err := tx.QueryRowContext(ctx, `SELECT archived FROM customers WHERE id = ?`, in.ReferrerID).Scan(&archived)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.Invalid("referrerId", "推荐人不存在")
		}
		if err != nil {
			return errs.Internal("check referrer", err)
		}
	}
	if in.OwnerStaffID != 0 {
		var active bool
		err := tx.QueryRowContext(ctx, `SELECT active FROM staff WHERE id = ?`, in.OwnerStaffID).Scan(&active)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
			return errs.Invalid("ownerStaffId", "归属员工不存在或已停用")
		}
		if err != nil {
			return errs.Internal("check owner", err)
		}
	}
	return nil
}

func last4(mobile string) any {
	if len(mobile) < 4 {
		return nil
	}
	return mobile[len(mobile)-4:]
}

// Create validates and stores a new customer, returning it as stored.
func Create(ctx context.Context, tx *sql.Tx, in Input, actorID int64) (Customer, error) {
	now := time.Now()
	if e := normalize(&in, now); e != nil {
		return Customer{}, e
	}
	if err := checkRefs(ctx, tx, &in, 0); err != nil {
		return Customer{}, err
	}
	ts := store.Now()
	initials, full := NameKeys(in.Name)
	var consentAt any
	if in.Consent {
		consentAt = ts
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO customers (name, mobile, mobile_last4, other_phone, gender,
		birth_calendar, birth_year, birth_month, birth_day, birth_leap, district, address, company, title,
		source, referrer_id, owner_staff_id, notes, consent, consent_at, name_initials, name_pinyin,
		created_by, created_at, updated_at, kind, outlet_type, shop_name, contact_person)
		VALUES (?,?,?,?,?, ?,?,?,?,?, ?,?,?,?, ?,?,?,?,?,?, ?,?, ?,?,?, ?,?,?,?)`,
		in.Name, store.Nullable(in.Mobile), last4(in.Mobile), in.OtherPhone, in.Gender,
		in.Birthday.Calendar, store.Nullable(in.Birthday.Year), store.Nullable(in.Birthday.Month), store.Nullable(in.Birthday.Day), in.Birthday.Leap,
		in.District, in.Address, in.Company, in.Title,
		in.Source, store.Nullable(in.ReferrerID), store.Nullable(in.OwnerStaffID), in.Notes, in.Consent, consentAt,
		initials, full, store.Nullable(actorID), ts, ts, in.Kind, in.OutletType, in.ShopName, in.ContactPerson)
	if err != nil {
		return Customer{}, errs.Internal("insert customer", err)
	}
	id, _ := res.LastInsertId()
	if err := indexGrams(ctx, tx, id, in.Name, in.Company); err != nil {
		return Customer{}, err
	}
	return Get(ctx, tx, id)
}

// Update replaces the editable fields of a customer.
func Update(ctx context.Context, tx *sql.Tx, id int64, in Input) (Customer, error) {
	cur, err := Get(ctx, tx, id)
	if err != nil {
		return Customer{}, err
	}
	if cur.MergedIntoID != 0 {
		return Customer{}, errs.Conflict("", fmt.Sprintf("该客户已合并到 #%d，请编辑合并后的客户", cur.MergedIntoID),
			map[string]any{"customerId": cur.MergedIntoID})
	}
	if in.Kind == "" {
		in.Kind, in.OutletType, in.ShopName, in.ContactPerson = cur.Kind, cur.OutletType, cur.ShopName, cur.ContactPerson
	}
	if e := normalize(&in, time.Now()); e != nil {
		return Customer{}, e
	}
	if err := checkRefs(ctx, tx, &in, id); err != nil {
		return Customer{}, err
	}
	if err := checkReferralLoop(ctx, tx, id, in.ReferrerID); err != nil {
		return Customer{}, err
	}
	ts := store.Now()
	consentAt := any(nil)
	switch {
	case in.Consent && cur.Consent:
		consentAt = store.Nullable(cur.ConsentAt)
	case in.Consent:
		consentAt = ts
	}
	initials, full := NameKeys(in.Name)
	_, err = tx.ExecContext(ctx, `UPDATE customers SET name=?, mobile=?, mobile_last4=?, other_phone=?, gender=?,
		birth_calendar=?, birth_year=?, birth_month=?, birth_day=?, birth_leap=?, district=?, address=?,
		company=?, title=?, source=?, referrer_id=?, owner_staff_id=?, notes=?, consent=?, consent_at=?,
		name_initials=?, name_pinyin=?, updated_at=?, kind=?, outlet_type=?, shop_name=?, contact_person=? WHERE id=?`,
		in.Name, store.Nullable(in.Mobile), last4(in.Mobile), in.OtherPhone, in.Gender,
		in.Birthday.Calendar, store.Nullable(in.Birthday.Year), store.Nullable(in.Birthday.Month), store.Nullable(in.Birthday.Day), in.Birthday.Leap,
		in.District, in.Address, in.Company, in.Title, in.Source, store.Nullable(in.ReferrerID), store.Nullable(in.OwnerStaffID),
		in.Notes, in.Consent, consentAt, initials, full, ts, in.Kind, in.OutletType, in.ShopName, in.ContactPerson, id)
	if err != nil {
		return Customer{}, errs.Internal("update customer", err)
	}
	if err := indexGrams(ctx, tx, id, in.Name, in.Company); err != nil {
		return Customer{}, err
	}
	return Get(ctx, tx, id)
}

// checkReferralLoop refuses a referrer who was (directly or not) referred by this customer.
func checkReferralLoop(ctx context.Context, tx *sql.Tx, id, referrerID int64) error {
	for cur, steps := referrerID, 0; cur != 0 && steps < 1000; steps++ {
		if cur == id {
			return errs.Invalid("referrerId", "推荐关系不能形成循环")
		}
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT referrer_id FROM customers WHERE id = ?`, cur).Scan(&next); err != nil {
			return errs.Internal("referral chain", err)
		}
		cur = next.Int64
	}
	return nil
}

func indexGrams(ctx context.Context, tx *sql.Tx, id int64, name, company string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM customer_grams WHERE rowid = ?`, id); err != nil {
		return errs.Internal("unindex customer", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO customer_grams (rowid, grams) VALUES (?, ?)`, id, gramsText(name, company)); err != nil {
		return errs.Internal("index customer", err)
	}
	return nil
}

// Archive (停用) hides a customer from everyday lists and search; nothing is deleted.
func Archive(ctx context.Context, tx *sql.Tx, id int64, reason string) (Customer, error) {
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if c.Archived {
		return c, errs.Conflict("", "该客户已停用", nil)
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > 200 {
		return c, errs.Invalid("reason", "原因不能超过200个字")
	}
	if reason == "" {
		return c, errs.Invalid("reason", "请填写停用原因")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived=1, archive_reason=?, archived_at=?, updated_at=? WHERE id=?`,
		reason, store.Now(), store.Now(), id); err != nil {
		return c, errs.Internal("archive customer", err)
	}
	return Get(ctx, tx, id)
}

// Restore brings an archived customer back. A customer merged into another stays archived.
func Restore(ctx context.Context, tx *sql.Tx, id int64) (Customer, error) {
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if !c.Archived {
		return c, errs.Conflict("", "该客户未停用", nil)
	}
	if c.MergedIntoID != 0 {
		return c, errs.Conflict("", fmt.Sprintf("该客户已合并到 #%d，不能恢复", c.MergedIntoID), map[string]any{"customerId": c.MergedIntoID})
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived=0, archive_reason='', archived_at=NULL, updated_at=? WHERE id=?`,
		store.Now(), id); err != nil {
		return c, errs.Internal("restore customer", err)
	}
	return Get(ctx, tx, id)
}
