package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

type demoProduct struct {
	name, series, category, abv string
	ml, retailYuan              int64
}

var demoProducts = []demoProduct{
	{"飞天茅台", "贵州茅台", "白酒", "53%vol", 500, 2999},
	{"第八代五粮液", "五粮液", "白酒", "52%vol", 500, 1099},
	{"国窖1573", "泸州老窖", "白酒", "52%vol", 500, 999},
	{"剑南春水晶剑", "剑南春", "白酒", "52%vol", 500, 459},
	{"郎酒红花郎10年", "郎酒", "白酒", "53%vol", 500, 398},
	{"拉菲传奇波尔多干红", "拉菲", "葡萄酒", "13%vol", 750, 268},
	{"奔富Bin389", "奔富", "葡萄酒", "14.5%vol", 750, 699},
	{"张裕解百纳", "张裕", "葡萄酒", "12%vol", 750, 128},
	{"青岛啤酒经典", "青岛", "啤酒", "4.3%vol", 500, 8},
	{"轩尼诗VSOP", "轩尼诗", "洋酒", "40%vol", 700, 568},
	{"古越龙山十年陈", "古越龙山", "黄酒", "14%vol", 500, 98},
	{"私人品鉴会席位", "", "服务", "", 0, 300},
	{"封坛存酒服务（年）", "", "服务", "", 0, 500},
}

var demoGifts = []points.Gift{
	{Name: "水晶醒酒器", PointsCost: 3000, Stock: 20, Active: true},
	{Name: "品鉴酒杯六只装", PointsCost: 1500, Stock: 50, Active: true},
	{Name: "小瓶装品鉴酒 100ml", PointsCost: 800, Stock: 100, Active: true},
	{Name: "定制开瓶器", PointsCost: 300, Stock: 200, Active: true},
}

// fillShop adds the membership side of the demo: products, gifts, members with cards, purchases over
// the last eighteen months (with the upgrades they cause) and a few redemptions.
func fillShop(ctx context.Context, tx *sql.Tx, r *rand.Rand, ids, staffIDs []int64) error {
	if err := members.SaveCardPrefix(ctx, tx, "8"); err != nil {
		return err
	}
	var products []sales.Product
	for _, d := range demoProducts {
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: d.name, Series: d.series, Category: d.category, ABV: d.abv,
			VolumeML: d.ml, RetailFen: d.retailYuan * 100, Active: true})
		if err != nil {
			return err
		}
		products = append(products, p)
	}
	for _, g := range demoGifts {
		if _, err := points.SaveGift(ctx, tx, g); err != nil {
			return err
		}
	}
	today := time.Now().In(store.Shop)
	key := 0
	for i, id := range ids {
		if i%5 >= 2 { // two in five customers are members
			continue
		}
		staffID := staffIDs[r.IntN(len(staffIDs))]
		var mobile string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(mobile, '') FROM customers WHERE id = ?`, id).Scan(&mobile); err != nil || mobile == "" {
			continue
		}
		if _, err := members.Register(ctx, tx, members.RegisterInput{Mobile: mobile}, staffID); err != nil {
			return fmt.Errorf("演示会员: %w", err)
		}
		for n := r.IntN(8); n > 0; n-- {
			key++
			p := products[r.IntN(len(products))]
			date := today.AddDate(0, 0, -r.IntN(540)).Format(time.DateOnly)
			if _, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: id, Date: date, Key: fmt.Sprintf("demo-%d", key),
				Lines: []sales.LineInput{{ProductID: p.ID, Qty: int64(1 + r.IntN(6))}}}, staffID, false); err != nil {
				return fmt.Errorf("演示消费: %w", err)
			}
		}
	}
	return nil
}
