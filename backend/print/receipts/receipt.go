// Package receipts assembles printed receipts (小票) from the records they describe: a purchase, a
// refund, a recharge, a stored-value spend, stored wine in or out, a gift redemption. The data is put
// together here, in Go, from the ledgers (so a reprint months later shows the balances as they were
// after that record); the layout per paper (58 mm, 80 mm, A5) is the frontend's. Every print is
// recorded, so a second print of the same record is truthfully marked 重打.
package receipts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/settings"
	"jiuke/backend/store"
)

// Kinds of receipt, each named after the record it prints.
const (
	KindPurchase   = "purchase"   // a sale (purchases.id)
	KindRefund     = "refund"     // a refund (refunds.id)
	KindRecharge   = "recharge"   // stored value in (wallet_entries.id)
	KindSpend      = "spend"      // stored value spent (wallet_entries.id)
	KindWine       = "wine"       // 存酒 or 取酒 (wine_entries.id)
	KindRedemption = "redemption" // a gift for points (redemptions.id)
)

// Papers a receipt prints on.
var Papers = []string{"58", "80", "A5"}

// Line is one row of items.
type Line struct {
	Name      string `json:"name"`
	Qty       int64  `json:"qty"`
	UnitFen   int64  `json:"unitFen"`
	AmountFen int64  `json:"amountFen"`
	Detail    string `json:"detail"` // e.g. 会员价, 存放位置
}

// Payment is money by method: paid in, or paid back on a refund.
type Payment struct {
	Label     string `json:"label"`
	AmountFen int64  `json:"amountFen"`
}

// Units of a balance line, for the layout to format.
const (
	UnitFen     = "fen"
	UnitPoints  = "points"
	UnitBottles = "bottles"
)

// Balance is one balance after the record: points, principal, bonus, stored wine.
type Balance struct {
	Label string `json:"label"`
	Value int64  `json:"value"`
	Unit  string `json:"unit"`
}

// Code is a coupon code printed as a barcode.
type Code struct {
	Label string `json:"label"`
	Code  string `json:"code"`
}

// Receipt is everything a printed receipt shows. Times are shop time, already formatted.
type Receipt struct {
	Kind       string    `json:"kind"`
	RefID      int64     `json:"refId"`
	Title      string    `json:"title"`
	No         string    `json:"no"`
	Shop       string    `json:"shop"`
	StaffName  string    `json:"staffName"`
	Time       string    `json:"time"`
	Customer   string    `json:"customer"`
	Mobile     string    `json:"mobile"` // masked for clerks by the app's one masking pass
	CardNumber string    `json:"cardNumber"`
	Lines      []Line    `json:"lines"`
	TotalLabel string    `json:"totalLabel"`
	TotalFen   int64     `json:"totalFen"`
	Payments   []Payment `json:"payments"`
	Balances   []Balance `json:"balances"`
	Codes      []Code    `json:"codes"`
	Notes      []string  `json:"notes"`
	// Signature asks for the customer's signature (取酒).
	Signature bool `json:"signature"`
	// Reprint is true when this record was printed before; Prints counts the prints before this one.
	Reprint bool   `json:"reprint"`
	Prints  int    `json:"prints"`
	Paper   string `json:"paper"`
}

// builders assemble each kind of receipt from its record.
var builders = map[string]func(ctx context.Context, q store.Querier, id int64) (Receipt, error){
	KindPurchase:   purchaseReceipt,
	KindRefund:     refundReceipt,
	KindRecharge:   walletReceipt(KindRecharge),
	KindSpend:      walletReceipt(KindSpend),
	KindWine:       wineReceipt,
	KindRedemption: redemptionReceipt,
}

// Build assembles the receipt of a record without recording a print.
func Build(ctx context.Context, q store.Querier, kind string, id int64) (Receipt, error) {
	build, ok := builders[kind]
	if !ok {
		return Receipt{}, errs.Invalid("kind", "没有这种小票")
	}
	r, err := build(ctx, q, id)
	if err != nil {
		return r, err
	}
	r.Kind, r.RefID = kind, id
	shop, err := settings.Load(ctx, q)
	if err != nil {
		return r, err
	}
	r.Shop = shop.Name
	if r.Lines == nil {
		r.Lines = []Line{}
	}
	if r.Payments == nil {
		r.Payments = []Payment{}
	}
	if r.Balances == nil {
		r.Balances = []Balance{}
	}
	if r.Codes == nil {
		r.Codes = []Code{}
	}
	if r.Notes == nil {
		r.Notes = []string{}
	}
	return r, nil
}

// Preview assembles the receipt as it would print now, without recording a print: Reprint says the
// record was printed before, so printing it again will be marked 重打.
func Preview(ctx context.Context, q store.Querier, kind string, id int64, paper string) (Receipt, error) {
	if paper == "" {
		p, err := DefaultPaper(ctx, q)
		if err != nil {
			return Receipt{}, err
		}
		paper = p
	}
	if !validPaper(paper) {
		return Receipt{}, errs.Invalid("paper", "纸张应为 58、80 或 A5")
	}
	r, err := Build(ctx, q, kind, id)
	if err != nil {
		return r, err
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM receipt_prints WHERE kind = ? AND ref_id = ?`, kind, id).Scan(&r.Prints); err != nil {
		return r, errs.Internal("count prints", err)
	}
	r.Reprint, r.Paper = r.Prints > 0, paper
	return r, nil
}

// Print assembles the receipt and records the print on the given paper ("" for the shop's default);
// a record printed before comes back marked as a reprint.
func Print(ctx context.Context, tx *sql.Tx, kind string, id int64, paper string, staffID int64) (Receipt, error) {
	r, err := Preview(ctx, tx, kind, id, paper)
	if err != nil {
		return r, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO receipt_prints (kind, ref_id, paper, staff_id, printed_at) VALUES (?,?,?,?,?)`,
		kind, id, r.Paper, store.Nullable(staffID), store.Now()); err != nil {
		return r, errs.Internal("record print", err)
	}
	return r, nil
}

func validPaper(p string) bool {
	for _, x := range Papers {
		if p == x {
			return true
		}
	}
	return false
}

const paperKey = "receipt_paper"

// DefaultPaper is the paper the shop prints receipts on unless the clerk picks another: 80 mm until set.
func DefaultPaper(ctx context.Context, q store.Querier) (string, error) {
	var p string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, paperKey).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !validPaper(p)) {
		return "80", nil
	}
	if err != nil {
		return "", errs.Internal("receipt paper", err)
	}
	return p, nil
}

// SaveDefaultPaper sets the shop's receipt paper.
func SaveDefaultPaper(ctx context.Context, tx *sql.Tx, paper string) error {
	if !validPaper(paper) {
		return errs.Invalid("paper", "纸张应为 58、80 或 A5")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		paperKey, paper); err != nil {
		return errs.Internal("save receipt paper", err)
	}
	return nil
}

// shopTime shows a stored UTC time as the shop reads it: 2026-11-23 14:05.
func shopTime(utc string) string {
	t, err := time.Parse(time.RFC3339, utc)
	if err != nil {
		return utc
	}
	return t.In(store.Shop).Format("2006-01-02 15:04")
}

func number(prefix string, id int64) string { return fmt.Sprintf("%s%08d", prefix, id) }

// customer fills the customer's name, mobile and current card.
func customer(ctx context.Context, q store.Querier, r *Receipt, id int64) error {
	var mobile sql.NullString
	err := q.QueryRowContext(ctx, `SELECT name, mobile FROM customers WHERE id = ?`, id).Scan(&r.Customer, &mobile)
	if err != nil {
		return errs.Internal("receipt customer", err)
	}
	r.Mobile = mobile.String
	card, ok, err := members.CurrentCard(ctx, q, id)
	if err != nil {
		return err
	}
	if ok {
		r.CardNumber = card.Number
	}
	return nil
}

// balancesAt lists the customer's balances as they stood once the ledgers held everything up to the
// record: points and stored wine by time (each ledger up to its own last line at or before at, or up
// to the given line), stored value from the last wallet line at or before it.
type upTo struct {
	at          string // the record's UTC time
	pointsEntry int64  // when the record booked points, its own line (exact even within one second)
	walletEntry int64
	wineEntry   int64
}

func balancesAt(ctx context.Context, q store.Querier, customerID int64, u upTo) ([]Balance, error) {
	var pts, bottles int64
	var principal, bonus sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT SUM(points) FROM points_entries WHERE customer_id = ?1 AND (CASE WHEN ?3 > 0 THEN id <= ?3 ELSE created_at <= ?2 END)), 0),
		COALESCE((SELECT SUM(qty) FROM wine_entries WHERE customer_id = ?1 AND (CASE WHEN ?5 > 0 THEN id <= ?5 ELSE created_at <= ?2 END)), 0),
		(SELECT principal_after FROM wallet_entries WHERE customer_id = ?1 AND (CASE WHEN ?4 > 0 THEN id <= ?4 ELSE created_at <= ?2 END) ORDER BY id DESC LIMIT 1),
		(SELECT bonus_after FROM wallet_entries WHERE customer_id = ?1 AND (CASE WHEN ?4 > 0 THEN id <= ?4 ELSE created_at <= ?2 END) ORDER BY id DESC LIMIT 1)`,
		customerID, u.at, u.pointsEntry, u.walletEntry, u.wineEntry).Scan(&pts, &bottles, &principal, &bonus)
	if err != nil {
		return nil, errs.Internal("receipt balances", err)
	}
	out := []Balance{{Label: "积分余额", Value: pts, Unit: UnitPoints}}
	if principal.Valid {
		out = append(out, Balance{Label: "储值本金", Value: principal.Int64, Unit: UnitFen}, Balance{Label: "储值赠送", Value: bonus.Int64, Unit: UnitFen})
	}
	if bottles > 0 {
		out = append(out, Balance{Label: "存酒", Value: bottles, Unit: UnitBottles})
	}
	return out, nil
}
