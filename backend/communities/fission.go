package communities

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

// Settings are the shop's remark-name pattern and its fission rewards (裂变奖励): points, or a gift
// from the catalogue instead while it is in stock.
type Settings struct {
	RemarkPattern  string `json:"remarkPattern"`
	JoinPoints     int64  `json:"joinPoints"`     // to a member for each friend they bring into a group
	FirstBuyPoints int64  `json:"firstBuyPoints"` // to that member when the friend first buys
	JoinGiftID     int64  `json:"joinGiftId"`
	FirstBuyGiftID int64  `json:"firstBuyGiftId"`
}

func LoadSettings(ctx context.Context, q store.Querier) (Settings, error) {
	var s Settings
	err := q.QueryRowContext(ctx, `SELECT remark_pattern, join_points, first_buy_points, COALESCE(join_gift_id, 0),
		COALESCE(first_buy_gift_id, 0) FROM community_settings WHERE id = 1`).
		Scan(&s.RemarkPattern, &s.JoinPoints, &s.FirstBuyPoints, &s.JoinGiftID, &s.FirstBuyGiftID)
	if err != nil {
		return s, errs.Internal("community settings", err)
	}
	return s, nil
}

func SaveSettings(ctx context.Context, tx *sql.Tx, s Settings) (Settings, error) {
	s.RemarkPattern = strings.TrimSpace(s.RemarkPattern)
	switch {
	case !strings.Contains(s.RemarkPattern, "{name}"):
		return s, errs.Invalid("remarkPattern", "备注名格式须包含 {name}（姓名），例如 {name}-{last4}")
	case len([]rune(s.RemarkPattern)) > 30:
		return s, errs.Invalid("remarkPattern", "备注名格式不能超过30个字")
	case s.JoinPoints < 0 || s.JoinPoints > 100000:
		return s, errs.Invalid("joinPoints", "邀请入群奖励应在 0～100000 积分之间")
	case s.FirstBuyPoints < 0 || s.FirstBuyPoints > 100000:
		return s, errs.Invalid("firstBuyPoints", "首购奖励应在 0～100000 积分之间")
	}
	for _, id := range []int64{s.JoinGiftID, s.FirstBuyGiftID} {
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM gifts WHERE id = ?)`, id).Scan(&ok); err != nil {
			return s, errs.Internal("reward gift", err)
		}
		if id != 0 && !ok {
			return s, errs.Invalid("joinGiftId", "奖励礼品不在礼品目录中")
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE community_settings SET remark_pattern = ?, join_points = ?, first_buy_points = ?,
		join_gift_id = ?, first_buy_gift_id = ? WHERE id = 1`,
		s.RemarkPattern, s.JoinPoints, s.FirstBuyPoints, store.Nullable(s.JoinGiftID), store.Nullable(s.FirstBuyGiftID)); err != nil {
		return s, errs.Internal("save community settings", err)
	}
	return s, nil
}

// rewardJoin pays the inviter once per friend and group; a retried add pays nothing more.
func rewardJoin(ctx context.Context, tx *sql.Tx, s Settings, g Group, inviterID, inviteeID, staffID int64) (bool, error) {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, inviteeID).Scan(&name); err != nil {
		return false, errs.Internal("invitee", err)
	}
	key := fmt.Sprintf("fission-join:%d:%d", g.ID, inviteeID)
	paid, err := pay(ctx, tx, reward{customerID: inviterID, points: s.JoinPoints, giftID: s.JoinGiftID, groupID: g.ID, staffID: staffID,
		reason: fmt.Sprintf("邀请「%s」加入社群「%s」", name, g.Name), key: key})
	if err != nil {
		return paid, err
	}
	for _, hook := range rewardHooks {
		n, err := hook(ctx, tx, RewardJoin, inviterID, key, staffID)
		if err != nil {
			return paid, err
		}
		paid = paid || n > 0
	}
	return paid, nil
}

// Fission reward occasions, for reward hooks.
const (
	RewardJoin     = "join"
	RewardFirstBuy = "first_buy"
)

var rewardHooks []func(ctx context.Context, tx *sql.Tx, occasion string, customerID int64, key string, staffID int64) (int, error)

// RegisterReward adds another kind of fission reward (e.g. a coupon) paid beside the points or gift,
// under the same key, so it too is paid once. Call it from an init function.
func RegisterReward(fn func(ctx context.Context, tx *sql.Tx, occasion string, customerID int64, key string, staffID int64) (int, error)) {
	rewardHooks = append(rewardHooks, fn)
}

type reward struct {
	customerID, points, giftID, groupID, staffID int64
	reason, key                                  string
}

// pay books a fission reward under its idempotency key: a gift when one is set and in stock (booked as
// bonus points worth the gift, redeemed for it at once, so the ledger and the stock stay exact), else
// the points. created is false when the key was already paid or there is nothing to pay.
func pay(ctx context.Context, tx *sql.Tx, r reward) (bool, error) {
	if r.giftID != 0 {
		var g points.Gift
		err := tx.QueryRowContext(ctx, `SELECT id, name, points_cost, stock, active FROM gifts WHERE id = ?`, r.giftID).
			Scan(&g.ID, &g.Name, &g.PointsCost, &g.Stock, &g.Active)
		if err != nil && err != sql.ErrNoRows {
			return false, errs.Internal("reward gift", err)
		}
		if err == nil && g.Active && g.Stock > 0 {
			_, created, err := points.Credit(ctx, tx, points.Booking{CustomerID: r.customerID, Kind: points.KindBonus, Points: g.PointsCost,
				Reason: r.reason + "，奖励礼品「" + g.Name + "」", RefType: "community", RefID: r.groupID, Key: r.key, StaffID: r.staffID})
			if err != nil || !created {
				return false, err
			}
			_, err = points.Redeem(ctx, tx, points.RedeemInput{CustomerID: r.customerID, GiftID: g.ID, Qty: 1, Key: r.key}, r.staffID)
			return err == nil, err
		}
	}
	if r.points <= 0 {
		return false, nil
	}
	_, created, err := points.Credit(ctx, tx, points.Booking{CustomerID: r.customerID, Kind: points.KindBonus, Points: r.points,
		Reason: r.reason, RefType: "community", RefID: r.groupID, Key: r.key, StaffID: r.staffID})
	return created, err
}

func init() { sales.RegisterAfterPurchase(rewardFirstBuy) }

// rewardFirstBuy runs inside the purchase's transaction: when a customer someone invited into a group
// makes their first purchase, the earliest inviter gets the first-buy reward, once.
func rewardFirstBuy(ctx context.Context, tx *sql.Tx, p sales.Recorded) error {
	if !p.First || p.NoPoints {
		return nil
	}
	var inviterID, groupID int64
	var groupName, name string
	err := tx.QueryRowContext(ctx, `SELECT m.inviter_id, m.community_id, g.name, c.name FROM community_members m
		JOIN communities g ON g.id = m.community_id JOIN customers c ON c.id = m.customer_id
		JOIN customers i ON i.id = m.inviter_id AND i.archived = 0
		WHERE m.customer_id = ? AND m.inviter_id IS NOT NULL ORDER BY m.joined_on, m.id LIMIT 1`, p.CustomerID).
		Scan(&inviterID, &groupID, &groupName, &name)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return errs.Internal("first buy inviter", err)
	}
	s, err := LoadSettings(ctx, tx)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("fission-first-buy:%d", p.CustomerID)
	if _, err = pay(ctx, tx, reward{customerID: inviterID, points: s.FirstBuyPoints, giftID: s.FirstBuyGiftID, groupID: groupID,
		staffID: p.StaffID, reason: fmt.Sprintf("邀请入群的「%s」首次消费（%s）", name, groupName), key: key}); err != nil {
		return err
	}
	for _, hook := range rewardHooks {
		if _, err := hook(ctx, tx, RewardFirstBuy, inviterID, key, p.StaffID); err != nil {
			return err
		}
	}
	return nil
}

// InviteNode is one member in an inviter tree: who invited whom into groups.
type InviteNode struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	ParentID  int64  `json:"parentId"`
	GroupName string `json:"groupName"`
	JoinedOn  string `json:"joinedOn"`
	Depth     int    `json:"depth"`
}

// GroupInvites is a group's inviter tree: every current member with who invited them (0 = added by staff).
func GroupInvites(ctx context.Context, q store.Querier, groupID int64) ([]InviteNode, error) {
	return inviteRows(ctx, q, `SELECT c.id, c.name, COALESCE(m.inviter_id, 0), g.name, m.joined_on, 0
		FROM community_members m JOIN customers c ON c.id = m.customer_id JOIN communities g ON g.id = m.community_id
		WHERE m.community_id = ? AND m.left_on IS NULL ORDER BY m.joined_on, c.id`, groupID)
}

// CustomerInvites is everyone the customer brought into any group, directly or through those they
// brought, five levels deep at most.
func CustomerInvites(ctx context.Context, q store.Querier, customerID int64) ([]InviteNode, error) {
	return inviteRows(ctx, q, `WITH RECURSIVE t(id, name, parent, grp, joined, depth) AS (
			SELECT c.id, c.name, m.inviter_id, g.name, m.joined_on, 1 FROM community_members m
			JOIN customers c ON c.id = m.customer_id JOIN communities g ON g.id = m.community_id WHERE m.inviter_id = ?
			UNION
			SELECT c.id, c.name, m.inviter_id, g.name, m.joined_on, t.depth + 1 FROM community_members m JOIN t ON m.inviter_id = t.id
			JOIN customers c ON c.id = m.customer_id JOIN communities g ON g.id = m.community_id WHERE t.depth < 5)
		SELECT id, name, parent, grp, joined, MIN(depth) FROM t GROUP BY id, parent, grp ORDER BY MIN(depth), joined, id`, customerID)
}

func inviteRows(ctx context.Context, q store.Querier, query string, arg int64) ([]InviteNode, error) {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, errs.Internal("invite tree", err)
	}
	defer rows.Close()
	out := []InviteNode{}
	for rows.Next() {
		var n InviteNode
		if err := rows.Scan(&n.ID, &n.Name, &n.ParentID, &n.GroupName, &n.JoinedOn, &n.Depth); err != nil {
			return nil, errs.Internal("scan invite", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
