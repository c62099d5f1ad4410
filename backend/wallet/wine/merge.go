package wine

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/customers"
)

// A merge moves every bottle the merged customer has stored to the survivor, lot by lot so each keeps
// its expiry date, place and purchase. The ledger is append-only, so the move is a pair of lines.
// A replaced card needs nothing: stored wine belongs to the customer, not the card.
func init() {
	customers.RegisterMergeStep(customers.MergeStep{Label: "存酒", Move: func(ctx context.Context, tx *sql.Tx, survivorID, mergedID int64) (int64, error) {
		held, err := Balances(ctx, tx, mergedID)
		if err != nil {
			return 0, err
		}
		var moved int64
		for _, h := range held {
			lots, err := openLots(ctx, tx, mergedID, h.ProductID)
			if err != nil {
				return 0, err
			}
			for _, l := range lots {
				out := Entry{CustomerID: mergedID, ProductID: h.ProductID, Kind: KindMerge, Qty: -l.Remaining,
					Note: fmt.Sprintf("合并转出到客户 #%d", survivorID)}
				if _, err := insert(ctx, tx, out, fmt.Sprintf("wine-merge-out:%d", l.EntryID), 0); err != nil {
					return 0, err
				}
				in := Entry{CustomerID: survivorID, ProductID: h.ProductID, Kind: KindMerge, Qty: l.Remaining, PurchaseID: l.Purchase,
					Place: l.Place, ExpiresOn: l.ExpiresOn, Note: fmt.Sprintf("合并转入自客户 #%d", mergedID)}
				if _, err := insert(ctx, tx, in, fmt.Sprintf("wine-merge-in:%d", l.EntryID), 0); err != nil {
					return 0, err
				}
				moved += l.Remaining
			}
		}
		return moved, nil
	}})
}
