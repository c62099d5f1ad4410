package app

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"sync"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/store"
	"jiuke/backend/wallet/coupons"
)

// Coupons is the coupons service (券): types, issuing, the counter's checks, voiding and the report.
type Coupons struct{ core *Core }

// CouponProgress is a segment issue's progress, matched to the run by its job id.
type CouponProgress struct {
	JobID string `json:"jobId"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// sweptDay is the last shop day the expiry sweep ran: at start, then the first coupon call of each day.
var sweep struct {
	mu  sync.Mutex
	day string
}

// sweepCoupons writes the expire lines of coupons past their last day, once a day, so reports count
// them on the day they expired whether or not anyone opened the coupons page.
func sweepCoupons(ctx context.Context, db *store.DB) error {
	sweep.mu.Lock()
	defer sweep.mu.Unlock()
	today := store.Today()
	if sweep.day == today {
		return nil
	}
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		n, err := coupons.Expire(ctx, tx, today)
		if err != nil || n == 0 {
			return err
		}
		return audit.Log(ctx, tx, audit.Record{StaffName: "系统", Action: "券过期", TargetType: "coupon", TargetLabel: today,
			Details: map[string]int{"count": n}})
	})
	if err == nil {
		sweep.day = today
	}
	return err
}

func (s *Coupons) read() (context.Context, *sql.DB, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return ctx, db, err
	}
	return ctx, db, sweepCoupons(ctx, s.core.DB)
}

func (s *Coupons) Types(activeOnly bool) ([]coupons.Type, error) {
	ctx, db, err := s.read()
	if err != nil {
		return nil, err
	}
	return coupons.Types(ctx, db, activeOnly)
}

// SaveType creates or edits a coupon type (manager).
func (s *Coupons) SaveType(t coupons.Type) (out coupons.Type, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var old any
		if t.ID != 0 {
			if old, err = coupons.GetType(ctx, tx, t.ID); err != nil {
				return err
			}
		}
		if out, err = coupons.SaveType(ctx, tx, t); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存券类型", "couponType", out.ID, out.Name, audit.Change{Old: old, New: out})
	})
	return out, err
}

// Issue hands coupons to one customer by hand. Clerks may issue the types the owner opened to them;
// any other type needs a manager's approval on the spot, which covers this one issue.
func (s *Coupons) Issue(in coupons.HandInput) (out []coupons.Coupon, err error) {
	issue := func(asManager bool) func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
			t, err := coupons.GetType(ctx, tx, in.TypeID)
			if err != nil {
				return errs.Invalid("typeId", "请选择券类型")
			}
			if !asManager && a.Role == staff.Clerk && !t.ClerkMayIssue {
				return errs.Forbidden("发放「" + t.Name + "」需要店长授权")
			}
			if out, err = coupons.IssueByHand(ctx, tx, in, a.ID); err != nil {
				return err
			}
			codes := make([]string, len(out))
			for i, c := range out {
				codes[i] = c.Code
			}
			name := ""
			if len(out) > 0 {
				name = out[0].CustomerName
			}
			return s.core.log(ctx, tx, a, "发券", "customer", in.CustomerID, name, map[string]any{"typeId": t.ID, "name": t.Name,
				"count": len(out), "codes": codes, "valueFen": t.ValueFen, "valueWords": audit.Yuan(t.ValueFen * int64(len(out)))})
		}
	}
	err = s.core.write(issue(false))
	err = s.core.asManager(err, func(p pass) error { return s.core.writeAs(p, issue(true)) })
	return shown(s.core, out, err)
}

// SegmentPreview is who a segment issue would reach, before the manager confirms.
type SegmentPreview struct {
	Customers int    `json:"customers"`
	Campaign  string `json:"campaign"`
	Already   int    `json:"already"`
}

func (s *Coupons) PreviewSegment(in coupons.SegmentInput) (SegmentPreview, error) {
	ctx, db, err := s.read()
	if err != nil {
		return SegmentPreview{}, err
	}
	t, ids, campaign, err := coupons.PlanSegment(ctx, db, in)
	if err != nil {
		return SegmentPreview{}, err
	}
	out := SegmentPreview{Customers: len(ids), Campaign: campaign}
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM coupons WHERE type_id = ? AND campaign = ? AND source = 'segment'`, t.ID, campaign).Scan(&out.Already)
	return out, err
}

// IssueToSegment issues one coupon to each customer of a saved segment (manager), a batch per
// transaction with progress events; a retry issues nobody twice.
func (s *Coupons) IssueToSegment(in coupons.SegmentInput) (out coupons.SegmentResult, err error) {
	p, err := s.core.gate()
	if err != nil {
		return out, err
	}
	if err := errs.Text("jobId", "任务编号", in.JobID, errs.KeyLen); err != nil {
		return out, err
	}
	ctx := context.WithValue(s.core.context(), approvedKey{}, p.by)
	out, err = coupons.IssueToSegment(ctx, s.core.DB.R, func(fn func(tx *sql.Tx) error) error { return s.core.DB.WithTx(ctx, fn) },
		in, p.actor.ID, func(done, total int) {
			s.core.Events.Emit("coupons:progress", CouponProgress{JobID: in.JobID, Done: done, Total: total})
		})
	if out.Customers == 0 && err != nil {
		return out, err
	}
	// The log line records what was issued, even when a later batch failed.
	logErr := s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		t, _ := coupons.GetType(ctx, tx, in.TypeID)
		return s.core.log(ctx, tx, a, "按客群发券", "couponType", in.TypeID, t.Name, map[string]any{"segmentId": in.SegmentID,
			"campaign": out.Campaign, "customers": out.Customers, "issued": out.Issued, "skipped": out.Skipped,
			"valueFen": t.ValueFen, "valueWords": audit.Yuan(t.ValueFen * int64(out.Issued))})
	})
	return out, errs.First(toErr(err), toErr(logErr))
}

func toErr(err error) *errs.Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*errs.Error); ok {
		return e
	}
	return errs.Internal("coupons", err)
}

// Check shows the clerk, as codes are scanned, what the coupons take off the sale or why one cannot
// be used. Nothing changes.
func (s *Coupons) Check(in coupons.Redeeming) (coupons.Plan, error) {
	ctx, db, err := s.read()
	if err != nil {
		return coupons.Plan{}, err
	}
	res, err := coupons.Check(ctx, db, in)
	return shown(s.core, res, err)
}

// Usable lists the customer's coupons that can be used today, for the purchase dialog and member page.
func (s *Coupons) Usable(customerID int64) ([]coupons.Coupon, error) {
	ctx, db, err := s.read()
	if err != nil {
		return nil, err
	}
	res, err := coupons.Usable(ctx, db, customerID)
	return shown(s.core, res, err)
}

func (s *Coupons) List(f coupons.Filter) (coupons.Page, error) {
	ctx, db, err := s.read()
	if err != nil {
		return coupons.Page{}, err
	}
	res, err := coupons.List(ctx, db, f)
	return shown(s.core, res, err)
}

// CouponDetail is a coupon with its ledger.
type CouponDetail struct {
	Coupon  coupons.Coupon  `json:"coupon"`
	Entries []coupons.Entry `json:"entries"`
}

// Detail finds a coupon by its code, scanned or typed, with its history.
func (s *Coupons) Detail(code string) (CouponDetail, error) {
	ctx, db, err := s.read()
	if err != nil {
		return CouponDetail{}, err
	}
	if err := errs.Text("code", "券码", code, 40); err != nil {
		return CouponDetail{}, err
	}
	var out CouponDetail
	if out.Coupon, err = coupons.ByCode(ctx, db, code); err != nil {
		return out, err
	}
	out.Entries, err = coupons.Entries(ctx, db, out.Coupon.ID)
	return shown(s.core, out, err)
}

func (s *Coupons) Campaigns() ([]string, error) {
	ctx, db, err := s.read()
	if err != nil {
		return nil, err
	}
	return coupons.Campaigns(ctx, db)
}

// Void voids an unused coupon with a reason (manager).
func (s *Coupons) Void(in coupons.VoidInput) (out coupons.Coupon, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = coupons.Void(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "作废券", "customer", out.CustomerID, out.CustomerName, map[string]any{"code": out.Code,
			"name": out.Name, "reason": strings.TrimSpace(in.Reason), "valueFen": out.ValueFen, "valueWords": audit.Yuan(out.ValueFen)})
	})
	return shown(s.core, out, err)
}

// RedeemGifts hands over the gifts of gift coupons at the counter, without a sale.
func (s *Coupons) RedeemGifts(in coupons.GiftInput) (out coupons.Plan, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = coupons.RedeemGifts(ctx, tx, in, a.ID); err != nil {
			return err
		}
		codes := []string{}
		for _, u := range out.Uses {
			codes = append(codes, u.Coupon.Code+" "+u.Coupon.GiftName)
		}
		if len(codes) == 0 {
			return nil // a retried request: nothing more happened
		}
		return s.core.log(ctx, tx, a, "礼品券兑换", "customer", in.CustomerID, out.Uses[0].Coupon.CustomerName, map[string]any{"codes": codes})
	})
	return shown(s.core, out, err)
}

// Report counts issued, used, voided and expired coupons per type and campaign (manager).
func (s *Coupons) Report(r coupons.Range) (coupons.Report, error) {
	ctx, db, err := s.read()
	if err != nil {
		return coupons.Report{}, err
	}
	return coupons.LoadReport(ctx, db, r)
}

// ExportReport downloads the report as .xlsx (manager).
func (s *Coupons) ExportReport(r coupons.Range) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	if err := sweepCoupons(s.core.context(), s.core.DB); err != nil {
		return ExportFile{}, err
	}
	if _, err := coupons.LoadReport(s.core.context(), s.core.DB.R, r); err != nil {
		return ExportFile{}, err // a bad range is refused before the save dialog
	}
	sh := &Sheets{s.core}
	return sh.exportAs(p, "券统计", nil, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		rep, err := coupons.LoadReport(ctx, db, r)
		if err != nil {
			return 0, err
		}
		return coupons.WriteReport(buf, rep)
	})
}
