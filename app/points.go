package app

import (
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Points is the points and gifts service (积分 / 礼品).
type Points struct{ core *Core }

// ListPage is how many rows a ledger or purchase list brings at a time; 加载更多 brings the next.
const ListPage = 100

// History lists a customer's ledger, newest first: the entries before beforeID (0 for the newest).
func (s *Points) History(customerID, beforeID int64) ([]points.Entry, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := points.History(ctx, db, customerID, beforeID, ListPage)
	return shown(s.core, res, err)
}

// Recent lists the shop's ledger, newest first; kind filters ("" for all); beforeID as in History.
func (s *Points) Recent(kind string, beforeID int64) ([]points.RecentEntry, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := points.Recent(ctx, db, kind, beforeID, ListPage)
	return shown(s.core, res, err)
}

// Adjust books a manual correction; clerks are held to the configured limit.
// Past the limit a manager's approval on the spot lets the clerk's adjustment through, once.
func (s *Points) Adjust(in points.AdjustInput) (out points.Entry, err error) {
	adjust := func(limited bool) func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
			if out, err = points.Adjust(ctx, tx, in, a.ID, limited); err != nil {
				return err
			}
			return s.core.log(ctx, tx, a, "调整积分", "customer", in.CustomerID, customerLabel(ctx, tx, in.CustomerID), map[string]any{"points": in.Points, "reason": in.Reason})
		}
	}
	var clerk bool
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		clerk = a.Role == staff.Clerk
		return adjust(clerk)(ctx, tx, a)
	})
	if clerk {
		err = s.core.asManager(err, func(p pass) error { return s.core.writeAs(p, adjust(false)) })
	}
	return shown(s.core, out, err)
}

func (s *Points) Rules() (points.Rules, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return points.Rules{}, err
	}
	return points.LoadRules(ctx, db)
}

func (s *Points) SaveRules(r points.Rules) (out points.Rules, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := points.LoadRules(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = points.SaveRules(ctx, tx, r); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改积分规则", "rules", 0, "积分规则", audit.Change{Old: old, New: out})
	})
	return out, err
}

func (s *Points) Gifts(activeOnly bool) ([]points.Gift, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return points.Gifts(ctx, db, activeOnly)
}

func (s *Points) SaveGift(g points.Gift) (out points.Gift, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = points.SaveGift(ctx, tx, g); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存礼品", "gift", out.ID, out.Name, out)
	})
	return out, err
}

// Redeem exchanges points for a gift; a frozen card cannot spend.
func (s *Points) Redeem(in points.RedeemInput) (out points.Redemption, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if k, ok, err := members.CurrentCard(ctx, tx, in.CustomerID); err != nil {
			return err
		} else if ok && k.State == members.CardFrozen {
			return errs.Conflict("", "会员卡已冻结（"+k.StateReason+"），不能兑换", nil)
		}
		out, err = points.Redeem(ctx, tx, in, a.ID)
		return err
	})
	return shown(s.core, out, err)
}

func (s *Points) CancelRedemption(id int64) (out points.Redemption, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = points.CancelRedemption(ctx, tx, id, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "取消兑换", "customer", out.CustomerID, out.GiftName, map[string]int64{"points": out.Points, "qty": out.Qty})
	})
	return shown(s.core, out, err)
}

func (s *Points) Redemptions(customerID int64) ([]points.Redemption, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := points.Redemptions(ctx, db, customerID)
	return shown(s.core, res, err)
}

// ExpiryPreview lists what expires if the expiry run is applied today.
func (s *Points) ExpiryPreview() ([]points.ExpiringLot, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return points.ExpiryPreview(ctx, db, store.Today())
}

// ExpiryResult says how many lots and points an expiry run took.
type ExpiryResult struct {
	Lots   int   `json:"lots"`
	Points int64 `json:"points"`
}

func (s *Points) ApplyExpiry() (out ExpiryResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out.Lots, out.Points, err = points.ApplyExpiry(ctx, tx, store.Today(), a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "积分过期", "points", 0, store.Today(), out)
	})
	return out, err
}
