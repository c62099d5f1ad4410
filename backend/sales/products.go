// Package sales owns the product list (酒品) and purchases (消费记录) with their refunds. A purchase
// earns points and may lift the member's level, all in one transaction. Jiuke keeps no stock.
package sales

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

var Categories = []string{"白酒", "葡萄酒", "啤酒", "洋酒", "黄酒", "服务"}

// Product is one item the shop sells. Prices are in fen; LevelPrices maps level id to member price.
type Product struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Series    string `json:"series"`
	VolumeML  int64  `json:"volumeMl"`
	ABV       string `json:"abv"`
	Category  string `json:"category"`
	RetailFen int64  `json:"retailFen"`
	// BottlesPerCase is the case size banquets order and deliver by; 0 on a save means 6.
	BottlesPerCase int64           `json:"bottlesPerCase"`
	Service        bool            `json:"service"`
	Active         bool            `json:"active"`
	LevelPrices    map[int64]int64 `json:"levelPrices"`
}

// SaveProduct creates (ID 0) or edits a product and its member prices.
func SaveProduct(ctx context.Context, tx *sql.Tx, p Product) (Product, error) {
	p.Name, p.Series, p.ABV = strings.TrimSpace(p.Name), strings.TrimSpace(p.Series), strings.TrimSpace(p.ABV)
	if p.Category == "服务" {
		p.Service = true
	}
	switch {
	case p.Name == "":
		return p, errs.Invalid("name", "请填写酒品名称")
	case utf8.RuneCountInString(p.Name) > 60:
		return p, errs.Invalid("name", "酒品名称不能超过60个字")
	case !slices.Contains(Categories, p.Category):
		return p, errs.Invalid("category", "品类只能是："+strings.Join(Categories, "、"))
	case p.VolumeML < 0 || p.VolumeML > 1_000_000:
		return p, errs.Invalid("volumeMl", "容量应在0到1000000毫升之间")
	case p.BottlesPerCase < 0 || p.BottlesPerCase > 120:
		return p, errs.Invalid("bottlesPerCase", "每箱瓶数应在1到120之间")
	}
	if p.BottlesPerCase == 0 {
		p.BottlesPerCase = 6
	}
	if err := errs.First(errs.Money("retailFen", "零售价", p.RetailFen), errs.Text("series", "系列", p.Series, errs.NameLen),
		errs.Text("abv", "酒精度", p.ABV, 20)); err != nil {
		return p, err
	}
	for lvl, price := range p.LevelPrices {
		if err := errs.Money("levelPrices", "会员价", price); err != nil {
			return p, err
		}
		var n int
		tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM member_levels WHERE id = ?`, lvl).Scan(&n)
		if n == 0 {
			return p, errs.Invalid("levelPrices", "会员价对应的等级不存在")
		}
	}
	ts := store.Now()
	var err error
	if p.ID == 0 {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO products (name, series, volume_ml, abv, category, retail_fen, bottles_per_case, service, active, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, p.Name, p.Series, p.VolumeML, p.ABV, p.Category, p.RetailFen, p.BottlesPerCase, p.Service, p.Active, ts, ts)
		if err == nil {
			p.ID, _ = res.LastInsertId()
		}
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE products SET name=?, series=?, volume_ml=?, abv=?, category=?, retail_fen=?, bottles_per_case=?, service=?, active=?, updated_at=?
			WHERE id=?`, p.Name, p.Series, p.VolumeML, p.ABV, p.Category, p.RetailFen, p.BottlesPerCase, p.Service, p.Active, ts, p.ID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return p, errs.NotFound("酒品不存在")
		}
	}
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return p, errs.Conflict("name", "已有同名同系列同容量的酒品", nil)
	}
	if err != nil {
		return p, errs.Internal("save product", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM product_level_prices WHERE product_id = ?`, p.ID); err != nil {
		return p, errs.Internal("clear member prices", err)
	}
	for lvl, price := range p.LevelPrices {
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_level_prices (product_id, level_id, price_fen) VALUES (?,?,?)`, p.ID, lvl, price); err != nil {
			return p, errs.Internal("save member price", err)
		}
	}
	return GetProduct(ctx, tx, p.ID)
}

// GetProduct loads one product with its member prices.
func GetProduct(ctx context.Context, q store.Querier, id int64) (Product, error) {
	list, err := products(ctx, q, `WHERE p.id = ?`, id)
	if err != nil {
		return Product{}, err
	}
	if len(list) == 0 {
		return Product{}, errs.NotFound("酒品不存在")
	}
	return list[0], nil
}

// Products lists products, active first, then by category and name.
func Products(ctx context.Context, q store.Querier, activeOnly bool) ([]Product, error) {
	where := ""
	if activeOnly {
		where = "WHERE p.active = 1"
	}
	return products(ctx, q, where+` ORDER BY p.active DESC, p.category, p.name`)
}

func products(ctx context.Context, q store.Querier, where string, args ...any) ([]Product, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, p.series, p.volume_ml, p.abv, p.category, p.retail_fen, p.bottles_per_case, p.service, p.active
		FROM products p `+where, args...)
	if err != nil {
		return nil, errs.Internal("list products", err)
	}
	out := []Product{}
	for rows.Next() {
		p := Product{LevelPrices: map[int64]int64{}}
		if err := rows.Scan(&p.ID, &p.Name, &p.Series, &p.VolumeML, &p.ABV, &p.Category, &p.RetailFen, &p.BottlesPerCase, &p.Service, &p.Active); err != nil {
			rows.Close()
			return nil, errs.Internal("scan product", err)
		}
		out = append(out, p)
	}
	rows.Close()
	for i := range out {
		pr, err := q.QueryContext(ctx, `SELECT level_id, price_fen FROM product_level_prices WHERE product_id = ?`, out[i].ID)
		if err != nil {
			return nil, errs.Internal("member prices", err)
		}
		for pr.Next() {
			var l, f int64
			pr.Scan(&l, &f)
			out[i].LevelPrices[l] = f
		}
		pr.Close()
	}
	return out, nil
}

// MemberPrice is what a member of the level pays: the product's price for that level if set,
// otherwise the retail price with the level's discount, rounded to the fen.
func MemberPrice(ctx context.Context, q store.Querier, p Product, levelID int64) (int64, error) {
	if levelID == 0 {
		return p.RetailFen, nil
	}
	if price, ok := p.LevelPrices[levelID]; ok {
		return price, nil
	}
	var pct int64
	err := q.QueryRowContext(ctx, `SELECT discount_pct FROM member_levels WHERE id = ?`, levelID).Scan(&pct)
	if errors.Is(err, sql.ErrNoRows) {
		return p.RetailFen, nil
	}
	if err != nil {
		return 0, errs.Internal("level discount", err)
	}
	return (p.RetailFen*pct + 50) / 100, nil
}
