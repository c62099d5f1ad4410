package app

import (
	"context"
	"database/sql"

	"jiuke/backend/print/receipts"
	"jiuke/backend/staff"
)

// Receipts is the receipt service (小票): the data of a receipt for a record, put together in Go and
// laid out per paper by the frontend, which prints it through the system print dialog.
type Receipts struct{ core *Core }

// Print returns the receipt of a record (kind: purchase, refund, recharge, spend, wine, redemption, coupon) and
// records the print; a record printed before comes back marked 重打. paper "" uses the shop's default.
// Reprints are in the operation log: a second copy of a receipt is how a till is cheated.
func (s *Receipts) Print(kind string, id int64, paper string) (out receipts.Receipt, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = receipts.Print(ctx, tx, kind, id, paper, a.ID); err != nil || !out.Reprint {
			return err
		}
		return s.core.log(ctx, tx, a, "重打小票", "receipt", id, out.Title+" "+out.No, map[string]any{"prints": out.Prints + 1, "paper": out.Paper})
	})
	return shown(s.core, out, err)
}

// Preview shows a record's receipt without printing it (the reprint page of a history row).
func (s *Receipts) Preview(kind string, id int64, paper string) (receipts.Receipt, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return receipts.Receipt{}, err
	}
	res, err := receipts.Preview(ctx, db, kind, id, paper)
	return shown(s.core, res, err)
}

// Paper is the shop's default receipt paper: 58, 80 or A5.
func (s *Receipts) Paper() (string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return "", err
	}
	return receipts.DefaultPaper(ctx, db)
}

// SavePaper sets the shop's default receipt paper.
func (s *Receipts) SavePaper(paper string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := receipts.DefaultPaper(ctx, tx)
		if err != nil {
			return err
		}
		if err := receipts.SaveDefaultPaper(ctx, tx, paper); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "设置小票纸张", "settings", 0, "小票纸张", map[string]any{"paper": paper, "oldPaper": old})
	})
}
