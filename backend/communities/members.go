package communities

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// AddRequest puts customers into a group, all or none. InviterID (optional) is the member who brought
// them in and earns the fission reward for each.
type AddRequest struct {
	GroupID   int64   `json:"groupId"`
	IDs       []int64 `json:"ids"`
	InviterID int64   `json:"inviterId"`
	Role      string  `json:"role"`
	JoinedOn  string  `json:"joinedOn"`
}

// AddResult says what happened and, past the best size, how the group could be split.
type AddResult struct {
	Added    int         `json:"added"`
	Already  int         `json:"already"`
	Members  int         `json:"members"`
	Rewarded int         `json:"rewarded"` // fission rewards paid to the inviter
	Split    []SplitPlan `json:"split"`
}

// SplitPlan counts a group's members by one attribute, a way to split a group grown past 200.
type SplitPlan struct {
	By      string   `json:"by"` // district, level, kind
	Label   string   `json:"label"`
	Buckets []Bucket `json:"buckets"`
}

type Bucket struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// AddMembers adds customers to a group in the caller's transaction. Customers already in the group
// are counted, not added twice; those who left rejoin. If the group would pass the platform's 500
// limit nothing is added.
func AddMembers(ctx context.Context, tx *sql.Tx, req AddRequest, staffID int64) (AddResult, error) {
	var res AddResult
	g, err := Get(ctx, tx, req.GroupID)
	if err != nil {
		return res, err
	}
	if g.State == "已解散" {
		return res, errs.Invalid("groupId", fmt.Sprintf("社群「%s」已解散，不能再添加成员", g.Name))
	}
	if req.Role == "" {
		req.Role = "成员"
	}
	if !slices.Contains(Roles, req.Role) {
		return res, errs.Invalid("role", "群内角色无效："+req.Role)
	}
	if req.JoinedOn == "" {
		req.JoinedOn = store.Today()
	}
	if _, err := time.Parse(time.DateOnly, req.JoinedOn); err != nil {
		return res, errs.Invalid("joinedOn", "入群日期格式应为 2026-11-23")
	}
	if req.JoinedOn > store.Today() {
		return res, errs.Invalid("joinedOn", "入群日期不能晚于今天")
	}
	ids := slices.Clone(req.IDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return res, errs.Invalid("ids", "请先选择要加入的客户")
	}
	if req.InviterID != 0 {
		if slices.Contains(ids, req.InviterID) {
			return res, errs.Invalid("inviterId", "邀请人不能邀请自己")
		}
		if ok, err := isMember(ctx, tx, req.GroupID, req.InviterID); err != nil {
			return res, err
		} else if !ok {
			return res, errs.Invalid("inviterId", "邀请人须是本群现有成员")
		}
	}
	var fresh []int64
	for _, id := range ids {
		var name string
		var archived bool
		err := tx.QueryRowContext(ctx, `SELECT name, archived FROM customers WHERE id = ?`, id).Scan(&name, &archived)
		if err == sql.ErrNoRows {
			return res, errs.Invalid("ids", fmt.Sprintf("客户编号 %d 不存在", id))
		}
		if err != nil {
			return res, errs.Internal("member customer", err)
		}
		if archived {
			return res, errs.Invalid("ids", fmt.Sprintf("客户「%s」已停用，不能入群", name))
		}
		in, err := isMember(ctx, tx, req.GroupID, id)
		if err != nil {
			return res, err
		}
		if in {
			res.Already++
		} else {
			fresh = append(fresh, id)
		}
	}
	if g.Members+len(fresh) > HardLimit {
		return res, errs.Invalid("ids", fmt.Sprintf("社群「%s」现有 %d 人，再加 %d 人将超过平台上限 %d 人；请先拆分社群",
			g.Name, g.Members, len(fresh), HardLimit))
	}
	rules, err := LoadSettings(ctx, tx)
	if err != nil {
		return res, err
	}
	now := store.Now()
	for _, id := range fresh {
		if _, err := tx.ExecContext(ctx, `INSERT INTO community_members (community_id, customer_id, role, inviter_id, joined_on, created_at)
			VALUES (?,?,?,?,?,?) ON CONFLICT (community_id, customer_id) DO UPDATE SET left_on = NULL, role = excluded.role,
			inviter_id = COALESCE(community_members.inviter_id, excluded.inviter_id), joined_on = excluded.joined_on`,
			req.GroupID, id, req.Role, store.Nullable(req.InviterID), req.JoinedOn, now); err != nil {
			return res, errs.Internal("add member", err)
		}
		if req.InviterID != 0 {
			paid, err := rewardJoin(ctx, tx, rules, g, req.InviterID, id, staffID)
			if err != nil {
				return res, err
			}
			if paid {
				res.Rewarded++
			}
		}
	}
	res.Added, res.Members = len(fresh), g.Members+len(fresh)
	if res.Members > BestSize {
		if res.Split, err = SplitPlans(ctx, tx, req.GroupID); err != nil {
			return res, err
		}
	}
	return res, nil
}

func isMember(ctx context.Context, q store.Querier, groupID, customerID int64) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM community_members WHERE community_id = ? AND customer_id = ? AND left_on IS NULL)`,
		groupID, customerID).Scan(&ok)
	if err != nil {
		return false, errs.Internal("is member", err)
	}
	return ok, nil
}

// SplitPlans counts the current members by district, level and kind.
func SplitPlans(ctx context.Context, q store.Querier, groupID int64) ([]SplitPlan, error) {
	plans := []SplitPlan{{By: "district", Label: "区域"}, {By: "level", Label: "会员等级"}, {By: "kind", Label: "客户类型"}}
	exprs := map[string]string{"district": `COALESCE(NULLIF(c.district, ''), '未填区域')`,
		"level": `COALESCE(l.name, '非会员')`, "kind": `c.kind`}
	for i, p := range plans {
		rows, err := q.QueryContext(ctx, `SELECT `+exprs[p.By]+` AS v, COUNT(*) FROM community_members m
			JOIN customers c ON c.id = m.customer_id LEFT JOIN memberships ms ON ms.customer_id = c.id
			LEFT JOIN member_levels l ON l.id = ms.level_id
			WHERE m.community_id = ? AND m.left_on IS NULL GROUP BY v ORDER BY COUNT(*) DESC, v`, groupID)
		if err != nil {
			return nil, errs.Internal("split plan", err)
		}
		for rows.Next() {
			var b Bucket
			if err := rows.Scan(&b.Value, &b.Count); err != nil {
				rows.Close()
				return nil, errs.Internal("scan split", err)
			}
			plans[i].Buckets = append(plans[i].Buckets, b)
		}
		rows.Close()
	}
	return plans, nil
}

// Leave records that a member left the group on date (default today).
func Leave(ctx context.Context, tx *sql.Tx, groupID, customerID int64, date string) error {
	if date == "" {
		date = store.Today()
	}
	res, err := tx.ExecContext(ctx, `UPDATE community_members SET left_on = ? WHERE community_id = ? AND customer_id = ? AND left_on IS NULL`,
		date, groupID, customerID)
	if err != nil {
		return errs.Internal("leave group", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("该客户不在本群")
	}
	return nil
}

// SetRole changes a current member's role in the group.
func SetRole(ctx context.Context, tx *sql.Tx, groupID, customerID int64, role string) error {
	if !slices.Contains(Roles, role) {
		return errs.Invalid("role", "群内角色无效："+role)
	}
	res, err := tx.ExecContext(ctx, `UPDATE community_members SET role = ? WHERE community_id = ? AND customer_id = ? AND left_on IS NULL`,
		role, groupID, customerID)
	if err != nil {
		return errs.Internal("set role", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("该客户不在本群")
	}
	return nil
}

const memberSelect = `SELECT c.id, c.name, COALESCE(c.mobile, ''), c.kind, COALESCE(l.name, ''), c.district, m.role,
	COALESCE(m.inviter_id, 0), COALESCE(i.name, ''), m.joined_on, COALESCE(m.left_on, '')
	FROM community_members m JOIN customers c ON c.id = m.customer_id
	LEFT JOIN customers i ON i.id = m.inviter_id
	LEFT JOIN memberships ms ON ms.customer_id = c.id LEFT JOIN member_levels l ON l.id = ms.level_id`

// Members lists a group's members (current ones, or everyone who ever joined), with remark names.
func Members(ctx context.Context, q store.Querier, groupID int64, withLeft bool) ([]Member, error) {
	set, err := LoadSettings(ctx, q)
	if err != nil {
		return nil, err
	}
	cond := ` WHERE m.community_id = ? AND m.left_on IS NULL`
	if withLeft {
		cond = ` WHERE m.community_id = ?`
	}
	rows, err := q.QueryContext(ctx, memberSelect+cond+` ORDER BY m.left_on IS NOT NULL, m.joined_on, c.id`, groupID)
	if err != nil {
		return nil, errs.Internal("list members", err)
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.CustomerID, &m.Name, &m.Mobile, &m.Kind, &m.Level, &m.District, &m.Role, &m.InviterID,
			&m.InviterName, &m.JoinedOn, &m.LeftOn); err != nil {
			return nil, errs.Internal("scan member", err)
		}
		m.RemarkName = RemarkName(set.RemarkPattern, m.Name, m.Mobile)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Filter picks customers to add: by level, district, kind and tag; NoGroupOnly keeps those in no
// group yet. Each source is one more condition, so a new one (a segment) is one more field.
type Filter struct {
	SegmentID   int64  `json:"segmentId"` // a saved 客群
	LevelID     int64  `json:"levelId"`
	District    string `json:"district"`
	Kind        string `json:"kind"`
	TagID       int64  `json:"tagId"`
	NoGroupOnly bool   `json:"noGroupOnly"`
}

// Candidate is a customer a filter found, saying whether they are already in the group.
type Candidate struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Mobile   string `json:"mobile"`
	District string `json:"district"`
	Kind     string `json:"kind"`
	Level    string `json:"level"`
	InGroup  bool   `json:"inGroup"`
}

// CandidateLimit keeps a filter's answer to what one group can hold.
const CandidateLimit = HardLimit

// Candidates lists active customers matching f, at most CandidateLimit, for groupID's add dialog.
func Candidates(ctx context.Context, q store.Querier, groupID int64, f Filter) ([]Candidate, error) {
	where := []string{"c.archived = 0"}
	var args []any
	if f.SegmentID != 0 {
		cond, segArgs, err := segments.Filter(ctx, q, f.SegmentID)
		if err != nil {
			return nil, err
		}
		where, args = append(where, "("+cond+")"), append(args, segArgs...)
	}
	if f.LevelID != 0 {
		where, args = append(where, "ms.level_id = ?"), append(args, f.LevelID)
	}
	if f.District != "" {
		where, args = append(where, "c.district = ?"), append(args, f.District)
	}
	if f.Kind != "" {
		where, args = append(where, "c.kind = ?"), append(args, f.Kind)
	}
	if f.TagID != 0 {
		where, args = append(where, "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag_id = ?)"), append(args, f.TagID)
	}
	if f.NoGroupOnly {
		where = append(where, notInAnyGroup)
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, COALESCE(c.mobile, ''), c.district, c.kind, COALESCE(l.name, ''),
		EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = ? AND m.customer_id = c.id AND m.left_on IS NULL)
		FROM customers c LEFT JOIN memberships ms ON ms.customer_id = c.id LEFT JOIN member_levels l ON l.id = ms.level_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY c.id LIMIT ?`, append(append([]any{groupID}, args...), CandidateLimit)...)
	if err != nil {
		return nil, errs.Internal("candidates", err)
	}
	defer rows.Close()
	out := []Candidate{}
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.Name, &c.Mobile, &c.District, &c.Kind, &c.Level, &c.InGroup); err != nil {
			return nil, errs.Internal("scan candidate", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const notInAnyGroup = `NOT EXISTS (SELECT 1 FROM community_members m2 JOIN communities g2 ON g2.id = m2.community_id
	WHERE m2.customer_id = c.id AND m2.left_on IS NULL AND g2.state != '已解散')`
