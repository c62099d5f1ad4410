package wine

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/sales"
)

// A refund may not take back bottles that stand on the shop's shelf as the customer's stored wine:
// the shop would pay for wine it still holds for them. The hook runs inside the refund's transaction,
// after its lines are written, so refusing it leaves nothing changed.
func init() { sales.RegisterAfterRefund(checkStoredOnRefund) }

// checkStoredOnRefund holds, for every product the refund returns, what the purchase still holds
// (sold less every refund) to at least the bottles of it still stored: those deposited from this
// purchase, but no more than the customer still has of the product (bottles already taken out went
// home and may come back for a refund). Refused with the most that may be refunded, and the advice
// to take the wine out first.
func checkStoredOnRefund(ctx context.Context, tx *sql.Tx, r sales.RefundRecorded) error {
	rows, err := tx.QueryContext(ctx, `SELECT p.name, SUM(l.qty),
		COALESCE((SELECT SUM(rl.qty) FROM refund_lines rl JOIN purchase_lines x ON x.id = rl.line_id
		  WHERE x.purchase_id = ?1 AND x.product_id = l.product_id), 0),
		COALESCE((SELECT SUM(rl.qty) FROM refund_lines rl JOIN purchase_lines x ON x.id = rl.line_id
		  WHERE rl.refund_id = ?2 AND x.product_id = l.product_id), 0),
		COALESCE((SELECT SUM(e.qty) FROM wine_entries e WHERE e.purchase_id = ?1 AND e.product_id = l.product_id AND e.kind = 'deposit'), 0),
		COALESCE((SELECT s.bottles FROM wine_stock s WHERE s.customer_id = ?3 AND s.product_id = l.product_id), 0)
		FROM purchase_lines l JOIN products p ON p.id = l.product_id
		WHERE l.purchase_id = ?1
		GROUP BY l.product_id
		HAVING EXISTS (SELECT 1 FROM wine_entries e WHERE e.purchase_id = ?1 AND e.product_id = l.product_id)`,
		r.PurchaseID, r.RefundID, r.CustomerID)
	if err != nil {
		return errs.Internal("stored wine of refunded purchase", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var sold, refunded, now, deposited, stock int64
		if err := rows.Scan(&name, &sold, &refunded, &now, &deposited, &stock); err != nil {
			return errs.Internal("scan stored wine of refund", err)
		}
		stored := min(deposited, stock)
		if now == 0 || sold-refunded >= stored {
			continue
		}
		most := max(0, sold-(refunded-now)-stored)
		return errs.Conflict("lines", fmt.Sprintf("这笔消费的「%s」还有 %d 瓶存在店里（存酒），退货 %d 瓶后这笔消费只剩 %d 瓶，最多可退 %d 瓶；请先为客户取酒再退货",
			name, stored, now, sold-refunded, most), nil)
	}
	return rows.Err()
}
