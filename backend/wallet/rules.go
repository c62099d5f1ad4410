package wallet

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Spending rules.
const (
	SpendProportional = "proportional"
	SpendBonusFirst   = "bonus_first"
)

// Rules are the owner's stored-value settings. The guardrails follow 单用途商业预付卡管理办法 and are
// on by default.
type Rules struct {
	// SpendRule: proportional (default) or bonus_first.
	SpendRule string `json:"spendRule"`
	// CapOn refuses a recharge that would take a named card's balance (principal + bonus) above CapFen.
	CapOn  bool  `json:"capOn"`
	CapFen int64 `json:"capFen"`
	// TransferNoticeOn shows an organisation (企业) recharging TransferNoticeFen or more a notice that
	// it should pay by bank transfer, before the clerk confirms.
	TransferNoticeOn  bool  `json:"transferNoticeOn"`
	TransferNoticeFen int64 `json:"transferNoticeFen"`
	// CustodyPct is the share of the previous quarter's prepaid balance held in custody, by the
	// enterprise's tier (20, 30 or 40).
	CustodyPct int64 `json:"custodyPct"`
	// Agreement is the printable recharge agreement (预付卡章程); {shop} and {rules} are filled in.
	Agreement string `json:"agreement"`
}

const settingsKey = "wallet.rules"

// DefaultAgreement is the template a shop starts from.
const DefaultAgreement = `{shop} 会员储值卡章程

一、本卡为记名预付卡，仅限在{shop}使用，不兑换现金，不计利息。
二、储值分为本金（您实际支付的金额）与赠送金额。{rules}
三、单张记名卡的本金余额不超过 {cap}（赠送金额不计入）。
四、申请退卡时，退还未消费的本金，赠送金额不予退还，卡片同时停用。
五、卡片遗失请及时挂失补卡，余额随会员转移到新卡。

会员签名：__________　　日期：__________`

// DefaultRules are the settings before the owner changes anything.
func DefaultRules() Rules {
	return Rules{SpendRule: SpendProportional, CapOn: true, CapFen: 500000, TransferNoticeOn: true, TransferNoticeFen: 500000,
		CustodyPct: 40, Agreement: DefaultAgreement}
}

// LoadRules reads the settings, defaults where nothing was saved.
func LoadRules(ctx context.Context, q store.Querier) (Rules, error) {
	r := DefaultRules()
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingsKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return r, errs.Internal("wallet rules", err)
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return DefaultRules(), nil
	}
	return r, nil
}

// SaveRules checks and stores the settings.
func SaveRules(ctx context.Context, tx *sql.Tx, r Rules) (Rules, error) {
	r.Agreement = strings.TrimSpace(r.Agreement)
	switch {
	case r.SpendRule != SpendProportional && r.SpendRule != SpendBonusFirst:
		return r, errs.Invalid("spendRule", "扣款顺序应为按比例或先扣赠送")
	case r.CapFen <= 0 || r.CapFen > errs.MaxFen:
		return r, errs.Invalid("capFen", "单卡余额上限应大于0且不超过¥100,000,000")
	case r.TransferNoticeFen <= 0 || r.TransferNoticeFen > errs.MaxFen:
		return r, errs.Invalid("transferNoticeFen", "企业充值提示金额应大于0且不超过¥100,000,000")
	case r.CustodyPct != 20 && r.CustodyPct != 30 && r.CustodyPct != 40:
		return r, errs.Invalid("custodyPct", "资金存管比例应为20%、30%或40%")
	case r.Agreement == "":
		return r, errs.Invalid("agreement", "请填写储值章程")
	case utf8.RuneCountInString(r.Agreement) > errs.NotesLen:
		return r, errs.Invalid("agreement", fmt.Sprintf("储值章程不能超过%d个字", errs.NotesLen))
	}
	raw, _ := json.Marshal(r)
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, settingsKey, string(raw)); err != nil {
		return r, errs.Internal("save wallet rules", err)
	}
	return r, nil
}

// Split is how much of a spend comes from each balance.
//
// Proportional (the default): the principal part is amount × principal ÷ balance rounded down to the
// fen, and the bonus part is the rest. So the odd fen of rounding always falls on the bonus and the
// refundable principal never shrinks by rounding; both parts are exact integers that add up to the
// amount, and neither exceeds its balance (amount ≤ balance makes the bonus part ≤ the bonus).
// Bonus first: the bonus is used up before the principal.
func Split(rule string, bal Balance, amount int64) (principal, bonus int64) {
	if amount >= bal.Total() {
		return bal.PrincipalFen, bal.BonusFen
	}
	if rule == SpendBonusFirst {
		bonus = min(amount, bal.BonusFen)
		return amount - bonus, bonus
	}
	return proportional(amount, bal.PrincipalFen, bal.Total()), amount - proportional(amount, bal.PrincipalFen, bal.Total())
}

// proportional is a × part ÷ whole rounded down, without overflow (a × part may pass int64).
func proportional(a, part, whole int64) int64 {
	if whole == 0 {
		return 0
	}
	n := new(big.Int).Mul(big.NewInt(a), big.NewInt(part))
	return n.Quo(n, big.NewInt(whole)).Int64()
}

// ParseYuan reads an amount typed or imported as yuan ("1000", "1,000.50", "¥88.8") into fen. It
// refuses, naming the field, what is not a number, has more than two decimals, is zero or negative,
// or exceeds the largest amount.
func ParseYuan(field, label, raw string) (int64, error) {
	s := strings.TrimSpace(raw)
	for _, cut := range []string{"¥", "￥", ",", "，", "元"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	digits := func(v string) bool { return strings.Trim(v, "0123456789") == "" }
	switch {
	case s == "" || whole == "" || !digits(whole) || !digits(frac) || (hasDot && frac == ""):
		return 0, errs.Invalid(field, fmt.Sprintf("%s「%s」不是有效的金额", label, raw))
	case len(frac) > 2:
		return 0, errs.Invalid(field, fmt.Sprintf("%s「%s」最多两位小数", label, raw))
	case len(whole) > 12:
		return 0, errs.Invalid(field, fmt.Sprintf("%s不能超过 ¥%d", label, errs.MaxFen/100))
	}
	frac = (frac + "00")[:2]
	var fen int64
	for _, c := range whole + frac {
		fen = fen*10 + int64(c-'0')
	}
	if neg && fen > 0 {
		return 0, errs.Invalid(field, label+"不能为负数")
	}
	if err := CheckAmount(field, label, fen); err != nil {
		return 0, err
	}
	return fen, nil
}

// CheckAmount refuses an amount in fen that is zero, negative or over the largest one, naming the field.
func CheckAmount(field, label string, fen int64) error {
	if fen == 0 {
		return errs.Invalid(field, label+"应大于0")
	}
	if e := errs.Money(field, label, fen); e != nil {
		return e
	}
	return nil
}

func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s¥%d.%02d", sign, fen/100, fen%100)
}

// FillAgreement fills the agreement template with the shop's name and its current rules.
func FillAgreement(r Rules, shop string) string {
	rule := "消费时按本金与赠送余额的比例同时扣减。"
	if r.SpendRule == SpendBonusFirst {
		rule = "消费时先扣赠送金额，赠送用完后再扣本金。"
	}
	cap := "无上限"
	if r.CapOn {
		cap = yuan(r.CapFen)
	}
	return strings.NewReplacer("{shop}", shop, "{rules}", rule, "{cap}", cap).Replace(r.Agreement)
}
