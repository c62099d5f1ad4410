package wallet

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/banquets"
	"jiuke/backend/errs"
)

// A banquet paid by stored value (储值) takes it inside the banquet payment's own transaction; money the
// host gets back goes to stored value first, split as the banquet's stored-value lines still leave it.
func init() { banquets.RegisterStoredValue(moveForBanquet) }

func moveForBanquet(ctx context.Context, tx *sql.Tx, m banquets.StoredMove) (int64, error) {
	// A retried request answers the line it booked: its balance check must not refuse it a second time.
	if e, ok, err := byKey(ctx, tx, m.Key); err != nil || ok {
		return e.ID, err
	}
	if m.AmountFen > 0 {
		e, err := spendForBanquet(ctx, tx, m)
		return e.ID, err
	}
	e, err := returnForBanquet(ctx, tx, m)
	return e.ID, err
}

// spendForBanquet is Spend for a banquet: the host must hold a usable card, a shortfall is refused with
// the amount missing, and principal and bonus are taken by the owner's rule.
func spendForBanquet(ctx context.Context, tx *sql.Tx, m banquets.StoredMove) (Entry, error) {
	if err := CheckAmount("amountFen", "储值支付金额", m.AmountFen); err != nil {
		return Entry{}, err
	}
	if _, err := usable(ctx, tx, m.HostID); err != nil {
		if p := errs.ToPayload(err); p.Code == errs.CodeInvalid || p.Code == errs.CodeConflict {
			return Entry{}, errs.Invalid("method", "主家不能用储值支付："+p.Message)
		}
		return Entry{}, err
	}
	bal, err := BalanceOf(ctx, tx, m.HostID)
	if err != nil {
		return Entry{}, err
	}
	if m.AmountFen > bal.Total() {
		return Entry{}, errs.Invalid("amountFen", fmt.Sprintf("主家储值余额不足：余额 %s，本次储值支付 %s，还差 %s",
			yuan(bal.Total()), yuan(m.AmountFen), yuan(m.AmountFen-bal.Total())))
	}
	rules, err := LoadRules(ctx, tx)
	if err != nil {
		return Entry{}, err
	}
	pr, bo := Split(rules.SpendRule, bal, m.AmountFen)
	e, _, err := book(ctx, tx, booking{customerID: m.HostID, kind: KindSpend, principal: -pr, bonus: -bo, staffID: m.StaffID,
		note: m.Note, key: m.Key})
	return e, err
}

// returnForBanquet gives stored value back as refundable sales do: principal and bonus in the proportion
// still unreturned of the banquet's stored-value lines, the last return exactly what is left.
func returnForBanquet(ctx context.Context, tx *sql.Tx, m banquets.StoredMove) (Entry, error) {
	amount := -m.AmountFen
	if err := CheckAmount("amountFen", "退回储值金额", amount); err != nil {
		return Entry{}, err
	}
	var leftP, leftB int64
	for _, id := range m.Entries {
		e, err := GetEntry(ctx, tx, id)
		if err != nil {
			return Entry{}, err
		}
		if e.CustomerID != m.HostID {
			return Entry{}, errs.Conflict("method", "这笔储值不是当前主家支付的，请选择其他退款方式", nil)
		}
		leftP, leftB = leftP-e.PrincipalFen, leftB-e.BonusFen
	}
	if amount > leftP+leftB {
		return Entry{}, errs.Invalid("amountFen", fmt.Sprintf("本宴席可退回储值的只有 %s", yuan(max(leftP+leftB, 0))))
	}
	pr, bo := Split(SpendProportional, Balance{PrincipalFen: leftP, BonusFen: leftB}, amount)
	e, _, err := book(ctx, tx, booking{customerID: m.HostID, kind: KindRefund, principal: pr, bonus: bo, staffID: m.StaffID,
		note: m.Note, key: m.Key})
	return e, err
}
