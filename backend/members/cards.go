package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Card states.
const (
	CardActive   = "active"
	CardFrozen   = "frozen"
	CardReplaced = "replaced"
)

// Card is a VIP card as the counter sees it.
type Card struct {
	ID           int64  `json:"id"`
	Number       string `json:"number"`
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	State        string `json:"state"`
	StateReason  string `json:"stateReason"`
	ReplacedBy   string `json:"replacedBy"`
	IssuedAt     string `json:"issuedAt"`
}

// luhnDigit is the check digit that makes payload+digit pass the Luhn test.
func luhnDigit(payload string) byte {
	sum := 0
	double := true
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

// ValidCardNumber reports whether n is all digits with a correct Luhn check digit.
func ValidCardNumber(n string) bool {
	if len(n) < 6 || len(n) > 20 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return luhnDigit(n[:len(n)-1]) == n[len(n)-1]
}

// CheckCardNumber normalises a typed or scanned number and explains what is wrong with its form;
// whether it belongs to the shop's card ranges (and their check digits) is CheckCard's question.
func CheckCardNumber(raw string) (string, error) {
	n := strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	switch {
	case n == "":
		return "", errs.Invalid("cardNumber", "请扫描或输入卡号")
	case strings.Trim(n, "0123456789") != "":
		return "", errs.Invalid("cardNumber", "卡号只能包含数字")
	case len(n) < 6 || len(n) > 20:
		return "", errs.Invalid("cardNumber", "卡号应为6到20位数字")
	}
	return n, nil
}

// CardPrefix is the configured prefix of generated card numbers.
func CardPrefix(ctx context.Context, q store.Querier) (string, error) {
	var p string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'card.prefix'`).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return "8", nil
	}
	if err != nil {
		return "", errs.Internal("card prefix", err)
	}
	return p, nil
}

// SaveCardPrefix sets the prefix of future card numbers (1 to 6 digits).
func SaveCardPrefix(ctx context.Context, tx *sql.Tx, prefix string) error {
	prefix = strings.TrimSpace(prefix)
	if prefix == "" || len(prefix) > 6 || strings.Trim(prefix, "0123456789") != "" {
		return errs.Invalid("cardPrefix", "卡号前缀应为1到6位数字")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('card.prefix', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, prefix)
	if err != nil {
		return errs.Internal("save card prefix", err)
	}
	return nil
}

// NextCardNumber generates the next free number from the issuing range (see CardRange.Issue), or
// the card prefix, a 7-digit sequence and a Luhn check digit.
func NextCardNumber(ctx context.Context, tx *sql.Tx) (string, error) {
	ranges, err := CardRanges(ctx, tx)
	if err != nil {
		return "", err
	}
	r, err := generatedRange(ctx, tx, ranges)
	if err != nil {
		return "", err
	}
	return nextInRange(ctx, tx, r)
}

const cardCols = `k.id, k.number, k.customer_id, c.name, k.state, k.state_reason, COALESCE(r.number, ''), k.issued_at`
const cardFrom = ` FROM cards k JOIN customers c ON c.id = k.customer_id LEFT JOIN cards r ON r.id = k.replaced_by`

func scanCard(row interface{ Scan(...any) error }) (Card, error) {
	var k Card
	err := row.Scan(&k.ID, &k.Number, &k.CustomerID, &k.CustomerName, &k.State, &k.StateReason, &k.ReplacedBy, &k.IssuedAt)
	return k, err
}

// CardByNumber finds a card by its number, in any state.
func CardByNumber(ctx context.Context, q store.Querier, number string) (Card, error) {
	k, err := scanCard(q.QueryRowContext(ctx, `SELECT `+cardCols+cardFrom+` WHERE k.number = ?`, number))
	if errors.Is(err, sql.ErrNoRows) {
		return k, errs.NotFound("没有卡号为 " + number + " 的会员卡")
	}
	if err != nil {
		return k, errs.Internal("card by number", err)
	}
	return k, nil
}

// CurrentCard is the customer's card in use (active or frozen); ok is false when there is none.
func CurrentCard(ctx context.Context, q store.Querier, customerID int64) (Card, bool, error) {
	k, err := scanCard(q.QueryRowContext(ctx, `SELECT `+cardCols+cardFrom+` WHERE k.customer_id = ? AND k.state != 'replaced'`, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, errs.Internal("current card", err)
	}
	return k, true, nil
}

// UsableCard resolves a scanned number to its card, refusing frozen and replaced cards with the reason.
func UsableCard(ctx context.Context, q store.Querier, raw string) (Card, error) {
	n, err := CheckCardNumber(raw)
	if err != nil {
		return Card{}, err
	}
	// A card on file is found whatever the ranges say now (they may have changed since it was
	// issued); an unknown number is checked against them, so a misread scan says why.
	k, err := CardByNumber(ctx, q, n)
	if errs.CodeOf(err) == errs.CodeNotFound {
		if _, cerr := CheckCard(ctx, q, n); cerr != nil {
			return k, cerr
		}
	}
	if err != nil {
		return k, err
	}
	switch k.State {
	case CardFrozen:
		return k, errs.Conflict("cardNumber", fmt.Sprintf("该卡已冻结（%s），不能积分或消费积分", k.StateReason), map[string]any{"customerId": k.CustomerID})
	case CardReplaced:
		return k, errs.Conflict("cardNumber", fmt.Sprintf("该卡已挂失补办，新卡号 %s", k.ReplacedBy), map[string]any{"customerId": k.CustomerID})
	}
	return k, nil
}

func issueCard(ctx context.Context, tx *sql.Tx, customerID int64, number string, staffID int64) (Card, error) {
	if number == "" {
		var err error
		if number, err = NextCardNumber(ctx, tx); err != nil {
			return Card{}, err
		}
	} else {
		var err error
		if number, err = CheckCard(ctx, tx, number); err != nil {
			return Card{}, err
		}
		if k, err := CardByNumber(ctx, tx, number); err == nil {
			return Card{}, errs.Conflict("cardNumber", fmt.Sprintf("卡号 %s 已发给「%s」", number, k.CustomerName), map[string]any{"customerId": k.CustomerID})
		}
	}
	ts := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO cards (number, customer_id, issued_by, issued_at, changed_at) VALUES (?,?,?,?,?)`,
		number, customerID, store.Nullable(staffID), ts, ts)
	if err != nil {
		if strings.Contains(err.Error(), "cards.customer_id") {
			return Card{}, errs.Conflict("cardNumber", "该客户已有在用的会员卡", nil)
		}
		return Card{}, errs.Internal("issue card", err)
	}
	id, _ := res.LastInsertId()
	return scanCard(tx.QueryRowContext(ctx, `SELECT `+cardCols+cardFrom+` WHERE k.id = ?`, id))
}

// FreezeCard stops earning and spending on the customer's card; a reason is required.
func FreezeCard(ctx context.Context, tx *sql.Tx, customerID int64, reason string) (Card, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Card{}, errs.Invalid("reason", "请填写冻结原因")
	}
	if err := errs.Text("reason", "冻结原因", reason, errs.LineLen); err != nil {
		return Card{}, err
	}
	k, ok, err := CurrentCard(ctx, tx, customerID)
	if err != nil {
		return k, err
	}
	if !ok || k.State != CardActive {
		return k, errs.Conflict("", "该客户没有可冻结的会员卡", nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET state = 'frozen', state_reason = ?, changed_at = ? WHERE id = ?`, reason, store.Now(), k.ID); err != nil {
		return k, errs.Internal("freeze card", err)
	}
	k.State, k.StateReason = CardFrozen, reason
	return k, nil
}

// UnfreezeCard makes a frozen card usable again.
func UnfreezeCard(ctx context.Context, tx *sql.Tx, customerID int64) (Card, error) {
	k, ok, err := CurrentCard(ctx, tx, customerID)
	if err != nil {
		return k, err
	}
	if !ok || k.State != CardFrozen {
		return k, errs.Conflict("", "该客户的会员卡未冻结", nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET state = 'active', state_reason = '', changed_at = ? WHERE id = ?`, store.Now(), k.ID); err != nil {
		return k, errs.Internal("unfreeze card", err)
	}
	k.State, k.StateReason = CardActive, ""
	return k, nil
}

// ReplaceCard reports the card lost and issues a new number. Balance and history belong to the
// customer, so they follow without moving anything.
func ReplaceCard(ctx context.Context, tx *sql.Tx, customerID int64, newNumber, reason string, staffID int64) (Card, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "挂失补办"
	}
	if err := errs.First(errs.Text("reason", "补卡原因", reason, errs.LineLen), errs.Text("cardNumber", "新卡号", newNumber, errs.KeyLen)); err != nil {
		return Card{}, err
	}
	old, ok, err := CurrentCard(ctx, tx, customerID)
	if err != nil {
		return old, err
	}
	if !ok {
		return old, errs.Conflict("", "该客户没有在用的会员卡", nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET state = 'replaced', state_reason = ?, changed_at = ? WHERE id = ?`, reason, store.Now(), old.ID); err != nil {
		return old, errs.Internal("retire card", err)
	}
	k, err := issueCard(ctx, tx, customerID, newNumber, staffID)
	if err != nil {
		return k, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET replaced_by = ? WHERE id = ?`, k.ID, old.ID); err != nil {
		return k, errs.Internal("link replacement", err)
	}
	return k, nil
}

// Cards lists every card the customer has had, newest first.
func Cards(ctx context.Context, q store.Querier, customerID int64) ([]Card, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cardCols+cardFrom+` WHERE k.customer_id = ? ORDER BY k.id DESC`, customerID)
	if err != nil {
		return nil, errs.Internal("list cards", err)
	}
	defer rows.Close()
	out := []Card{}
	for rows.Next() {
		k, err := scanCard(rows)
		if err != nil {
			return nil, errs.Internal("scan card", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
