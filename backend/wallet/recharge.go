package wallet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// Methods a customer pays with (labels only: no payment integration).
var Methods = map[string]string{"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "银行卡"}

// RechargeInput is the recharge dialog: a package, or a custom amount with no bonus.
type RechargeInput struct {
	CustomerID int64  `json:"customerId"`
	PackageID  int64  `json:"packageId"`
	AmountFen  int64  `json:"amountFen"` // custom amount, when PackageID is 0
	Method     string `json:"method"`
	Note       string `json:"note"`
	Key        string `json:"key"`
	// TransferConfirmed: the clerk saw the bank-transfer notice for an organisation's large recharge.
	TransferConfirmed bool `json:"transferConfirmed"`
}

// RechargeResult is the booked entry with what came with it.
type RechargeResult struct {
	Entry      Entry  `json:"entry"`
	Points     int64  `json:"points"`
	UpgradedTo string `json:"upgradedTo"`
	Coupon     string `json:"coupon"`
	Repeated   bool   `json:"repeated"`
}

// NeedsTransferNotice is the data key of the refusal that asks the clerk to confirm the notice.
const NeedsTransferNotice = "transferNotice"

// packageCoupon issues a package's coupon; the coupons domain registers it.
var packageCoupon func(ctx context.Context, tx *sql.Tx, customerID, couponTypeID int64, key string, staffID int64) (string, error)

// RegisterPackageCoupon lets the coupons domain issue the coupon a package gives, inside the
// recharge's transaction, without the wallet importing it. It returns the coupon's code.
func RegisterPackageCoupon(fn func(ctx context.Context, tx *sql.Tx, customerID, couponTypeID int64, key string, staffID int64) (string, error)) {
	packageCoupon = fn
}

// usable refuses a customer whose card cannot take stored value: not a member, archived, or frozen.
func usable(ctx context.Context, q store.Querier, customerID int64) (customers.Customer, error) {
	// One look-up of just what is checked (name, archived, kind, the current card's state): this runs
	// inside every stored-value purchase, right after the sale itself loaded the customer in full.
	c := customers.Customer{ID: customerID}
	var state, reason sql.NullString
	err := q.QueryRowContext(ctx, `SELECT c.name, c.archived, c.kind, k.state, k.state_reason FROM customers c
		LEFT JOIN cards k ON k.customer_id = c.id AND k.state != 'replaced' WHERE c.id = ?`, customerID).
		Scan(&c.Name, &c.Archived, &c.Kind, &state, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.Invalid("customerId", "请先选择会员")
	}
	if err != nil {
		return c, errs.Internal("stored-value customer", err)
	}
	if c.Archived {
		return c, errs.Invalid("customerId", fmt.Sprintf("客户「%s」已停用", c.Name))
	}
	if !state.Valid {
		return c, errs.Invalid("customerId", fmt.Sprintf("「%s」还不是会员，请先办理会员卡", c.Name))
	}
	if state.String == members.CardFrozen {
		return c, errs.Conflict("customerId", "会员卡已冻结（"+reason.String+"），不能使用储值", nil)
	}
	return c, nil
}

// Recharge books money paid in: the package's bonus on top, its points and coupon, and a level that
// opens on this amount. Guardrails: a balance above the cap is refused; an organisation's large
// recharge asks the clerk to confirm the bank-transfer notice first.
func Recharge(ctx context.Context, tx *sql.Tx, in RechargeInput, staffID int64) (RechargeResult, error) {
	in.Note = strings.TrimSpace(in.Note)
	if strings.TrimSpace(in.Key) == "" {
		return RechargeResult{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.First(errs.Text("key", "请求编号", in.Key, errs.KeyLen), errs.Text("note", "备注", in.Note, errs.LineLen)); err != nil {
		return RechargeResult{}, err
	}
	key := "recharge:" + in.Key
	if e, ok, err := byKey(ctx, tx, key); err != nil || ok {
		return RechargeResult{Entry: e, Repeated: ok}, err
	}
	if _, ok := Methods[in.Method]; !ok {
		return RechargeResult{}, errs.Invalid("method", "请选择付款方式（现金、微信、支付宝或银行卡）")
	}
	c, err := usable(ctx, tx, in.CustomerID)
	if err != nil {
		return RechargeResult{}, err
	}
	pkg := Package{PayFen: in.AmountFen}
	if in.PackageID != 0 {
		if pkg, err = GetPackage(ctx, tx, in.PackageID); err != nil {
			return RechargeResult{}, err
		}
		if !pkg.Active {
			return RechargeResult{}, errs.Invalid("packageId", fmt.Sprintf("充值套餐「%s」已停用", pkg.Name))
		}
	} else if err := CheckAmount("amountFen", "充值金额", in.AmountFen); err != nil {
		return RechargeResult{}, err
	}
	rules, err := LoadRules(ctx, tx)
	if err != nil {
		return RechargeResult{}, err
	}
	bal, err := BalanceOf(ctx, tx, c.ID)
	if err != nil {
		return RechargeResult{}, err
	}
	// The cap is on the money the customer paid in (本金): a package's bonus is the shop's gift, so
	// 充5000送800 still fits a ¥5,000 card.
	if after := bal.PrincipalFen + pkg.PayFen; rules.CapOn && after > rules.CapFen {
		return RechargeResult{}, errs.Invalid("amountFen", fmt.Sprintf("记名卡余额上限为 %s：现有本金 %s，充值后本金将为 %s，超出 %s",
			yuan(rules.CapFen), yuan(bal.PrincipalFen), yuan(after), yuan(after-rules.CapFen)))
	}
	if rules.TransferNoticeOn && c.Kind == "企业" && pkg.PayFen >= rules.TransferNoticeFen && !in.TransferConfirmed {
		return RechargeResult{}, errs.Conflict("transferConfirmed", fmt.Sprintf("单位客户单笔充值 %s 及以上，应通过对公银行转账支付，不宜收取现金。本次充值 %s，请确认后继续。",
			yuan(rules.TransferNoticeFen), yuan(pkg.PayFen)), map[string]any{NeedsTransferNotice: true})
	}
	note := in.Note
	if note == "" && pkg.ID != 0 {
		note = pkg.Name
	}
	e, _, err := book(ctx, tx, booking{customerID: c.ID, kind: KindRecharge, principal: pkg.PayFen, bonus: pkg.BonusFen,
		cash: pkg.PayFen, method: in.Method, packageID: pkg.ID, staffID: staffID, note: note, key: key})
	if err != nil {
		return RechargeResult{}, err
	}
	res := RechargeResult{Entry: e}
	if pkg.Points > 0 {
		if _, _, err := points.Credit(ctx, tx, points.Booking{CustomerID: c.ID, Kind: points.KindBonus, Points: pkg.Points,
			Reason: fmt.Sprintf("充值赠送（%s）", pkg.Name), RefType: "wallet", RefID: e.ID,
			Key: fmt.Sprintf("wallet-recharge:%d", e.ID), StaffID: staffID}); err != nil {
			return res, err
		}
		res.Points = pkg.Points
	}
	if pkg.CouponTypeID != 0 && packageCoupon != nil {
		if res.Coupon, err = packageCoupon(ctx, tx, c.ID, pkg.CouponTypeID, fmt.Sprintf("wallet-recharge:%d", e.ID), staffID); err != nil {
			return res, err
		}
	}
	res.UpgradedTo, err = members.UpgradeByRecharge(ctx, tx, c.ID, pkg.PayFen, fmt.Sprintf("充值升级：单笔充值 %s", yuan(pkg.PayFen)), staffID)
	return res, err
}

func customersGet(ctx context.Context, q store.Querier, id int64) (customers.Customer, error) {
	c, err := customers.Get(ctx, q, id)
	if err != nil {
		return c, errs.Invalid("customerId", "客户不存在")
	}
	return c, nil
}
