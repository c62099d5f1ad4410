package demo

import (
	"context"
	"testing"

	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet/wine"
)

// The demo shop has wine stored from purchases and brought in, some taken out, and a lot expiring
// within the week for the dashboard card.
func TestDemoShopStoresWine(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 300); err != nil {
		t.Fatal(err)
	}
	var fromPurchases, broughtIn, withdrawals int
	storetest.QueryRow(t, db.R, `SELECT COUNT(purchase_id), SUM(kind = 'deposit' AND purchase_id IS NULL) FROM wine_entries WHERE kind = 'deposit'`).
		Scan(&fromPurchases, &broughtIn)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM wine_entries WHERE kind = 'withdraw'`).Scan(&withdrawals)
	page, err := wine.Holders(ctx, db.R, wine.HoldersQuery{})
	if err != nil {
		t.Fatal(err)
	}
	soon, err := wine.Expiring(ctx, db.R, 7, 10)
	if err != nil {
		t.Fatal(err)
	}
	if fromPurchases < 5 || broughtIn < 2 || withdrawals < 3 || page.Total < 5 || len(soon) < 1 {
		t.Fatalf("from purchases %d, brought in %d, withdrawals %d, holders %d, expiring this week %d",
			fromPurchases, broughtIn, withdrawals, page.Total, len(soon))
	}
}
