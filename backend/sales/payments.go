package sales

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Payment methods: stored value (储值, taken from the member's wallet inside the purchase's own
// transaction by an after-purchase hook) and labels for money taken outside Jiuke.
const (
	PayStored = "stored"
	PayCash   = "cash"
	PayWeChat = "wechat"
	PayAlipay = "alipay"
	PayCard   = "card"
)

// PaymentLabels names each method as the clerk reads it.
var PaymentLabels = map[string]string{PayStored: "储值", PayCash: "现金", PayWeChat: "微信", PayAlipay: "支付宝", PayCard: "银行卡"}

// Payment is one part of how a purchase was paid, or where a refund's money goes back.
type Payment struct {
	Method    string `json:"method"`
	AmountFen int64  `json:"amountFen"`
}

const maxPayments = 5

// checkPayments refuses payments that are not a known method, not a positive amount, or that do not
// add up to the amount due. No payments at all is a sale recorded without them (history, imports).
func checkPayments(ps []Payment, due int64) error {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) > maxPayments {
		return errs.Invalid("payments", fmt.Sprintf("一笔消费最多%d种付款方式", maxPayments))
	}
	var sum int64
	for i, p := range ps {
		field := fmt.Sprintf("payments[%d].amountFen", i)
		label, ok := PaymentLabels[p.Method]
		if !ok {
			return errs.Invalid(fmt.Sprintf("payments[%d].method", i), fmt.Sprintf("第%d种付款方式无效", i+1))
		}
		if p.AmountFen == 0 {
			return errs.Invalid(field, label+"支付金额应大于0")
		}
		if err := errs.Money(field, label+"支付金额", p.AmountFen); err != nil {
			return err
		}
		sum += p.AmountFen
	}
	if sum != due {
		return errs.Invalid("payments", fmt.Sprintf("付款合计 %s 与应付 %s 不符", yuan(sum), yuan(due)))
	}
	return nil
}

// storedPart is how much of the payments comes from stored value.
func storedPart(ps []Payment) int64 {
	var s int64
	for _, p := range ps {
		if p.Method == PayStored {
			s += p.AmountFen
		}
	}
	return s
}

func savePayments(ctx context.Context, tx *sql.Tx, purchaseID int64, ps []Payment) error {
	for i, p := range ps {
		if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_payments (purchase_id, seq, method, amount_fen) VALUES (?,?,?,?)`,
			purchaseID, i, p.Method, p.AmountFen); err != nil {
			return errs.Internal("insert payment", err)
		}
	}
	return nil
}

// Payments reads how a purchase was paid, in the order the clerk entered the parts.
func Payments(ctx context.Context, q store.Querier, purchaseID int64) ([]Payment, error) {
	return readPayments(ctx, q, `SELECT method, amount_fen FROM purchase_payments WHERE purchase_id = ? ORDER BY seq`, purchaseID)
}

func readPayments(ctx context.Context, q store.Querier, query string, id int64) ([]Payment, error) {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, errs.Internal("payments", err)
	}
	defer rows.Close()
	out := []Payment{}
	for rows.Next() {
		var p Payment
		if err := rows.Scan(&p.Method, &p.AmountFen); err != nil {
			return nil, errs.Internal("scan payment", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// payback splits the money a refund returns over the purchase's payments: stored value first (it
// goes back on the card, no money leaves the till), then the other methods in the order paid, each
// up to what it paid less what earlier refunds already returned to it.
func payback(ctx context.Context, q store.Querier, purchaseID, paid int64) ([]Payment, error) {
	ps, err := Payments(ctx, q, purchaseID)
	if err != nil || len(ps) == 0 {
		return []Payment{}, err
	}
	back, err := readPayments(ctx, q, `SELECT rp.method, SUM(rp.amount_fen) FROM refund_payments rp JOIN refunds r ON r.id = rp.refund_id
		WHERE r.purchase_id = ? GROUP BY rp.method`, purchaseID)
	if err != nil {
		return nil, err
	}
	left := map[string]int64{}
	var order []string
	for _, p := range ps {
		if _, seen := left[p.Method]; !seen {
			order = append(order, p.Method)
		}
		left[p.Method] += p.AmountFen
	}
	for _, b := range back {
		left[b.Method] -= b.AmountFen
	}
	if _, ok := left[PayStored]; ok {
		order = append([]string{PayStored}, without(order, PayStored)...)
	}
	out := []Payment{}
	for _, m := range order {
		take := min(paid, max(left[m], 0))
		if take > 0 {
			out = append(out, Payment{Method: m, AmountFen: take})
			paid -= take
		}
	}
	return out, nil
}

func without(list []string, s string) []string {
	out := []string{}
	for _, v := range list {
		if v != s {
			out = append(out, v)
		}
	}
	return out
}

// RefundRecorded is what an after-refund hook learns: how much goes back to stored value.
type RefundRecorded struct {
	RefundID   int64
	PurchaseID int64
	CustomerID int64
	StoredFen  int64
	StaffID    int64
	// Whole is set when this refund returned the last of every line: nothing of the purchase is left
	// (a coupon it used goes back to the customer).
	Whole bool
}

var afterRefund []func(ctx context.Context, tx *sql.Tx, r RefundRecorded) error

// RegisterAfterRefund adds a step run inside every Refund transaction after the refund is stored (the
// wallet returns the stored-value part). Call it from an init function.
func RegisterAfterRefund(fn func(ctx context.Context, tx *sql.Tx, r RefundRecorded) error) {
	afterRefund = append(afterRefund, fn)
}
