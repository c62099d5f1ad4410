package app

import (
	"context"
	"database/sql"

	"jiuke/backend/staff"
	"jiuke/backend/wallet/wine"
)

// Wine is the stored-wine service (存酒): bottles customers leave at the shop and take out (取酒).
// Every staff member may store and hand out wine; each write is in the operation log.
type Wine struct{ core *Core }

// Deposit stores bottles for a customer, from one of their purchases or brought in (自带).
func (s *Wine) Deposit(in wine.DepositInput) (out wine.Entry, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var created bool
		if out, created, err = wine.Deposit(ctx, tx, in, a.ID); err != nil || !created {
			return err
		}
		return s.core.log(ctx, tx, a, "存酒", "customer", out.CustomerID, customerLabel(ctx, tx, out.CustomerID), map[string]any{
			"product": out.ProductName, "bottles": out.Qty, "bottlesAfter": out.After, "purchaseId": out.PurchaseID,
			"place": out.Place, "expiresOn": out.ExpiresOn})
	})
	return out, err
}

// Withdraw hands bottles out (取酒); more than stored is refused naming both figures.
func (s *Wine) Withdraw(in wine.WithdrawInput) (out wine.Entry, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var created bool
		if out, created, err = wine.Withdraw(ctx, tx, in, a.ID); err != nil || !created {
			return err
		}
		return s.core.log(ctx, tx, a, "取酒", "customer", out.CustomerID, customerLabel(ctx, tx, out.CustomerID), map[string]any{
			"product": out.ProductName, "bottles": -out.Qty, "bottlesAfter": out.After})
	})
	return out, err
}

// Balances lists what a customer has stored now, by product.
func (s *Wine) Balances(customerID int64) ([]wine.Held, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wine.Balances(ctx, db, customerID)
}

// Ledger lists a customer's stored-wine lines newest first, before beforeID (0 for the newest).
func (s *Wine) Ledger(customerID, beforeID int64) ([]wine.Entry, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wine.Ledger(ctx, db, customerID, beforeID, ListPage)
}

// Sources lists the customer's purchases that still have bottles to store, for the deposit form.
func (s *Wine) Sources(customerID int64) ([]wine.Source, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wine.Sources(ctx, db, customerID, ListPage)
}

// Holders lists who has wine stored, a page at a time.
func (s *Wine) Holders(q wine.HoldersQuery) (wine.HoldersPage, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return wine.HoldersPage{}, err
	}
	res, err := wine.Holders(ctx, db, q)
	return shown(s.core, res, err)
}

// Expiring lists stored wine whose date falls within days from today, soonest first.
func (s *Wine) Expiring(days int) ([]wine.ExpiringLot, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := wine.Expiring(ctx, db, days, 500)
	return shown(s.core, res, err)
}

// Stock lists stored bottles per product.
func (s *Wine) Stock() ([]wine.ProductStock, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return wine.Stock(ctx, db)
}
