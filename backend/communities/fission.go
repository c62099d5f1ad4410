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

// Settings are the shop's remark-name pattern and its fission rewards (裂变奖励), in points.
type Settings struct {
	RemarkPattern  string `json:"remarkPattern"`
	JoinPoints     int64  `json:"joinPoints"`     // to a member for each friend they bring into a group
	FirstBuyPoints int64  `json:"firstBuyPoints"` // to that member when the friend first buys
}

func LoadSettings(ctx context.Context, q store.Querier) (Settings, error) {
	var s Settings
	err := q.QueryRowContext(ctx, `SELECT remark_pattern, join_points, first_buy_points FROM community_settings WHERE id = 1`).
		Scan(&s.RemarkPattern, &s.JoinPoints, &s.FirstBuyPoints)
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
	if _, err := tx.ExecContext(ctx, `UPDATE community_settings SET remark_pattern = ?, join_points = ?, first_buy_points = ? WHERE id = 1`,
		s.RemarkPattern, s.JoinPoints, s.FirstBuyPoints); err != nil {
		return s, errs.Internal("save community settings", err)
	}
	return s, nil
}

// rewardJoin pays the inviter once per friend and group; a retried add pays nothing more.
func rewardJoin(ctx context.Context, tx *sql.Tx, s Settings, g Group, inviterID, inviteeID, staffID int64) (bool, error) {
	if s.JoinPoints <= 0 {
		return false, nil
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, inviteeID).Scan(&name); err != nil {
		return false, errs.Internal("invitee", err)
	}
	_, created, err := points.Credit(ctx, tx, points.Booking{CustomerID: inviterID, Kind: points.KindBonus, Points: s.JoinPoints,
		Reason: fmt.Sprintf("邀请「%s」加入社群「%s」", name, g.Name), RefType: "community", RefID: g.ID,
		Key: fmt.Sprintf("fission-join:%d:%d", g.ID, inviteeID), StaffID: staffID})
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
	if err != nil || s.FirstBuyPoints <= 0 {
		return err
	}
	_, _, err = points.Credit(ctx, tx, points.Booking{CustomerID: inviterID, Kind: points.KindBonus, Points: s.FirstBuyPoints,
		Reason: fmt.Sprintf("邀请入群的「%s」首次消费（%s）", name, groupName), RefType: "community", RefID: groupID,
		Key: fmt.Sprintf("fission-first-buy:%d", p.CustomerID), StaffID: p.StaffID})
	return err
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
