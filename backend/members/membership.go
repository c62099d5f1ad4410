package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Membership is a customer's VIP status.
type Membership struct {
	CustomerID   int64  `json:"customerId"`
	LevelID      int64  `json:"levelId"`
	LevelName    string `json:"levelName"`
	LevelColour  string `json:"levelColour"`
	LevelSince   string `json:"levelSince"`
	RegisteredAt string `json:"registeredAt"`
}

// Get returns the customer's membership; ok is false for a customer who is not a member.
func Get(ctx context.Context, q store.Querier, customerID int64) (Membership, bool, error) {
	var m Membership
	err := q.QueryRowContext(ctx, `SELECT m.customer_id, m.level_id, l.name, l.colour, m.level_since, m.registered_at
		FROM memberships m JOIN member_levels l ON l.id = m.level_id WHERE m.customer_id = ?`, customerID).
		Scan(&m.CustomerID, &m.LevelID, &m.LevelName, &m.LevelColour, &m.LevelSince, &m.RegisteredAt)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, errs.Internal("load membership", err)
	}
	return m, true, nil
}

// RegisterInput is the counter form: a few fields, Enter to submit.
type RegisterInput struct {
	Name       string `json:"name"`
	Mobile     string `json:"mobile"`
	LevelID    int64  `json:"levelId"`
	CardNumber string `json:"cardNumber"` // scanned or typed; empty to generate one
	Gender     string `json:"gender"`
}

type RegisterResult struct {
	CustomerID int64 `json:"customerId"`
	Card       Card  `json:"card"`
	// Reused is true when the mobile belonged to an existing customer, who became the member.
	Reused bool `json:"reused"`
}

// Register makes a VIP: the existing customer with this mobile, or a new one, gets a level and a card.
func Register(ctx context.Context, tx *sql.Tx, in RegisterInput, staffID int64) (RegisterResult, error) {
	mobile, e := customers.NormalizeMobile(in.Mobile)
	if e != nil {
		return RegisterResult{}, e
	}
	if mobile == "" {
		return RegisterResult{}, errs.Invalid("mobile", "请填写手机号")
	}
	if err := errs.Text("cardNumber", "会员卡号", in.CardNumber, errs.KeyLen); err != nil {
		return RegisterResult{}, err
	}
	levels, err := Levels(ctx, tx)
	if err != nil {
		return RegisterResult{}, err
	}
	if in.LevelID == 0 {
		in.LevelID = levels[0].ID
	}
	if _, err := LevelByID(ctx, tx, in.LevelID); err != nil {
		return RegisterResult{}, err
	}
	res := RegisterResult{}
	c, found, err := customers.ByMobile(ctx, tx, mobile)
	if err != nil {
		return res, err
	}
	if found {
		if c.Archived {
			return res, errs.Conflict("mobile", fmt.Sprintf("手机号属于已停用的客户「%s」，请先恢复该客户", c.Name), map[string]any{"customerId": c.ID})
		}
		if _, isMember, err := Get(ctx, tx, c.ID); err != nil {
			return res, err
		} else if isMember {
			return res, errs.Conflict("mobile", fmt.Sprintf("「%s」已经是会员", c.Name), map[string]any{"customerId": c.ID})
		}
		res.Reused = true
	} else {
		if c, err = customers.Create(ctx, tx, customers.Input{Name: in.Name, Mobile: mobile, Gender: in.Gender, Source: "进店", OwnerStaffID: staffID}, staffID); err != nil {
			return res, err
		}
	}
	res.CustomerID = c.ID
	ts := store.Now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (customer_id, level_id, level_since, registered_by, registered_at) VALUES (?,?,?,?,?)`,
		c.ID, in.LevelID, ts, store.Nullable(staffID), ts); err != nil {
		return res, errs.Internal("insert membership", err)
	}
	if err := recordChange(ctx, tx, c.ID, 0, in.LevelID, "注册会员", staffID); err != nil {
		return res, err
	}
	if res.Card, err = issueCard(ctx, tx, c.ID, in.CardNumber, staffID); err != nil {
		return res, err
	}
	return res, nil
}

func recordChange(ctx context.Context, tx *sql.Tx, customerID, from, to int64, reason string, staffID int64) error {
	return recordChangeFor(ctx, tx, customerID, from, to, reason, staffID, 0)
}

// recordChangeFor also names the purchase whose spend made the change (0 for none).
func recordChangeFor(ctx context.Context, tx *sql.Tx, customerID, from, to int64, reason string, staffID, purchaseID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO level_changes (customer_id, from_level_id, to_level_id, reason, staff_id, purchase_id, created_at)
		VALUES (?,?,?,?,?,?,?)`, customerID, store.Nullable(from), to, reason, store.Nullable(staffID), store.Nullable(purchaseID), store.Now())
	if err != nil {
		return errs.Internal("record level change", err)
	}
	return nil
}

func setLevel(ctx context.Context, tx *sql.Tx, m Membership, to int64, reason string, staffID int64) error {
	return setLevelFor(ctx, tx, m, to, reason, staffID, 0)
}

func setLevelFor(ctx context.Context, tx *sql.Tx, m Membership, to int64, reason string, staffID, purchaseID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE memberships SET level_id = ?, level_since = ? WHERE customer_id = ?`, to, store.Now(), m.CustomerID); err != nil {
		return errs.Internal("set level", err)
	}
	return recordChangeFor(ctx, tx, m.CustomerID, m.LevelID, to, reason, staffID, purchaseID)
}

// ChangeLevel sets a member's level by hand; a reason is required and kept in the history.
func ChangeLevel(ctx context.Context, tx *sql.Tx, customerID, levelID int64, reason string, staffID int64) (Membership, error) {
	if reason == "" {
		return Membership{}, errs.Invalid("reason", "请填写调整原因")
	}
	if err := errs.Text("reason", "调整原因", reason, errs.LineLen); err != nil {
		return Membership{}, err
	}
	m, ok, err := Get(ctx, tx, customerID)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, errs.Conflict("", "该客户还不是会员", nil)
	}
	if _, err := LevelByID(ctx, tx, levelID); err != nil {
		return m, err
	}
	if m.LevelID == levelID {
		return m, errs.Invalid("levelId", "已经是该等级")
	}
	if err := setLevel(ctx, tx, m, levelID, "手动调整："+reason, staffID); err != nil {
		return m, err
	}
	m, _, err = Get(ctx, tx, customerID)
	return m, err
}

// Upgrade raises a member to the highest level their 12-month spend reaches, in the caller's
// transaction (the purchase's, named in the history so a refund of it can find the upgrade). It never
// lowers a level: that is the yearly review's job, and a refund's (see PlanRevert).
func Upgrade(ctx context.Context, tx *sql.Tx, customerID, spend12m int64, why string, staffID, purchaseID int64) (bool, error) {
	m, ok, err := Get(ctx, tx, customerID)
	if err != nil || !ok {
		return false, err
	}
	levels, err := Levels(ctx, tx)
	if err != nil {
		return false, err
	}
	target := levelForSpend(levels, spend12m, func(l Level) int64 { return l.UpgradeFen })
	cur := rankOf(levels, m.LevelID)
	if target.Rank <= cur {
		return false, nil
	}
	return true, setLevelFor(ctx, tx, m, target.ID, why, staffID, purchaseID)
}

// UpgradeByRecharge raises a member to the highest level that opens on a single recharge of payFen
// (a level's RechargeFen), never lowering one; it returns the new level's name, or "" when unchanged.
func UpgradeByRecharge(ctx context.Context, tx *sql.Tx, customerID, payFen int64, why string, staffID int64) (string, error) {
	m, ok, err := Get(ctx, tx, customerID)
	if err != nil || !ok {
		return "", err
	}
	levels, err := Levels(ctx, tx)
	if err != nil {
		return "", err
	}
	var target *Level
	for i, l := range levels {
		if l.RechargeFen > 0 && payFen >= l.RechargeFen {
			target = &levels[i]
		}
	}
	if target == nil || target.Rank <= rankOf(levels, m.LevelID) {
		return "", nil
	}
	return target.Name, setLevel(ctx, tx, m, target.ID, why, staffID)
}

func rankOf(levels []Level, id int64) int {
	for _, l := range levels {
		if l.ID == id {
			return l.Rank
		}
	}
	return 0
}

// LevelChange is one line of a member's level history.
type LevelChange struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Reason    string `json:"reason"`
	StaffName string `json:"staffName"`
	CreatedAt string `json:"createdAt"`
}

// History lists a member's level changes, newest first.
func History(ctx context.Context, q store.Querier, customerID int64) ([]LevelChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(f.name, ''), t.name, h.reason, COALESCE(s.name, ''), h.created_at
		FROM level_changes h LEFT JOIN member_levels f ON f.id = h.from_level_id JOIN member_levels t ON t.id = h.to_level_id
		LEFT JOIN staff s ON s.id = h.staff_id WHERE h.customer_id = ? ORDER BY h.id DESC`, customerID)
	if err != nil {
		return nil, errs.Internal("level history", err)
	}
	defer rows.Close()
	out := []LevelChange{}
	for rows.Next() {
		var c LevelChange
		if err := rows.Scan(&c.From, &c.To, &c.Reason, &c.StaffName, &c.CreatedAt); err != nil {
			return nil, errs.Internal("scan level change", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
