package banquets

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Stock is kept as movements only (migration 0017): a product's stock on hand is the sum of its
// movements' stock_delta, and a banquet's bottles are accounted for when
// out = opened + returned + lost for each of its products.

// Flow is where one product's bottles went on one banquet.
type Flow struct{ Out, Opened, Returned, Lost int64 }

// Pending is what is still out at the venue, not yet accounted for.
func (f Flow) Pending() int64 { return f.Out - f.Opened - f.Returned - f.Lost }

// move appends one stock movement; idem makes its key unique within the caller's request.
func move(ctx context.Context, tx *sql.Tx, productID, banquetID int64, kind string, bottles int64, idem, note string, actorID int64) error {
	if bottles == 0 {
		return nil
	}
	delta := map[string]int64{"in": bottles, "returned": bottles, "out": -bottles}[kind]
	_, err := tx.ExecContext(ctx, `INSERT INTO stock_movements (product_id, banquet_id, kind, bottles, stock_delta, note, idem_key, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, productID, nullID(banquetID), kind, bottles, delta, note, idem, nullID(actorID), store.Now())
	if err != nil {
		return errs.Internal("insert stock movement", err)
	}
	return nil
}

// Flows sums a banquet's movements per product.
func Flows(ctx context.Context, q store.Querier, banquetID int64) (map[int64]Flow, error) {
	rows, err := q.QueryContext(ctx, `SELECT product_id, kind, SUM(bottles) FROM stock_movements WHERE banquet_id = ?
		GROUP BY product_id, kind`, banquetID)
	if err != nil {
		return nil, errs.Internal("banquet flows", err)
	}
	defer rows.Close()
	out := map[int64]Flow{}
	for rows.Next() {
		var pid, n int64
		var kind string
		if err := rows.Scan(&pid, &kind, &n); err != nil {
			return nil, errs.Internal("scan flow", err)
		}
		f := out[pid]
		switch kind {
		case "out":
			f.Out = n
		case "opened":
			f.Opened = n
		case "returned":
			f.Returned = n
		case "lost":
			f.Lost = n
		}
		out[pid] = f
	}
	return out, rows.Err()
}

// ProductStock is one product's stock as the sum of its movements.
type ProductStock struct {
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	OnHand      int64  `json:"onHand"`     // bottles in the shop
	AtBanquets  int64  `json:"atBanquets"` // out at banquets not yet settled
}

// StockLevels lists every product with a movement.
func StockLevels(ctx context.Context, q store.Querier) ([]ProductStock, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.product_id, p.name, SUM(m.stock_delta),
		SUM(CASE m.kind WHEN 'out' THEN m.bottles WHEN 'in' THEN 0 ELSE -m.bottles END)
		FROM stock_movements m JOIN products p ON p.id = m.product_id GROUP BY m.product_id ORDER BY p.name`)
	if err != nil {
		return nil, errs.Internal("stock levels", err)
	}
	defer rows.Close()
	out := []ProductStock{}
	for rows.Next() {
		var s ProductStock
		if err := rows.Scan(&s.ProductID, &s.ProductName, &s.OnHand, &s.AtBanquets); err != nil {
			return nil, errs.Internal("scan stock", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ReceiveStock records bottles coming into the shop (入库), so returned bottles add to a real figure.
func ReceiveStock(ctx context.Context, tx *sql.Tx, productID, bottles int64, note, idemKey string, actorID int64) (bool, error) {
	idemKey, note = strings.TrimSpace(idemKey), strings.TrimSpace(note)
	if idemKey == "" {
		return false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	if err := errs.First(errs.Text("idemKey", "请求编号", idemKey, errs.KeyLen), errs.Text("note", "备注", note, errs.LineLen)); err != nil {
		return false, err
	}
	var n int
	tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stock_movements WHERE idem_key = ?`, "in:"+idemKey).Scan(&n)
	if n > 0 {
		return false, nil
	}
	if bottles < 1 || bottles > 1_000_000 {
		return false, errs.Invalid("bottles", "入库瓶数应在1到1000000之间")
	}
	tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM products WHERE id = ? AND service = 0`, productID).Scan(&n)
	if n == 0 {
		return false, errs.Invalid("productId", "酒品不存在")
	}
	return true, move(ctx, tx, productID, 0, "in", bottles, "in:"+idemKey, note, actorID)
}

// returnAll brings back every bottle still out (a cancelled banquet), so the flows balance.
func returnAll(ctx context.Context, tx *sql.Tx, banquetID, actorID int64) (int64, error) {
	flows, err := Flows(ctx, tx, banquetID)
	if err != nil {
		return 0, err
	}
	var total int64
	for pid, f := range flows {
		if p := f.Pending(); p > 0 {
			if err := move(ctx, tx, pid, banquetID, "returned", p, fmt.Sprintf("cancel:%d:%d", banquetID, pid), "宴席取消退回", actorID); err != nil {
				return 0, err
			}
			total += p
		}
	}
	return total, nil
}
