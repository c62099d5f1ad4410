package app

import (
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/staff"
)

// Sales is the products and purchases service (酒品 / 消费记录).
type Sales struct{ core *Core }

func (s *Sales) Products(activeOnly bool) ([]sales.Product, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return sales.Products(ctx, db, activeOnly)
}

func (s *Sales) SaveProduct(p sales.Product) (out sales.Product, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var old any
		if p.ID != 0 {
			if old, err = sales.GetProduct(ctx, tx, p.ID); err != nil {
				return err
			}
		}
		if out, err = sales.SaveProduct(ctx, tx, p); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存酒品", "product", out.ID, out.Name, audit.Change{Old: old, New: out})
	})
	return shown(s.core, out, err)
}

// PriceQuote is what a line costs this customer, shown as the clerk builds the sale.
type PriceQuote struct {
	ProductID int64 `json:"productId"`
	RetailFen int64 `json:"retailFen"`
	UnitFen   int64 `json:"unitFen"`
}

// Quote prices every active product for the customer's level (member price or level discount).
func (s *Sales) Quote(customerID int64) ([]PriceQuote, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	m, isMember, err := members.Get(ctx, db, customerID)
	if err != nil {
		return nil, err
	}
	ps, err := sales.Products(ctx, db, true)
	if err != nil {
		return nil, err
	}
	out := []PriceQuote{}
	for _, p := range ps {
		unit := p.RetailFen
		if isMember {
			if unit, err = sales.MemberPrice(ctx, db, p, m.LevelID); err != nil {
				return nil, err
			}
		}
		out = append(out, PriceQuote{ProductID: p.ID, RetailFen: p.RetailFen, UnitFen: unit})
	}
	return out, nil
}

// Record books a sale. Only managers and the owner may change a unit price.
// A clerk's changed price needs a manager's approval on the spot, which covers this one sale.
func (s *Sales) Record(in sales.PurchaseInput) (out sales.Purchase, err error) {
	record := func(canEditPrice bool) func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		return func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
			if out, err = sales.Record(ctx, tx, in, a.ID, canEditPrice); err != nil {
				return err
			}
			if stored := storedOf(out.Payments); stored > 0 {
				if err := s.core.log(ctx, tx, a, "储值消费", "customer", out.CustomerID, out.CustomerName, map[string]any{
					"purchaseId": out.ID, "storedFen": stored, "amountWords": audit.Yuan(stored), "totalFen": out.TotalFen}); err != nil {
					return err
				}
			}
			if len(in.CouponCodes) > 0 {
				if err := s.core.log(ctx, tx, a, "用券消费", "customer", out.CustomerID, out.CustomerName, map[string]any{"purchaseId": out.ID,
					"codes": in.CouponCodes, "totalFen": out.TotalFen, "couponFen": out.CouponFen, "couponWords": audit.Yuan(out.CouponFen)}); err != nil {
					return err
				}
			}
			for _, l := range in.Lines {
				if l.OverridePrice {
					return s.core.log(ctx, tx, a, "改价消费", "customer", out.CustomerID, out.CustomerName,
						map[string]any{"purchaseId": out.ID, "totalFen": out.TotalFen, "lines": in.Lines})
				}
			}
			return nil
		}
	}
	var clerk bool
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		clerk = a.Role == staff.Clerk
		return record(!clerk)(ctx, tx, a)
	})
	if clerk {
		err = s.core.asManager(err, func(p pass) error { return s.core.writeAs(p, record(true)) })
	}
	return shown(s.core, out, err)
}

// Purchases lists a customer's purchases, newest first: those older than the one dated beforeDate
// with id beforeID (0 for the newest).
func (s *Sales) Purchases(customerID int64, beforeDate string, beforeID int64) ([]sales.Purchase, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := sales.ForCustomer(ctx, db, customerID, sales.Page{BeforeDate: beforeDate, BeforeID: beforeID, Limit: ListPage})
	return shown(s.core, res, err)
}

// PlanRefund shows the clerk the refund, including any points shortfall, before confirming.
func (s *Sales) PlanRefund(in sales.RefundInput) (sales.RefundPlan, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return sales.RefundPlan{}, err
	}
	res, err := sales.PlanRefund(ctx, db, in)
	return shown(s.core, res, err)
}

func (s *Sales) Refund(in sales.RefundInput) (out sales.RefundPlan, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = sales.Refund(ctx, tx, in, a.ID); err != nil {
			return err
		}
		stored := storedOf(out.Payback)
		return s.core.log(ctx, tx, a, "退货", "purchase", in.PurchaseID, purchaseLabel(ctx, tx, in.PurchaseID), map[string]any{"amountFen": out.AmountFen,
			"paidFen": out.PaidFen, "pointsReversed": out.ReversePoints, "shortfallPoints": out.ShortfallPoints,
			"storedFen": stored, "couponFen": out.CouponFen, "amountWords": audit.Yuan(out.PaidFen)})
	})
	return shown(s.core, out, err)
}

// storedOf is the stored-value (储值) part of a purchase's payments or a refund's payback.
func storedOf(ps []sales.Payment) int64 {
	var n int64
	for _, p := range ps {
		if p.Method == sales.PayStored {
			n += p.AmountFen
		}
	}
	return n
}
