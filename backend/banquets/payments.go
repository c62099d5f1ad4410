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

// PaymentMethods are the labels a shop pays by. 储值 is the host's stored value, spent and returned
// through the wallet (WalletMethod, RegisterStoredValue).
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
// back, never beyond what is owed either way. A 储值 payment takes the host's stored value; money paid
// back goes to stored value first, as much as the host paid that way (as a refunded sale does).
func AddPayment(ctx context.Context, tx *sql.Tx, banquetID int64, in PaymentInput, actorID int64) (Payment, bool, error) {
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
	walletEntryID, err := moveStored(ctx, tx, b, in, amount, actorID)
	if err != nil {
		return Payment{}, false, err
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
	return Payment{ID: id, Kind: in.Kind, Method: in.Method, AmountFen: amount, Note: in.Note, CreatedAt: ts, WalletEntryID: walletEntryID}, true, nil
}

// Payments lists a banquet's payments, oldest first.
func Payments(ctx context.Context, q store.Querier, banquetID int64) ([]Payment, error) {
	out := []Payment{}
	err := each(ctx, q, `SELECT p.id, p.kind, p.method, p.amount_fen, p.note, COALESCE(s.name, ''), p.created_at, COALESCE(p.wallet_entry_id, 0)
		FROM banquet_payments p LEFT JOIN staff s ON s.id = p.created_by WHERE p.banquet_id = ? ORDER BY p.id`, []any{banquetID},
		func(r *sql.Rows) error {
			var p Payment
			if err := r.Scan(&p.ID, &p.Kind, &p.Method, &p.AmountFen, &p.Note, &p.StaffName, &p.CreatedAt, &p.WalletEntryID); err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	return out, err
}

// moveStored books the stored-value side of a payment (amount signed as stored: < 0 paid back) and
// answers the wallet line, 0 when the payment is not by stored value.
func moveStored(ctx context.Context, tx *sql.Tx, b Banquet, in PaymentInput, amount, actorID int64) (int64, error) {
	net, entries, err := storedPaid(ctx, tx, b.ID)
	if err != nil {
		return 0, err
	}
	if in.Method != WalletMethod {
		if amount < 0 && net > 0 {
			return 0, errs.Invalid("method", fmt.Sprintf("主家用储值支付的%s尚未退回，退款请先选择「储值」退回储值", yuan(net)))
		}
		return 0, nil
	}
	if storedValue == nil {
		return 0, errs.Invalid("method", "储值支付尚未开通，请选择其他付款方式")
	}
	if amount < 0 && -amount > net {
		return 0, errs.Invalid("amountFen", fmt.Sprintf("退回储值不能超过主家在本宴席用储值支付且未退回的%s", yuan(net)))
	}
	return storedValue(ctx, tx, StoredMove{BanquetID: b.ID, HostID: b.HostID, AmountFen: amount, Entries: entries, StaffID: actorID,
		Key: "banquet:" + in.IdemKey, Note: storedNote(b, in.Kind)})
}

func yuan(fen int64) string { return fmt.Sprintf("¥%d.%02d", fen/100, fen%100) }
