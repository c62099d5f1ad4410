package coupons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// Issuing is one coupon to hand out: of a type, to a customer, under an idempotency key that makes a
// double click, a retried request or a second run of the same occasion issue it once.
type Issuing struct {
	TypeID     int64
	CustomerID int64
	Campaign   string // empty: the type's campaign
	Source     string
	Key        string
	StaffID    int64
}

// Issue hands one coupon to a customer and writes its issue line. created is false when the key had
// already issued one (that coupon is returned).
func Issue(ctx context.Context, tx *sql.Tx, in Issuing) (c Coupon, created bool, err error) {
	if strings.TrimSpace(in.Key) == "" {
		return c, false, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.Text("key", "请求编号", in.Key, errs.KeyLen*2); err != nil {
		return c, false, err
	}
	var done int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM coupons WHERE idem_key = ?`, in.Key).Scan(&done)
	if err == nil {
		c, err = Get(ctx, tx, done)
		return c, false, err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return c, false, errs.Internal("coupon idempotency", err)
	}
	t, err := GetType(ctx, tx, in.TypeID)
	if err != nil {
		return c, false, errs.Invalid("typeId", "请选择券类型")
	}
	if !t.Active {
		return c, false, errs.Invalid("typeId", fmt.Sprintf("券类型「%s」已停用", t.Name))
	}
	var archived bool
	var name string
	err = tx.QueryRowContext(ctx, `SELECT name, archived FROM customers WHERE id = ?`, in.CustomerID).Scan(&name, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, errs.Invalid("customerId", "请先选择客户")
	}
	if err != nil {
		return c, false, errs.Internal("coupon customer", err)
	}
	if archived {
		return c, false, errs.Invalid("customerId", fmt.Sprintf("客户「%s」已停用", name))
	}
	today := store.Today()
	from, to := t.Window(today)
	if to < today {
		return c, false, errs.Invalid("typeId", fmt.Sprintf("券类型「%s」的有效期已于 %s 结束", t.Name, to))
	}
	campaign := strings.TrimSpace(in.Campaign)
	if campaign == "" {
		campaign = t.Campaign
	}
	if err := errs.Text("campaign", "活动名称", campaign, errs.NameLen); err != nil {
		return c, false, err
	}
	var id int64
	for attempt := 0; ; attempt++ {
		code, err := newCode()
		if err != nil {
			return c, false, errs.Internal("coupon code", err)
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM coupons WHERE code = ?)`, code).Scan(&taken); err != nil {
			return c, false, errs.Internal("coupon code", err)
		}
		if taken && attempt < 5 {
			continue
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO coupons (code, type_id, customer_id, name, kind, value_fen, threshold_fen, gift_id,
			with_member_price, campaign, source, valid_from, valid_to, idem_key, staff_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			code, t.ID, in.CustomerID, t.Name, t.Kind, t.ValueFen, t.ThresholdFen, store.Nullable(t.GiftID), t.WithMemberPrice, campaign,
			in.Source, from, to, in.Key, store.Nullable(in.StaffID), store.Now())
		if err != nil {
			return c, false, errs.Internal("insert coupon", err)
		}
		id, _ = res.LastInsertId()
		break
	}
	if err := addEntry(ctx, tx, id, EntryIssue, 0, 0, "", fmt.Sprintf("issue:%d", id), in.StaffID); err != nil {
		return c, false, err
	}
	c, err = Get(ctx, tx, id)
	return c, true, err
}

// addEntry appends one ledger line; the database refuses a line that does not follow the last one.
func addEntry(ctx context.Context, tx *sql.Tx, couponID int64, kind string, purchaseID, discountFen int64, reason, key string, staffID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coupon_entries (coupon_id, kind, purchase_id, discount_fen, reason, staff_id, idem_key, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, couponID, kind, store.Nullable(purchaseID), discountFen, reason, store.Nullable(staffID), key, store.Now())
	if err != nil {
		if strings.Contains(err.Error(), "券的状态不允许") {
			return errs.Conflict("code", "券的状态已变化，请刷新后重试", nil)
		}
		return errs.Internal("coupon entry", err)
	}
	return nil
}

// HandInput issues Qty coupons of a type to one customer by hand.
type HandInput struct {
	TypeID     int64  `json:"typeId"`
	CustomerID int64  `json:"customerId"`
	Qty        int64  `json:"qty"`
	Key        string `json:"key"`
}

// IssueByHand issues in.Qty coupons (1–20) to one customer under the request's key.
func IssueByHand(ctx context.Context, tx *sql.Tx, in HandInput, staffID int64) ([]Coupon, error) {
	if in.Qty <= 0 || in.Qty > 20 {
		return nil, errs.Invalid("qty", "发券张数应在 1～20 之间")
	}
	if strings.TrimSpace(in.Key) == "" {
		return nil, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.Text("key", "请求编号", in.Key, errs.KeyLen); err != nil {
		return nil, err
	}
	out := []Coupon{}
	for i := int64(0); i < in.Qty; i++ {
		c, _, err := Issue(ctx, tx, Issuing{TypeID: in.TypeID, CustomerID: in.CustomerID, Source: SourceHand,
			Key: fmt.Sprintf("hand:%s:%d", in.Key, i), StaffID: staffID})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// SegmentInput issues one coupon of a type to every customer of a saved segment, under a campaign.
type SegmentInput struct {
	TypeID    int64  `json:"typeId"`
	SegmentID int64  `json:"segmentId"`
	Campaign  string `json:"campaign"`
	// JobID is made by the caller to match the progress events of this run.
	JobID string `json:"jobId"`
}

// SegmentResult counts what a segment issue did: a retry finds the earlier coupons and skips them.
type SegmentResult struct {
	Customers int    `json:"customers"`
	Issued    int    `json:"issued"`
	Skipped   int    `json:"skipped"`
	Campaign  string `json:"campaign"`
}

// batchSize customers are issued per transaction: a large segment neither holds the writer for long
// nor loses finished batches when one fails.
const batchSize = 500

// PlanSegment checks a segment issue and counts who it reaches, without writing anything.
func PlanSegment(ctx context.Context, q store.Querier, in SegmentInput) (Type, []int64, string, error) {
	t, err := GetType(ctx, q, in.TypeID)
	if err != nil {
		return t, nil, "", errs.Invalid("typeId", "请选择券类型")
	}
	if !t.Active {
		return t, nil, "", errs.Invalid("typeId", fmt.Sprintf("券类型「%s」已停用", t.Name))
	}
	campaign := strings.TrimSpace(in.Campaign)
	if campaign == "" {
		campaign = t.Campaign
	}
	if campaign == "" {
		return t, nil, "", errs.Invalid("campaign", "请填写活动名称：同一活动每位客户只发一张")
	}
	if err := errs.Text("campaign", "活动名称", campaign, errs.NameLen); err != nil {
		return t, nil, "", err
	}
	if _, err := segments.Get(ctx, q, in.SegmentID); err != nil {
		return t, nil, "", errs.Invalid("segmentId", "请选择客群")
	}
	ids, err := segments.CustomerIDs(ctx, q, in.SegmentID)
	return t, ids, campaign, err
}

// IssueToSegment issues to the customers one batch per transaction (withTx runs one), reporting
// progress after each. Each customer's key is the type, campaign and customer, so running it again
// (after a failure, or by mistake) issues nobody a second coupon.
func IssueToSegment(ctx context.Context, q store.Querier, withTx func(func(tx *sql.Tx) error) error, in SegmentInput, staffID int64,
	progress func(done, total int)) (SegmentResult, error) {
	t, ids, campaign, err := PlanSegment(ctx, q, in)
	if err != nil {
		return SegmentResult{}, err
	}
	res := SegmentResult{Customers: len(ids), Campaign: campaign}
	for start := 0; start < len(ids); start += batchSize {
		if err := ctx.Err(); err != nil {
			return res, errs.Conflict("", fmt.Sprintf("已取消：已发 %d 张", res.Issued), nil)
		}
		batch := ids[start:min(start+batchSize, len(ids))]
		var issued, skipped int
		err := withTx(func(tx *sql.Tx) error {
			issued, skipped = 0, 0
			for _, id := range batch {
				_, created, err := Issue(ctx, tx, Issuing{TypeID: t.ID, CustomerID: id, Campaign: campaign, Source: SourceSegment,
					Key: fmt.Sprintf("campaign:%d:%s:%d", t.ID, campaign, id), StaffID: staffID})
				if err != nil {
					return err
				}
				if created {
					issued++
				} else {
					skipped++
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
		res.Issued += issued
		res.Skipped += skipped
		if progress != nil {
			progress(start+len(batch), len(ids))
		}
	}
	return res, nil
}

// IssueOn issues one coupon of every active type set to issue itself on the occasion (birthday,
// attendance, fission), under keys made from occasionKey, so the occasion gives each coupon once.
func IssueOn(ctx context.Context, tx *sql.Tx, occasion string, customerID int64, source, occasionKey string, staffID int64) (int, error) {
	types, err := typesWhere(ctx, tx, ` WHERE t.active = 1 AND t.auto_on = ? ORDER BY t.id`, occasion)
	if err != nil || len(types) == 0 {
		return 0, err
	}
	var archived bool
	if err := tx.QueryRowContext(ctx, `SELECT archived FROM customers WHERE id = ?`, customerID).Scan(&archived); err != nil || archived {
		return 0, nil // nobody to give it to: the occasion itself goes on
	}
	n := 0
	today := store.Today()
	for _, t := range types {
		if _, to := t.Window(today); to < today {
			continue // a campaign that has ended gives nothing more
		}
		_, created, err := Issue(ctx, tx, Issuing{TypeID: t.ID, CustomerID: customerID, Source: source,
			Key: fmt.Sprintf("%s:%d", occasionKey, t.ID), StaffID: staffID})
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}
