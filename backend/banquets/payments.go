package banquets

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// PaymentKinds: a deposit before the banquet, the balance collected after settlement, money paid back.
var PaymentKinds = []string{"deposit", "settle", "refund"}

// PaymentMethods are the labels a shop pays by. 储值 is the member's stored value, spent through the
// wallet when the app wires it (WalletMethod).
var PaymentMethods = []string{"现金", "微信", "支付宝", "银行转账", "刷卡", "储值"}

// WalletMethod is the method label that spends stored value.
const WalletMethod = "储值"

// PaymentInput records money received (deposit, settle) or paid back (refund), AmountFen > 0 either way.
type PaymentInput struct {
	Kind      string `json:"kind"`
	Method    string `json:"method"`
	AmountFen int64  `json:"amountFen"`
	Note      string `json:"note"`
	IdemKey   string `json:"idemKey"`
}

// AddPayment appends a payment. Before settlement only deposits; after it, the balance collected or paid
// back, never beyond what is owed either way. walletEntryID links a stored-value spend (0 for none).
func AddPayment(ctx context.Context, tx *sql.Tx, banquetID int64, in PaymentInput, walletEntryID, actorID int64) (Payment, bool, error) {
	in.IdemKey, in.Note, in.Method = strings.TrimSpace(in.IdemKey), strings.TrimSpace(in.Note), strings.TrimSpace(in.Method)
	if in.IdemKey == "" {
		return Payment{}, false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	if err := errs.First(errs.Text("idemKey", "请求编号", in.IdemKey, errs.KeyLen), errs.Text("note", "备注", in.Note, errs.LineLen),
		errs.Money("amountFen", "金额", in.AmountFen)); err != nil {
		return Payment{}, false, err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM banquet_payments WHERE idem_key = ?`, in.IdemKey).Scan(&id); err == nil {
		return Payment{ID: id}, false, nil
	}
	if !slices.Contains(PaymentKinds, in.Kind) {
		return Payment{}, false, errs.Invalid("kind", "款项类型应为订金、结算收款或退款")
	}
	if !slices.Contains(PaymentMethods, in.Method) {
		return Payment{}, false, errs.Invalid("method", "付款方式只能是："+strings.Join(PaymentMethods, "、"))
	}
	if in.AmountFen == 0 {
		return Payment{}, false, errs.Invalid("amountFen", "金额不能为0")
	}
	b, err := Get(ctx, tx, banquetID)
	if err != nil {
		return Payment{}, false, err
	}
	s, err := getSettlement(ctx, tx, banquetID)
	if err != nil {
		return Payment{}, false, err
	}
	var paid int64
	tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_fen), 0) FROM banquet_payments WHERE banquet_id = ?`, banquetID).Scan(&paid)
	amount := in.AmountFen
	switch {
	case b.State == StateCancelled:
		if in.Kind != "refund" {
			return Payment{}, false, errs.Invalid("kind", "宴席已取消，只能退款")
		}
		if in.AmountFen > paid {
			return Payment{}, false, errs.Invalid("amountFen", fmt.Sprintf("退款不能超过已收的%s", yuan(paid)))
		}
		amount = -in.AmountFen
	case s == nil:
		if in.Kind != "deposit" {
			return Payment{}, false, errs.Invalid("kind", "结算前只能收订金")
		}
	case in.Kind == "deposit":
		return Payment{}, false, errs.Invalid("kind", "宴席已结算，请记结算收款或退款")
	case in.Kind == "settle":
		if due := s.GoodsFen - paid; in.AmountFen > due {
			return Payment{}, false, errs.Invalid("amountFen", fmt.Sprintf("收款不能超过尚欠的%s", yuan(max(due, 0))))
		}
	default:
		if owed := paid - s.GoodsFen; in.AmountFen > owed {
			return Payment{}, false, errs.Invalid("amountFen", fmt.Sprintf("退款不能超过应退的%s", yuan(max(owed, 0))))
		}
		amount = -in.AmountFen
	}
	ts := store.Now()
	var wallet any
	if walletEntryID != 0 {
		wallet = walletEntryID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO banquet_payments (banquet_id, kind, method, amount_fen, wallet_entry_id, note, idem_key, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, banquetID, in.Kind, in.Method, amount, wallet, in.Note, in.IdemKey, nullID(actorID), ts)
	if err != nil {
		return Payment{}, false, errs.Internal("insert payment", err)
	}
	id, _ = res.LastInsertId()
	return Payment{ID: id, Kind: in.Kind, Method: in.Method, AmountFen: amount, Note: in.Note, CreatedAt: ts}, true, nil
}

// Payments lists a banquet's payments, oldest first.
func Payments(ctx context.Context, q store.Querier, banquetID int64) ([]Payment, error) {
	out := []Payment{}
	err := each(ctx, q, `SELECT p.id, p.kind, p.method, p.amount_fen, p.note, COALESCE(s.name, ''), p.created_at
		FROM banquet_payments p LEFT JOIN staff s ON s.id = p.created_by WHERE p.banquet_id = ? ORDER BY p.id`, []any{banquetID},
		func(r *sql.Rows) error {
			var p Payment
			if err := r.Scan(&p.ID, &p.Kind, &p.Method, &p.AmountFen, &p.Note, &p.StaffName, &p.CreatedAt); err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	return out, err
}

func yuan(fen int64) string { return fmt.Sprintf("¥%d.%02d", fen/100, fen%100) }
