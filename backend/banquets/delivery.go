package banquets

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// DeliveryLine is one product taken out: cases and loose bottles.
type DeliveryLine struct {
	ProductID int64 `json:"productId"`
	Cases     int64 `json:"cases"`
	Bottles   int64 `json:"bottles"`
}

// CodeInput is one code scanned, with the product it is on.
type CodeInput struct {
	Code      string `json:"code"`
	ProductID int64  `json:"productId"`
}

// DeliveryInput is one run out to the venue.
type DeliveryInput struct {
	Lines   []DeliveryLine `json:"lines"`
	Codes   []CodeInput    `json:"codes"`
	Note    string         `json:"note"`
	IdemKey string         `json:"idemKey"`
}

// MaxCodes bounds the codes of one delivery (a big wedding is a few hundred bottles).
const MaxCodes = 2000

// NormalizeCode trims what a scanner or a hand adds around a code and refuses what no code holds.
func NormalizeCode(code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", errs.Invalid("code", "码不能为空")
	}
	if len(code) > 64 {
		return "", errs.Invalid("code", "码不能超过64个字符")
	}
	for _, r := range code {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:", r)) {
			return "", errs.Invalid("code", fmt.Sprintf("码「%s」含有不能识别的字符", code))
		}
	}
	return code, nil
}

// CheckCode tells the scan box at once whether a code may go on this banquet: not scanned before,
// here or on another banquet.
func CheckCode(ctx context.Context, q store.Querier, banquetID int64, code string) (string, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return "", err
	}
	var other int64
	var host, kind string
	err = q.QueryRowContext(ctx, `SELECT c.banquet_id, h.name, b.kind FROM banquet_codes c JOIN banquets b ON b.id = c.banquet_id
		JOIN customers h ON h.id = b.host_id WHERE c.code = ?`, code).Scan(&other, &host, &kind)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return code, nil
	case err != nil:
		return "", errs.Internal("check code", err)
	case other == banquetID:
		return "", errs.Invalid("code", fmt.Sprintf("码「%s」已扫过", code))
	}
	return "", errs.Invalid("code", fmt.Sprintf("码「%s」已登记在宴席 #%d（%s %s）", code, other, host, kind))
}

// Deliver records wine going out: stock movements 'out' per product and the codes scanned. The first
// delivery moves the banquet to 已送酒; more may follow until it is held. A repeated IdemKey answers
// the delivery it made (false).
func Deliver(ctx context.Context, tx *sql.Tx, banquetID int64, in DeliveryInput, actorID int64) (Delivery, bool, error) {
	in.IdemKey, in.Note = strings.TrimSpace(in.IdemKey), strings.TrimSpace(in.Note)
	if in.IdemKey == "" {
		return Delivery{}, false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	if err := errs.First(errs.Text("idemKey", "请求编号", in.IdemKey, errs.KeyLen), errs.Text("note", "备注", in.Note, errs.LineLen)); err != nil {
		return Delivery{}, false, err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM banquet_deliveries WHERE idem_key = ?`, in.IdemKey).Scan(&id); err == nil {
		return Delivery{ID: id}, false, nil
	}
	b, err := Get(ctx, tx, banquetID)
	if err != nil {
		return Delivery{}, false, err
	}
	if b.State != StateRegistered && b.State != StateDelivered {
		return Delivery{}, false, errs.Invalid("state", "宴席已"+b.State+"，不能再送酒")
	}
	perCase := map[int64]int64{}
	names := map[int64]string{}
	if err := each(ctx, tx, `SELECT l.product_id, p.name, l.bottles_per_case FROM banquet_lines l JOIN products p ON p.id = l.product_id
		WHERE l.banquet_id = ?`, []any{banquetID}, func(r *sql.Rows) error {
		var pid, n int64
		var name string
		if err := r.Scan(&pid, &name, &n); err != nil {
			return err
		}
		perCase[pid], names[pid] = n, name
		return nil
	}); err != nil {
		return Delivery{}, false, err
	}
	if len(in.Lines) == 0 {
		return Delivery{}, false, errs.Invalid("lines", "请填写送出的箱数或瓶数")
	}
	if len(in.Codes) > MaxCodes {
		return Delivery{}, false, errs.Invalid("codes", fmt.Sprintf("一次送酒最多扫%d个码", MaxCodes))
	}
	bottles := map[int64]int64{}
	var total int64
	for i, l := range in.Lines {
		field := fmt.Sprintf("lines.%d", i)
		name, ok := names[l.ProductID]
		if !ok {
			return Delivery{}, false, errs.Invalid(field, fmt.Sprintf("第%d行：酒品不在本宴席的订单中", i+1))
		}
		if l.Cases < 0 || l.Bottles < 0 || l.Cases > 10_000 || l.Bottles > 100_000 {
			return Delivery{}, false, errs.Invalid(field, fmt.Sprintf("「%s」数量应在0到10000箱、0到100000瓶之间", name))
		}
		if _, dup := bottles[l.ProductID]; dup {
			return Delivery{}, false, errs.Invalid(field, fmt.Sprintf("「%s」填了两次，请合并为一行", name))
		}
		bottles[l.ProductID] = l.Cases*perCase[l.ProductID] + l.Bottles
		total += bottles[l.ProductID]
	}
	if total == 0 {
		return Delivery{}, false, errs.Invalid("lines", "送出的箱数和瓶数不能都为0")
	}
	seen := map[string]bool{}
	codes := make([]CodeInput, 0, len(in.Codes))
	for _, c := range in.Codes {
		code, err := CheckCode(ctx, tx, banquetID, c.Code)
		if err != nil {
			return Delivery{}, false, err
		}
		if seen[code] {
			return Delivery{}, false, errs.Invalid("codes", fmt.Sprintf("码「%s」扫了两次", code))
		}
		seen[code] = true
		if c.ProductID != 0 {
			if _, ok := names[c.ProductID]; !ok {
				return Delivery{}, false, errs.Invalid("codes", fmt.Sprintf("码「%s」对应的酒品不在本宴席的订单中", code))
			}
		}
		codes = append(codes, CodeInput{code, c.ProductID})
	}
	ts := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO banquet_deliveries (banquet_id, note, idem_key, delivered_by, delivered_at) VALUES (?,?,?,?,?)`,
		banquetID, in.Note, in.IdemKey, nullID(actorID), ts)
	if err != nil {
		return Delivery{}, false, errs.Internal("insert delivery", err)
	}
	id, _ = res.LastInsertId()
	for pid, n := range bottles {
		if err := move(ctx, tx, pid, banquetID, "out", n, fmt.Sprintf("dlv:%d:%d", id, pid), "宴席送酒", actorID); err != nil {
			return Delivery{}, false, err
		}
	}
	for _, c := range codes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_codes (banquet_id, product_id, code, scanned_by, scanned_at) VALUES (?,?,?,?,?)`,
			banquetID, nullID(c.ProductID), c.Code, nullID(actorID), ts); err != nil {
			return Delivery{}, false, errs.Internal("insert code", err)
		}
	}
	if b.State == StateRegistered {
		if _, err := setState(ctx, tx, banquetID, StateDelivered); err != nil {
			return Delivery{}, false, err
		}
	}
	return Delivery{ID: id, Note: in.Note, DeliveredAt: ts, Bottles: total}, true, nil
}
