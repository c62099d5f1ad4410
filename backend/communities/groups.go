package communities

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

const groupCols = `g.id, g.name, g.platform, g.theme, g.audience, g.member_kind, g.owner_account, COALESCE(g.staff_id, 0),
	COALESCE(s.name, ''), g.admins, g.rules, g.state, g.created_on,
	(SELECT COUNT(*) FROM community_members m WHERE m.community_id = g.id AND m.left_on IS NULL)`

func scanGroup(row interface{ Scan(...any) error }) (Group, error) {
	var g Group
	err := row.Scan(&g.ID, &g.Name, &g.Platform, &g.Theme, &g.Audience, &g.MemberKind, &g.OwnerAccount, &g.StaffID,
		&g.StaffName, &g.Admins, &g.Rules, &g.State, &g.CreatedOn, &g.Members)
	return g, err
}

// Get returns one group with its current member count.
func Get(ctx context.Context, q store.Querier, id int64) (Group, error) {
	g, err := scanGroup(q.QueryRowContext(ctx, `SELECT `+groupCols+` FROM communities g LEFT JOIN staff s ON s.id = g.staff_id WHERE g.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, errs.NotFound("社群不存在")
	}
	if err != nil {
		return g, errs.Internal("get group", err)
	}
	return g, nil
}

// List returns every group, dissolved ones last.
func List(ctx context.Context, q store.Querier) ([]Group, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+groupCols+` FROM communities g LEFT JOIN staff s ON s.id = g.staff_id
		ORDER BY g.state = '已解散', g.id`)
	if err != nil {
		return nil, errs.Internal("list groups", err)
	}
	defer rows.Close()
	out := []Group{}
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, errs.Internal("scan group", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// OfCustomer lists the live groups a customer is currently in.
func OfCustomer(ctx context.Context, q store.Querier, customerID int64) ([]Group, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+groupCols+` FROM communities g LEFT JOIN staff s ON s.id = g.staff_id
		JOIN community_members m ON m.community_id = g.id AND m.customer_id = ? AND m.left_on IS NULL
		WHERE g.state != '已解散' ORDER BY m.joined_on, g.id`, customerID)
	if err != nil {
		return nil, errs.Internal("groups of customer", err)
	}
	defer rows.Close()
	out := []Group{}
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, errs.Internal("scan group", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Save creates (ID 0) or edits a group.
func Save(ctx context.Context, tx *sql.Tx, g Group) (Group, error) {
	g.Name = strings.TrimSpace(g.Name)
	if g.Platform == "" {
		g.Platform = "微信"
	}
	if g.MemberKind == "" {
		g.MemberKind = "个人"
	}
	if g.State == "" {
		g.State = "筹建"
	}
	if g.CreatedOn == "" {
		g.CreatedOn = store.Today()
	}
	switch {
	case g.Name == "":
		return g, errs.Invalid("name", "请填写群名称")
	case !slices.Contains(Platforms, g.Platform):
		return g, errs.Invalid("platform", "平台无效："+g.Platform)
	case !slices.Contains(MemberKinds, g.MemberKind):
		return g, errs.Invalid("memberKind", "成员类型无效："+g.MemberKind)
	case !slices.Contains(States, g.State):
		return g, errs.Invalid("state", "状态无效："+g.State)
	}
	if _, err := time.Parse(time.DateOnly, g.CreatedOn); err != nil {
		return g, errs.Invalid("createdOn", "建群日期格式应为 2026-11-23")
	}
	for _, c := range []struct {
		field, label, v string
		max             int
	}{{"name", "群名称", g.Name, 40}, {"theme", "主题", g.Theme, 100}, {"audience", "定位", g.Audience, 200},
		{"ownerAccount", "所属公司账号", g.OwnerAccount, 60}, {"admins", "管理员", g.Admins, 200}, {"rules", "群规", g.Rules, 2000}} {
		if err := errs.Text(c.field, c.label, c.v, c.max); err != nil {
			return g, err
		}
	}
	now := store.Now()
	var err error
	if g.ID == 0 {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO communities (name, platform, theme, audience, member_kind, owner_account, staff_id,
			admins, rules, state, created_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			g.Name, g.Platform, g.Theme, g.Audience, g.MemberKind, g.OwnerAccount, store.Nullable(g.StaffID), g.Admins, g.Rules,
			g.State, g.CreatedOn, now, now)
		if err == nil {
			g.ID, _ = res.LastInsertId()
		}
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE communities SET name=?, platform=?, theme=?, audience=?, member_kind=?, owner_account=?,
			staff_id=?, admins=?, rules=?, state=?, created_on=?, updated_at=? WHERE id=?`,
			g.Name, g.Platform, g.Theme, g.Audience, g.MemberKind, g.OwnerAccount, store.Nullable(g.StaffID), g.Admins, g.Rules,
			g.State, g.CreatedOn, now, g.ID)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return g, errs.NotFound("社群不存在")
			}
		}
	}
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return g, errs.Conflict("name", "已有同名社群："+g.Name, nil)
	}
	if err != nil {
		return g, errs.Internal("save group", err)
	}
	return Get(ctx, tx, g.ID)
}
