package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/wallet"
)

// fillWallet gives the demo shop a season of stored value: the usual packages, recharges by about
// half the members over the past months, purchases paid by stored value (alone or with WeChat or
// cash), and one member who closed their card (退卡).
func fillWallet(ctx context.Context, tx *sql.Tx, r *rand.Rand, staffIDs []int64) error {
	pk, err := wallet.SavePackages(ctx, tx, []wallet.Package{
		{Name: "充500送30", PayFen: 50000, BonusFen: 3000, Active: true},
		{Name: "充1000送100", PayFen: 100000, BonusFen: 10000, Points: 200, Active: true},
		{Name: "充3000送400", PayFen: 300000, BonusFen: 40000, Points: 800, Active: true},
		{Name: "充5000送800", PayFen: 500000, BonusFen: 80000, Points: 1500, Active: true},
	})
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT customer_id FROM memberships ORDER BY customer_id`)
	if err != nil {
		return err
	}
	var mems []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		mems = append(mems, id)
	}
	rows.Close()
	var products []sales.Product
	if products, err = sales.Products(ctx, tx, true); err != nil {
		return err
	}
	methods := []string{"wechat", "wechat", "alipay", "cash", "card"}
	start := time.Now().In(store.Shop).AddDate(0, -9, 0)
	key := 0
	var closing int64
	for i, id := range mems {
		if i%2 == 1 {
			continue
		}
		staffID := staffIDs[r.IntN(len(staffIDs))]
		at := start.Add(time.Duration(r.IntN(60*24)) * time.Hour)
		key++
		in := wallet.RechargeInput{CustomerID: id, PackageID: pk[r.IntN(3)].ID, Method: methods[r.IntN(len(methods))], Key: fmt.Sprintf("demo-%d", key)}
		if i%7 == 0 {
			in.PackageID, in.AmountFen = 0, int64(200+r.IntN(8)*100)*100 // a custom amount, no bonus
		}
		if _, err := wallet.Recharge(wallet.At(ctx, at), tx, in, staffID); err != nil {
			return fmt.Errorf("演示充值: %w", err)
		}
		for n := 1 + r.IntN(4); n > 0; n-- {
			at = at.Add(time.Duration(24+r.IntN(24*40)) * time.Hour)
			if at.After(time.Now()) {
				break
			}
			bal, err := wallet.BalanceOf(ctx, tx, id)
			if err != nil {
				return err
			}
			p := products[r.IntN(len(products))]
			total := p.RetailFen // retail: the demo's stored-value sales use no level price
			stored := min(total, bal.Total())
			if stored == 0 {
				break
			}
			pay := []sales.Payment{{Method: sales.PayStored, AmountFen: stored}}
			if stored < total {
				pay = append(pay, sales.Payment{Method: methods[r.IntN(len(methods))], AmountFen: total - stored})
			}
			key++
			if _, err := sales.Record(wallet.At(ctx, at), tx, sales.PurchaseInput{CustomerID: id, Date: at.In(store.Shop).Format(time.DateOnly),
				Key: fmt.Sprintf("demo-wallet-%d", key), Payments: pay,
				Lines: []sales.LineInput{{ProductID: p.ID, Qty: 1, OverridePrice: true, UnitFen: p.RetailFen}}}, staffID, true); err != nil {
				return fmt.Errorf("演示储值消费: %w", err)
			}
		}
		if closing == 0 && i > 10 {
			closing = id
		}
	}
	if closing != 0 {
		if _, _, err := wallet.Close(wallet.At(ctx, time.Now().AddDate(0, 0, -3)), tx,
			wallet.CloseInput{CustomerID: closing, Method: "wechat", Reason: "客户搬离本市", Key: "demo-close"}, staffIDs[0]); err != nil {
			return fmt.Errorf("演示退卡: %w", err)
		}
	}
	return nil
}
