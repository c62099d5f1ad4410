package app

import (
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
	"jiuke/backend/wallet"
)

// Wallet is the stored-value service (储值): packages, recharges, the ledger, 退卡, adjustments and
// the liability (预收款) figures. Paying a purchase by stored value goes through Sales.Record.
type Wallet struct{ core *Core }

// Packages lists the recharge offers; activeOnly for the recharge dialog.
func (s *Wallet) Packages(activeOnly bool) ([]wallet.Package, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wallet.Packages(ctx, db, activeOnly)
}

func (s *Wallet) SavePackages(ps []wallet.Package) (out []wallet.Package, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := wallet.Packages(ctx, tx, false)
		if err != nil {
			return err
		}
		if out, err = wallet.SavePackages(ctx, tx, ps); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改充值套餐", "rules", 0, "充值套餐", audit.Change{Old: old, New: out})
	})
	return out, err
}

// Rules reads the stored-value settings: spending order and guardrails.
func (s *Wallet) Rules() (wallet.Rules, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wallet.Rules{}, err
	}
	return wallet.LoadRules(ctx, db)
}

func (s *Wallet) SaveRules(r wallet.Rules) (out wallet.Rules, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := wallet.LoadRules(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = wallet.SaveRules(ctx, tx, r); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改储值规则", "rules", 0, "储值规则", audit.Change{Old: old, New: out})
	})
	return out, err
}

// Balance is the member's principal and bonus, shown before a recharge or a payment.
func (s *Wallet) Balance(customerID int64) (wallet.Balance, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wallet.Balance{}, err
	}
	return wallet.BalanceOf(ctx, db, customerID)
}

// Ledger lists a member's stored-value entries, newest first: those before beforeID (0 for the newest).
func (s *Wallet) Ledger(customerID, beforeID int64) ([]wallet.Entry, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wallet.History(ctx, db, customerID, beforeID, ListPage)
}

// Recharge books money paid in for a member, with the package's bonus, points and coupon.
func (s *Wallet) Recharge(in wallet.RechargeInput) (out wallet.RechargeResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = wallet.Recharge(ctx, tx, in, a.ID); err != nil || out.Repeated {
			return err
		}
		e := out.Entry
		return s.core.log(ctx, tx, a, "储值充值", "customer", e.CustomerID, customerLabel(ctx, tx, e.CustomerID), map[string]any{
			"entryId": e.ID, "cashFen": e.CashFen, "principalFen": e.PrincipalFen, "bonusFen": e.BonusFen,
			"amountWords": audit.Yuan(e.CashFen), "method": wallet.Methods[e.Method], "packageId": e.PackageID, "points": out.Points,
			"level": out.UpgradedTo})
	})
	return out, err
}

// PlanClose shows the clerk the 退卡 figures before a manager approves it.
func (s *Wallet) PlanClose(customerID int64) (wallet.ClosePlan, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wallet.ClosePlan{}, err
	}
	return wallet.PlanClose(ctx, db, customerID)
}

// Close carries out a 退卡: principal paid back, bonus forfeited, card frozen.
func (s *Wallet) Close(in wallet.CloseInput) (out wallet.ClosePlan, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var e wallet.Entry
		// A retried request returns the first 退卡 and logs nothing more: one 退卡, one audit line.
		if out, e, err = wallet.Close(ctx, tx, in, a.ID); err != nil || out.Repeated {
			return err
		}
		return s.core.log(ctx, tx, a, "储值退卡", "customer", e.CustomerID, customerLabel(ctx, tx, e.CustomerID), map[string]any{
			"entryId": e.ID, "refundFen": out.RefundFen, "amountWords": audit.Yuan(out.RefundFen), "forfeitFen": out.ForfeitFen,
			"forfeitWords": audit.Yuan(out.ForfeitFen), "method": wallet.Methods[in.Method], "reason": in.Reason})
	})
	return out, err
}

// Adjust books a manager's correction of a member's balances, with a reason.
func (s *Wallet) Adjust(in wallet.AdjustInput) (out wallet.Entry, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var created bool
		if out, created, err = wallet.Adjust(ctx, tx, in, a.ID); err != nil || !created {
			return err
		}
		return s.core.log(ctx, tx, a, "调整储值", "customer", out.CustomerID, customerLabel(ctx, tx, out.CustomerID), map[string]any{
			"entryId": out.ID, "principalFen": out.PrincipalFen, "amountWords": audit.Yuan(out.PrincipalFen), "bonusFen": out.BonusFen,
			"bonusWords": audit.Yuan(out.BonusFen), "reason": in.Reason})
	})
	return out, err
}

// Outstanding is the shop's unspent stored value (预收款), for the dashboard card.
func (s *Wallet) Outstanding() (wallet.Balance, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wallet.Balance{}, err
	}
	return wallet.Outstanding(ctx, db)
}

// Agreement is the recharge agreement (预付卡章程) with the shop's name and rules filled in, to print.
func (s *Wallet) Agreement() (string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return "", err
	}
	r, err := wallet.LoadRules(ctx, db)
	if err != nil {
		return "", err
	}
	shop, err := settings.Load(ctx, db)
	if err != nil {
		return "", err
	}
	return wallet.FillAgreement(r, shop.Name), nil
}
