package wallet

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/store"
)

// ClosePlan is what the clerk sees before a 退卡: the principal paid back and the bonus forfeited.
type ClosePlan struct {
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	CardNumber   string `json:"cardNumber"`
	RefundFen    int64  `json:"refundFen"`
	ForfeitFen   int64  `json:"forfeitFen"`
	// Repeated: the request's key was already carried out; this is that 退卡, and nothing changed now.
	Repeated bool `json:"repeated"`
}

// PlanClose works out a 退卡 without changing anything.
func PlanClose(ctx context.Context, q store.Querier, customerID int64) (ClosePlan, error) {
	c, err := usable(ctx, q, customerID)
	if err != nil {
		return ClosePlan{}, err
	}
	bal, err := BalanceOf(ctx, q, customerID)
	if err != nil {
		return ClosePlan{}, err
	}
	if bal.Total() == 0 {
		return ClosePlan{}, errs.Conflict("", fmt.Sprintf("「%s」没有储值余额，无需退卡", c.Name), nil)
	}
	card, _, err := members.CurrentCard(ctx, q, customerID)
	if err != nil {
		return ClosePlan{}, err
	}
	return ClosePlan{CustomerID: c.ID, CustomerName: c.Name, CardNumber: card.Number, RefundFen: bal.PrincipalFen, ForfeitFen: bal.BonusFen}, nil
}

// CloseInput confirms a 退卡: how the principal is paid back and why.
type CloseInput struct {
	CustomerID int64  `json:"customerId"`
	Method     string `json:"method"`
	Reason     string `json:"reason"`
	Key        string `json:"key"`
}

// Close carries out a 退卡: the unspent principal is paid back, the bonus forfeited, the card frozen.
func Close(ctx context.Context, tx *sql.Tx, in CloseInput, staffID int64) (ClosePlan, Entry, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if err := checkKey(in.Key, in.Reason, "退卡原因"); err != nil {
		return ClosePlan{}, Entry{}, err
	}
	if e, ok, err := byKey(ctx, tx, "close:"+in.Key); err != nil || ok {
		if err != nil {
			return ClosePlan{}, e, err
		}
		// A retried request (the answer was lost) gets the first answer again, whole.
		plan := ClosePlan{CustomerID: e.CustomerID, RefundFen: -e.PrincipalFen, ForfeitFen: -e.BonusFen, Repeated: true}
		if c, err := customersGet(ctx, tx, e.CustomerID); err == nil {
			plan.CustomerName = c.Name
		}
		if card, has, err := members.CurrentCard(ctx, tx, e.CustomerID); err != nil {
			return plan, e, err
		} else if has {
			plan.CardNumber = card.Number
		}
		return plan, e, nil
	}
	if _, ok := Methods[in.Method]; !ok {
		return ClosePlan{}, Entry{}, errs.Invalid("method", "请选择退款方式（现金、微信、支付宝或银行卡）")
	}
	plan, err := PlanClose(ctx, tx, in.CustomerID)
	if err != nil {
		return plan, Entry{}, err
	}
	e, _, err := book(ctx, tx, booking{customerID: in.CustomerID, kind: KindClose, principal: -plan.RefundFen, bonus: -plan.ForfeitFen,
		cash: plan.RefundFen, method: in.Method, staffID: staffID, note: in.Reason, key: "close:" + in.Key})
	if err != nil {
		return plan, e, err
	}
	_, err = members.FreezeCard(ctx, tx, in.CustomerID, "退卡："+in.Reason)
	return plan, e, err
}

// AdjustInput is a manager's correction of either balance (signed), with a reason.
type AdjustInput struct {
	CustomerID   int64  `json:"customerId"`
	PrincipalFen int64  `json:"principalFen"`
	BonusFen     int64  `json:"bonusFen"`
	Reason       string `json:"reason"`
	Key          string `json:"key"`
}

// Adjust books a manual correction. Neither balance may go below zero. created is false when the
// request's key was booked before: the entry is that first one, and nothing changed now.
func Adjust(ctx context.Context, tx *sql.Tx, in AdjustInput, staffID int64) (e Entry, created bool, err error) {
	e, err = adjust(ctx, tx, in, staffID, &created)
	return e, created, err
}

func adjust(ctx context.Context, tx *sql.Tx, in AdjustInput, staffID int64, created *bool) (Entry, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if err := checkKey(in.Key, in.Reason, "调整原因"); err != nil {
		return Entry{}, err
	}
	if e, ok, err := byKey(ctx, tx, "adjust:"+in.Key); err != nil || ok {
		return e, err
	}
	if in.PrincipalFen == 0 && in.BonusFen == 0 {
		return Entry{}, errs.Invalid("principalFen", "调整金额不能都为0")
	}
	if err := errs.First(errs.Money("principalFen", "本金调整金额", abs(in.PrincipalFen)), errs.Money("bonusFen", "赠送调整金额", abs(in.BonusFen))); err != nil {
		return Entry{}, err
	}
	if _, err := customersGet(ctx, tx, in.CustomerID); err != nil {
		return Entry{}, err
	}
	bal, err := BalanceOf(ctx, tx, in.CustomerID)
	if err != nil {
		return Entry{}, err
	}
	if bal.PrincipalFen+in.PrincipalFen < 0 {
		return Entry{}, errs.Invalid("principalFen", fmt.Sprintf("本金余额只有 %s，最多减少 %s", yuan(bal.PrincipalFen), yuan(bal.PrincipalFen)))
	}
	if bal.BonusFen+in.BonusFen < 0 {
		return Entry{}, errs.Invalid("bonusFen", fmt.Sprintf("赠送余额只有 %s，最多减少 %s", yuan(bal.BonusFen), yuan(bal.BonusFen)))
	}
	e, ok, err := book(ctx, tx, booking{customerID: in.CustomerID, kind: KindAdjust, principal: in.PrincipalFen, bonus: in.BonusFen,
		staffID: staffID, note: in.Reason, key: "adjust:" + in.Key})
	*created = ok
	return e, err
}

func checkKey(key, reason, label string) error {
	if strings.TrimSpace(key) == "" {
		return errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if reason == "" {
		return errs.Invalid("reason", "请填写"+label)
	}
	return errs.First(errs.Text("key", "请求编号", key, errs.KeyLen), errs.Text("reason", label, reason, errs.LineLen))
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
