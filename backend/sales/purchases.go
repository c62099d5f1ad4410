package sales

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// LineInput is one line of a sale. UnitFen is used only when OverridePrice is set (a price edit needs
// permission); otherwise the member price for the customer's level applies.
type LineInput struct {
	ProductID     int64 `json:"productId"`
	Qty           int64 `json:"qty"`
	OverridePrice bool  `json:"overridePrice"`
	UnitFen       int64 `json:"unitFen"`
}

// maxLines bounds one sale, so its total (lines × 100,000 × the largest price) cannot overflow.
const maxLines = 500

// PurchaseInput records a sale to a customer, found by id or by a scanned card.
type PurchaseInput struct {
	CustomerID int64       `json:"customerId"`
	CardNumber string      `json:"cardNumber"`
	Lines      []LineInput `json:"lines"`
	Date       string      `json:"date"` // YYYY-MM-DD, may be in the past to record old sales
	Note       string      `json:"note"`
	Key        string      `json:"key"` // idempotency: the same key records once
	// NoPoints records a historical sale (e.g. imported) that earns nothing.
	NoPoints bool `json:"noPoints"`
	// CommunityID is the group (社群) the sale came from, 0 for none.
	CommunityID int64 `json:"communityId"`
	// Payments says how the amount due was paid (stored value, cash, WeChat…); empty records the
	// sale without them. The stored-value part is taken from the member's wallet in this transaction.
	Payments []Payment `json:"payments"`
	// CouponCodes are the coupons (券) used on this sale, scanned or picked; their discount lowers
	// the amount due before payment.
	CouponCodes []string `json:"couponCodes"`
}

// Line is a stored purchase line with what has been refunded of it.
type Line struct {
	ID          int64  `json:"id"`
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Category    string `json:"category"`
	Qty         int64  `json:"qty"`
	UnitFen     int64  `json:"unitFen"`
	AmountFen   int64  `json:"amountFen"`
	Points      int64  `json:"points"`
	RefundedQty int64  `json:"refundedQty"`
}

type Purchase struct {
	ID           int64  `json:"id"`
	CustomerID   int64  `json:"customerId"`
	CustomerName string `json:"customerName"`
	StaffName    string `json:"staffName"`
	// CommunityName is the 社群 the sale came from, if the clerk named one.
	CommunityName string `json:"communityName"`
	Date          string `json:"date"`
	TotalFen      int64  `json:"totalFen"`
	RefundedFen   int64  `json:"refundedFen"`
	PointsEarned  int64  `json:"pointsEarned"`
	// CouponFen is what coupons took off TotalFen; DueFen is what was left to pay.
	CouponFen int64     `json:"couponFen"`
	DueFen    int64     `json:"dueFen"`
	Note      string    `json:"note"`
	Lines     []Line    `json:"lines"`
	Payments  []Payment `json:"payments"`
	// Refunds made of it, oldest first: the history reprints each one's receipt.
	Refunds []RefundRef `json:"refunds"`
	// Outcome of recording, for the clerk: an upgrade, a frozen card that earned nothing.
	UpgradedTo string `json:"upgradedTo"`
	Notice     string `json:"notice"`
}

// Record stores a purchase, books its points, rewards the referrer of a first purchase and lifts the
// member's level if the 12-month spend now reaches a higher threshold — all in the caller's transaction.
func Record(ctx context.Context, tx *sql.Tx, in PurchaseInput, staffID int64, canEditPrice bool) (Purchase, error) {
	in.Note = strings.TrimSpace(in.Note)
	if strings.TrimSpace(in.Key) == "" {
		return Purchase{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	var done int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM purchases WHERE idem_key = ?`, in.Key).Scan(&done)
	if err == nil {
		return Get(ctx, tx, done)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Purchase{}, errs.Internal("purchase idempotency", err)
	}
	if in.Date == "" {
		in.Date = store.Today()
	}
	if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
		return Purchase{}, errs.Invalid("date", "消费日期格式应为 2026-11-23")
	}
	if in.Date > store.Today() {
		return Purchase{}, errs.Invalid("date", "消费日期不能晚于今天")
	}
	if in.CommunityID != 0 {
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM communities WHERE id = ?)`, in.CommunityID).Scan(&ok); err != nil {
			return Purchase{}, errs.Internal("purchase community", err)
		} else if !ok {
			return Purchase{}, errs.Invalid("communityId", "来源社群不存在")
		}
	}
	if utf8.RuneCountInString(in.Note) > 500 {
		return Purchase{}, errs.Invalid("note", "备注不能超过500个字")
	}
	if err := errs.First(errs.Text("key", "请求编号", in.Key, errs.KeyLen), errs.Text("cardNumber", "会员卡号", in.CardNumber, errs.KeyLen)); err != nil {
		return Purchase{}, err
	}
	if len(in.Lines) > maxLines {
		return Purchase{}, errs.Invalid("lines", fmt.Sprintf("一笔消费最多%d行商品", maxLines))
	}
	var cardID int64
	earn := !in.NoPoints
	notice := ""
	if in.CardNumber != "" {
		card, err := members.UsableCard(ctx, tx, in.CardNumber)
		if err != nil {
			return Purchase{}, err
		}
		in.CustomerID, cardID = card.CustomerID, card.ID
	}
	cust, err := customers.Get(ctx, tx, in.CustomerID)
	if err != nil {
		return Purchase{}, errs.Invalid("customerId", "请先选择客户")
	}
	if cust.Archived {
		return Purchase{}, errs.Invalid("customerId", fmt.Sprintf("客户「%s」已停用", cust.Name))
	}
	if card, ok, err := members.CurrentCard(ctx, tx, cust.ID); err != nil {
		return Purchase{}, err
	} else if ok && card.State == members.CardFrozen {
		earn = false
		notice = "会员卡已冻结（" + card.StateReason + "），本次消费不积分"
	}
	m, isMember, err := members.Get(ctx, tx, cust.ID)
	if err != nil {
		return Purchase{}, err
	}
	rules, err := points.LoadRules(ctx, tx)
	if err != nil {
		return Purchase{}, err
	}
	multiplier := int64(100)
	if isMember {
		lvl, err := members.LevelByID(ctx, tx, m.LevelID)
		if err != nil {
			return Purchase{}, err
		}
		multiplier = lvl.MultiplierPct
	}
	if len(in.Lines) == 0 {
		return Purchase{}, errs.Invalid("lines", "请至少添加一件商品")
	}
	var lines []Line
	var total, retail, earned int64
	for i, li := range in.Lines {
		field := func(f string) string { return fmt.Sprintf("lines[%d].%s", i, f) }
		if li.Qty <= 0 {
			return Purchase{}, errs.Invalid(field("qty"), fmt.Sprintf("第%d行数量应大于0", i+1))
		}
		if li.Qty > 100000 {
			return Purchase{}, errs.Invalid(field("qty"), fmt.Sprintf("第%d行数量过大", i+1))
		}
		p, err := GetProduct(ctx, tx, li.ProductID)
		if err != nil {
			return Purchase{}, errs.Invalid(field("productId"), fmt.Sprintf("第%d行的酒品不存在", i+1))
		}
		if !p.Active {
			return Purchase{}, errs.Invalid(field("productId"), fmt.Sprintf("「%s」已停售", p.Name))
		}
		unit := int64(0)
		if li.OverridePrice {
			if !canEditPrice {
				return Purchase{}, errs.Forbidden("修改单价需要店长权限")
			}
			if err := errs.Money(field("unitFen"), fmt.Sprintf("第%d行单价", i+1), li.UnitFen); err != nil {
				return Purchase{}, err
			}
			unit = li.UnitFen
		} else if isMember {
			if unit, err = MemberPrice(ctx, tx, p, m.LevelID); err != nil {
				return Purchase{}, err
			}
		} else {
			unit = p.RetailFen
		}
		amount := unit * li.Qty
		pts := int64(0)
		if earn {
			rate := int64(100)
			if p.Service {
				rate = rules.ServicePct
			}
			pts = amount * rules.PointsPerYuan * multiplier * rate / 1_000_000
		}
		if li.OverridePrice {
			retail += amount
		} else {
			retail += p.RetailFen * li.Qty
		}
		lines = append(lines, Line{ProductID: p.ID, ProductName: productLabel(p), Category: p.Category, Qty: li.Qty, UnitFen: unit, AmountFen: amount, Points: pts})
		total += amount
		earned += pts
	}
	var firstPurchase bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM purchases WHERE customer_id = ?)`, cust.ID).Scan(&firstPurchase); err != nil {
		return Purchase{}, errs.Internal("first purchase", err)
	}
	if len(in.CouponCodes) > 20 {
		return Purchase{}, errs.Invalid("couponCodes", "一笔消费最多使用20张券")
	}
	var off Discount
	if len(in.CouponCodes) > 0 {
		if discount == nil {
			return Purchase{}, errs.Invalid("couponCodes", "未启用券功能")
		}
		if off, err = discount(ctx, tx, Pricing{CustomerID: cust.ID, StaffID: staffID, TotalFen: total, RetailFen: retail,
			CouponCodes: in.CouponCodes, Key: in.Key}); err != nil {
			return Purchase{}, err
		}
	}
	// Payments cover what is due once the coupons are taken off.
	if err := checkPayments(in.Payments, total-off.Fen); err != nil {
		return Purchase{}, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, card_id, staff_id, date, total_fen, points_earned, earns_points, note, idem_key, community_id, created_at, coupon_fen)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, cust.ID, store.Nullable(cardID), store.Nullable(staffID), in.Date, total, earned, earn, in.Note, in.Key,
		store.Nullable(in.CommunityID), store.Now(), off.Fen)
	if err != nil {
		return Purchase{}, errs.Internal("insert purchase", err)
	}
	id, _ := res.LastInsertId()
	if err := savePayments(ctx, tx, id, in.Payments); err != nil {
		return Purchase{}, err
	}
	for _, l := range lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO purchase_lines (purchase_id, product_id, product_name, category, service, qty, unit_fen, amount_fen, points)
			VALUES (?,?,?,?,?,?,?,?,?)`, id, l.ProductID, l.ProductName, l.Category, l.Category == "服务", l.Qty, l.UnitFen, l.AmountFen, l.Points); err != nil {
			return Purchase{}, errs.Internal("insert purchase line", err)
		}
	}
	if off.Apply != nil {
		if err := off.Apply(ctx, tx, id); err != nil {
			return Purchase{}, err
		}
	}
	if earned > 0 {
		if _, _, err := points.Credit(ctx, tx, points.Booking{CustomerID: cust.ID, Kind: points.KindEarn, Points: earned,
			Reason: fmt.Sprintf("消费 %s", yuan(total)), RefType: "purchase", RefID: id, Key: fmt.Sprintf("purchase:%d", id),
			StaffID: staffID, EarnedOn: in.Date}); err != nil {
			return Purchase{}, err
		}
	}
	if firstPurchase && cust.ReferrerID != 0 && rules.ReferralPoints > 0 && !in.NoPoints {
		if _, _, err := points.Credit(ctx, tx, points.Booking{CustomerID: cust.ReferrerID, Kind: points.KindBonus, Points: rules.ReferralPoints,
			Reason: fmt.Sprintf("推荐「%s」首次消费", cust.Name), RefType: "referral", RefID: cust.ID,
			Key: fmt.Sprintf("referral:%d", cust.ID), StaffID: staffID}); err != nil {
			return Purchase{}, err
		}
	}
	for _, hook := range afterPurchase {
		if err := hook(ctx, tx, Recorded{PurchaseID: id, CustomerID: cust.ID, CommunityID: in.CommunityID, First: firstPurchase,
			NoPoints: in.NoPoints, StaffID: staffID, StoredFen: storedPart(in.Payments)}); err != nil {
			return Purchase{}, err
		}
	}
	upgradedTo := ""
	if isMember {
		spend, err := Spend12m(ctx, tx, cust.ID, store.Today())
		if err != nil {
			return Purchase{}, err
		}
		up, err := members.Upgrade(ctx, tx, cust.ID, spend, fmt.Sprintf("消费升级：近12个月消费 %s", yuan(spend)), staffID, id)
		if err != nil {
			return Purchase{}, err
		}
		if up {
			nm, _, _ := members.Get(ctx, tx, cust.ID)
			upgradedTo = nm.LevelName
		}
	}
	p, err := Get(ctx, tx, id)
	p.UpgradedTo, p.Notice = upgradedTo, notice
	return p, err
}

func productLabel(p Product) string {
	s := p.Name
	if p.Series != "" {
		s = p.Series + " " + s
	}
	if p.VolumeML > 0 {
		s += fmt.Sprintf(" %dml", p.VolumeML)
	}
	return s
}

func yuan(fen int64) string { return fmt.Sprintf("¥%d.%02d", fen/100, fen%100) }

// Spend12m is what the customer spent in the 12 months up to asOf (YYYY-MM-DD), refunds deducted.
func Spend12m(ctx context.Context, q store.Querier, customerID int64, asOf string) (int64, error) {
	since := since12m(asOf)
	var s int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(p.total_fen), 0) - COALESCE((SELECT SUM(r.amount_fen) FROM refunds r
		JOIN purchases p2 ON p2.id = r.purchase_id WHERE p2.customer_id = ? AND p2.date > ? AND p2.date <= ?), 0)
		FROM purchases p WHERE p.customer_id = ? AND p.date > ? AND p.date <= ?`, customerID, since, asOf, customerID, since, asOf).Scan(&s)
	if err != nil {
		return 0, errs.Internal("spend", err)
	}
	return s, nil
}

// SpendByCustomer is every customer's 12-month spend, for the yearly review.
func SpendByCustomer(ctx context.Context, q store.Querier, asOf string) (map[int64]int64, error) {
	since := since12m(asOf)
	rows, err := q.QueryContext(ctx, `SELECT p.customer_id, SUM(p.total_fen - COALESCE((SELECT SUM(r.amount_fen) FROM refunds r WHERE r.purchase_id = p.id), 0))
		FROM purchases p WHERE p.date > ? AND p.date <= ? GROUP BY p.customer_id`, since, asOf)
	if err != nil {
		return nil, errs.Internal("spend by customer", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, s int64
		if err := rows.Scan(&id, &s); err != nil {
			return nil, errs.Internal("scan spend", err)
		}
		out[id] = s
	}
	return out, rows.Err()
}

func since12m(asOf string) string {
	d, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		d = time.Now()
	}
	return d.AddDate(-1, 0, 0).Format(time.DateOnly)
}
