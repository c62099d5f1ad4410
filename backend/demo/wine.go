package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
	"jiuke/backend/wallet/wine"
)

var winePlaces = []string{"一号酒柜第二层", "一号酒柜第三层", "二号酒柜", "恒温柜A区", "恒温柜B区", "库房货架3"}

// fillWine stores wine the way a shop's regulars do: part of a case bought for a banquet left at the
// shop, a few bottles brought in, some taken out bottle by bottle since, and one lot expiring within
// the week so the dashboard card has something to say. Its own random source keeps the rest of the
// demo unchanged.
func fillWine(ctx context.Context, tx *sql.Tx, staffIDs []int64) error {
	r := rand.New(rand.NewPCG(Seed, 16))
	rows, err := tx.QueryContext(ctx, `SELECT pu.customer_id, pu.id, l.product_id, l.qty FROM purchase_lines l
		JOIN purchases pu ON pu.id = l.purchase_id JOIN products p ON p.id = l.product_id
		WHERE p.category IN ('白酒', '葡萄酒', '洋酒') AND l.qty >= 2 ORDER BY pu.id LIMIT 40`)
	if err != nil {
		return errs.Internal("demo wine purchases", err)
	}
	type line struct{ customer, purchase, product, qty int64 }
	var lines []line
	for rows.Next() {
		var l line
		if err := rows.Scan(&l.customer, &l.purchase, &l.product, &l.qty); err != nil {
			rows.Close()
			return errs.Internal("demo wine purchases", err)
		}
		lines = append(lines, l)
	}
	rows.Close()
	today, _ := time.ParseInLocation(time.DateOnly, store.Today(), store.Shop)
	staff := func() int64 { return staffIDs[r.IntN(len(staffIDs))] }
	for i, l := range lines {
		if i%2 == 1 {
			continue
		}
		left, err := wine.Depositable(ctx, tx, l.customer, l.purchase, l.product)
		if err != nil || left == 0 {
			continue
		}
		in := wine.DepositInput{CustomerID: l.customer, ProductID: l.product, Qty: 1 + r.Int64N(left), PurchaseID: l.purchase,
			Place: pick(r, winePlaces), Key: fmt.Sprintf("demo-wine-%d", i)}
		switch {
		case i == 0:
			in.ExpiresOn, in.Note = today.AddDate(0, 0, 5).Format(time.DateOnly), "宴席剩酒，约定一个月内取"
		case r.IntN(3) == 0:
			in.ExpiresOn = today.AddDate(0, 1+r.IntN(11), 0).Format(time.DateOnly)
		}
		e, _, err := wine.Deposit(ctx, tx, in, staff())
		if err != nil {
			return err
		}
		for n := 0; n < r.IntN(3) && e.After > 1; n++ {
			out, _, err := wine.Withdraw(ctx, tx, wine.WithdrawInput{CustomerID: l.customer, ProductID: l.product, Qty: 1,
				Key: fmt.Sprintf("demo-wine-out-%d-%d", i, n)}, staff())
			if err != nil {
				return err
			}
			e.After = out.After
		}
	}
	// Bottles brought in (自带) for a dinner at the shop's tasting room.
	for i, l := range lines {
		if i%5 != 1 {
			continue
		}
		if _, _, err := wine.Deposit(ctx, tx, wine.DepositInput{CustomerID: l.customer, ProductID: l.product, Qty: 2,
			Place: "恒温柜B区", Note: "自带，聚餐后寄存", Key: fmt.Sprintf("demo-wine-own-%d", i)}, staff()); err != nil {
			return err
		}
	}
	return nil
}
