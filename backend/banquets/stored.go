package banquets

import (
	"context"
	"database/sql"
	"fmt"
)

// StoredMove is a 储值 payment on a banquet as the wallet books it. AmountFen > 0 is taken from the
// host's stored value (a deposit or the balance); < 0 goes back to it (a refund), split as the
// entries in Entries (this banquet's earlier stored-value lines) still leave unreturned.
type StoredMove struct {
	BanquetID int64
	HostID    int64
	AmountFen int64
	Entries   []int64
	StaffID   int64
	Key       string
	Note      string
}

// The wallet registers how it books a move (wallet imports banquets, never the reverse), so the
// payment and its stored-value line are written in one transaction or not at all.
var storedValue func(ctx context.Context, tx *sql.Tx, m StoredMove) (entryID int64, err error)

// RegisterStoredValue sets the function that books 储值 payments. Call it from an init function.
func RegisterStoredValue(fn func(ctx context.Context, tx *sql.Tx, m StoredMove) (int64, error)) {
	storedValue = fn
}

// storedPaid is what the host paid this banquet by stored value and has not had back yet, and the
// wallet lines behind it.
func storedPaid(ctx context.Context, tx *sql.Tx, banquetID int64) (net int64, entries []int64, err error) {
	err = each(ctx, tx, `SELECT amount_fen, COALESCE(wallet_entry_id, 0) FROM banquet_payments WHERE banquet_id = ? AND method = ? ORDER BY id`,
		[]any{banquetID, WalletMethod}, func(r *sql.Rows) error {
			var amount, entry int64
			if err := r.Scan(&amount, &entry); err != nil {
				return err
			}
			net += amount
			if entry != 0 {
				entries = append(entries, entry)
			}
			return nil
		})
	return net, entries, err
}

// storedNote names the banquet on the host's wallet statement.
func storedNote(b Banquet, kind string) string {
	what := map[string]string{"deposit": "订金", "settle": "结算付款", "refund": "退款退回储值"}[kind]
	return fmt.Sprintf("宴席 #%d %s%s", b.ID, b.Kind, what)
}
