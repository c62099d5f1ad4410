package sales

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// ImportedPurchase is a sale copied from an old ledger: a date, what was bought as the ledger wrote it
// (free text, not a product of ours) and the amount. It earns no points and moves no level: both were
// settled in the old ledger, whose balances are imported separately.
type ImportedPurchase struct {
	CustomerID int64
	Date       string // YYYY-MM-DD
	Product    string
	AmountFen  int64
	BatchID    int64
	// Key makes a re-imported row record once, like PurchaseInput.Key.
	Key string
}

// RecordImported stores an imported purchase with one line in the caller's transaction. With a key
// already used it records nothing and returns the existing purchase's id and created=false.
func RecordImported(ctx context.Context, tx *sql.Tx, in ImportedPurchase, staffID int64) (int64, bool, error) {
	in.Product = strings.TrimSpace(in.Product)
	if in.Product == "" {
		in.Product = "历史消费"
	}
	switch {
	case in.Key == "":
		return 0, false, errs.Internal("imported purchase", errors.New("missing idempotency key"))
	case in.AmountFen < 0:
		return 0, false, errs.Invalid("amount", "消费金额不能为负数")
	case utf8.RuneCountInString(in.Product) > 100:
		return 0, false, errs.Invalid("product", "商品名称不能超过100个字")
	}
	if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
		return 0, false, errs.Invalid("date", "消费日期格式应为 2026-11-23")
	}
	if in.Date > store.Today() {
		return 0, false, errs.Invalid("date", "消费日期不能晚于今天")
	}
	var done int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM purchases WHERE idem_key = ?`, in.Key).Scan(&done)
	if err == nil {
		return done, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, errs.Internal("imported purchase idempotency", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, staff_id, date, total_fen, points_earned, earns_points, note,
		idem_key, import_batch_id, created_at) VALUES (?,?,?,?,0,0,'导入的历史消费',?,?,?)`,
		in.CustomerID, store.Nullable(staffID), in.Date, in.AmountFen, in.Key, store.Nullable(in.BatchID), store.Now())
	if err != nil {
		return 0, false, errs.Internal("insert imported purchase", err)
	}
	id, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_lines (purchase_id, product_name, qty, unit_fen, amount_fen, points)
		VALUES (?,?,1,?,?,0)`, id, in.Product, in.AmountFen, in.AmountFen); err != nil {
		return 0, false, errs.Internal("insert imported purchase line", err)
	}
	return id, true, nil
}

// DeleteImported removes the purchases a batch recorded (undoing the batch). Imported purchases earn
// no points and the batch's undo has checked nobody refunded them, so nothing else points at them.
func DeleteImported(ctx context.Context, tx *sql.Tx, batchID int64) (int64, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM purchase_lines WHERE purchase_id IN (SELECT id FROM purchases WHERE import_batch_id = ?)`, batchID); err != nil {
		return 0, errs.Internal("delete imported purchase lines", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM purchases WHERE import_batch_id = ?`, batchID)
	if err != nil {
		return 0, errs.Internal("delete imported purchases", err)
	}
	return res.RowsAffected()
}
