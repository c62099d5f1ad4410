// Package members owns VIP membership: levels (会员等级) with their thresholds and benefits, cards
// (VIP卡) with check digits and states, registration at the counter, upgrades and the yearly review.
package members

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Level is one member level. Money is in fen; MultiplierPct 150 earns 1.5× points; DiscountPct 95 is 95折.
type Level struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Rank           int    `json:"rank"`
	UpgradeFen     int64  `json:"upgradeFen"`
	KeepFen        int64  `json:"keepFen"`
	MultiplierPct  int64  `json:"multiplierPct"`
	DiscountPct    int64  `json:"discountPct"`
	BirthdayPoints int64  `json:"birthdayPoints"`
	// RechargeFen opens the level on a single stored-value recharge of at least this much (0: never).
	RechargeFen int64  `json:"rechargeFen"`
	Colour      string `json:"colour"`
	Members     int    `json:"members"`
}

// Levels lists the levels from lowest to highest.
func Levels(ctx context.Context, q store.Querier) ([]Level, error) {
	return levels(ctx, q, `0`)
}

// LevelsWithCounts also counts each level's members, for the settings page (a full count at shop
// scale, so never on the counter's path).
func LevelsWithCounts(ctx context.Context, q store.Querier) ([]Level, error) {
	return levels(ctx, q, `(SELECT COUNT(*) FROM memberships m WHERE m.level_id = l.id)`)
}

func levels(ctx context.Context, q store.Querier, count string) ([]Level, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.id, l.name, l.rank, l.upgrade_fen, l.keep_fen, l.multiplier_pct, l.discount_pct,
		l.birthday_points, l.recharge_fen, l.colour, `+count+` FROM member_levels l ORDER BY l.rank`)
	if err != nil {
		return nil, errs.Internal("list levels", err)
	}
	defer rows.Close()
	out := []Level{}
	for rows.Next() {
		var l Level
		if err := rows.Scan(&l.ID, &l.Name, &l.Rank, &l.UpgradeFen, &l.KeepFen, &l.MultiplierPct, &l.DiscountPct,
			&l.BirthdayPoints, &l.RechargeFen, &l.Colour, &l.Members); err != nil {
			return nil, errs.Internal("scan level", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LevelByID loads one level.
func LevelByID(ctx context.Context, q store.Querier, id int64) (Level, error) {
	levels, err := Levels(ctx, q)
	if err != nil {
		return Level{}, err
	}
	for _, l := range levels {
		if l.ID == id {
			return l, nil
		}
	}
	return Level{}, errs.Invalid("levelId", "会员等级不存在")
}

// SaveLevels replaces the level settings as a whole, so the order of thresholds can be checked across
// levels. Levels keep their ids (members point at them); a level with members cannot be removed.
func SaveLevels(ctx context.Context, tx *sql.Tx, levels []Level) ([]Level, error) {
	if len(levels) == 0 {
		return nil, errs.Invalid("levels", "至少需要一个会员等级")
	}
	sort.SliceStable(levels, func(i, j int) bool { return levels[i].Rank < levels[j].Rank })
	names := map[string]bool{}
	for i := range levels {
		l := &levels[i]
		l.Name = strings.TrimSpace(l.Name)
		l.Rank = i + 1
		field := func(f string) string { return fmt.Sprintf("levels[%d].%s", i, f) }
		switch {
		case l.Name == "":
			return nil, errs.Invalid(field("name"), fmt.Sprintf("第%d个等级缺少名称", i+1))
		case utf8.RuneCountInString(l.Name) > 10:
			return nil, errs.Invalid(field("name"), "等级名称不能超过10个字")
		case names[l.Name]:
			return nil, errs.Invalid(field("name"), "等级名称重复："+l.Name)
		case l.UpgradeFen < 0 || l.KeepFen < 0:
			return nil, errs.Invalid(field("upgradeFen"), fmt.Sprintf("「%s」的门槛不能为负数", l.Name))
		case l.UpgradeFen > errs.MaxFen:
			return nil, errs.Money(field("upgradeFen"), fmt.Sprintf("「%s」的升级门槛", l.Name), l.UpgradeFen)
		case i == 0 && l.UpgradeFen != 0:
			return nil, errs.Invalid(field("upgradeFen"), fmt.Sprintf("最低等级「%s」的升级门槛应为0", l.Name))
		case i > 0 && l.UpgradeFen <= levels[i-1].UpgradeFen:
			return nil, errs.Invalid(field("upgradeFen"), fmt.Sprintf("「%s」的升级门槛应高于「%s」", l.Name, levels[i-1].Name))
		case l.KeepFen > l.UpgradeFen:
			return nil, errs.Invalid(field("keepFen"), fmt.Sprintf("「%s」的保级门槛不能高于升级门槛", l.Name))
		case l.MultiplierPct <= 0 || l.MultiplierPct > 1000:
			return nil, errs.Invalid(field("multiplierPct"), fmt.Sprintf("「%s」的积分倍率应在1%%到1000%%之间", l.Name))
		case l.DiscountPct < 1 || l.DiscountPct > 100:
			return nil, errs.Invalid(field("discountPct"), fmt.Sprintf("「%s」的折扣应在1%%到100%%之间", l.Name))
		case l.BirthdayPoints < 0:
			return nil, errs.Invalid(field("birthdayPoints"), fmt.Sprintf("「%s」的生日积分不能为负数", l.Name))
		case l.RechargeFen < 0 || l.RechargeFen > errs.MaxFen:
			return nil, errs.Money(field("rechargeFen"), fmt.Sprintf("「%s」的充值开通金额", l.Name), l.RechargeFen)
		}
		names[l.Name] = true
	}
	// Ranks and names are unique: park existing rows on negative ranks and temporary names first.
	if _, err := tx.ExecContext(ctx, `UPDATE member_levels SET rank = -id, name = '~' || id`); err != nil {
		return nil, errs.Internal("park levels", err)
	}
	kept := map[int64]bool{}
	for i := range levels {
		l := &levels[i]
		if l.ID != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE member_levels SET name=?, rank=?, upgrade_fen=?, keep_fen=?, multiplier_pct=?,
				discount_pct=?, birthday_points=?, recharge_fen=?, colour=? WHERE id=?`, l.Name, l.Rank, l.UpgradeFen, l.KeepFen, l.MultiplierPct,
				l.DiscountPct, l.BirthdayPoints, l.RechargeFen, l.Colour, l.ID)
			if err != nil {
				return nil, errs.Internal("update level", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil, errs.Invalid("levels", "等级不存在："+l.Name)
			}
		} else {
			res, err := tx.ExecContext(ctx, `INSERT INTO member_levels (name, rank, upgrade_fen, keep_fen, multiplier_pct, discount_pct,
				birthday_points, recharge_fen, colour) VALUES (?,?,?,?,?,?,?,?,?)`, l.Name, l.Rank, l.UpgradeFen, l.KeepFen, l.MultiplierPct,
				l.DiscountPct, l.BirthdayPoints, l.RechargeFen, l.Colour)
			if err != nil {
				return nil, errs.Internal("insert level", err)
			}
			l.ID, _ = res.LastInsertId()
		}
		kept[l.ID] = true
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, (SELECT COUNT(*) FROM memberships m WHERE m.level_id = l.id) FROM member_levels l WHERE rank < 0`)
	if err != nil {
		return nil, errs.Internal("removed levels", err)
	}
	var removed []int64
	for rows.Next() {
		var id int64
		var n int
		rows.Scan(&id, &n)
		if n > 0 {
			rows.Close()
			return nil, errs.Conflict("levels", fmt.Sprintf("被删除的等级还有 %d 位会员，请先调整他们的等级", n), nil)
		}
		removed = append(removed, id)
	}
	rows.Close()
	for _, id := range removed {
		if _, err := tx.ExecContext(ctx, `DELETE FROM member_levels WHERE id = ?`, id); err != nil {
			return nil, errs.Conflict("levels", "该等级已有历史记录，不能删除", nil)
		}
	}
	return LevelsWithCounts(ctx, tx)
}

// levelForSpend is the highest level whose threshold (picked by the caller) the spend reaches.
func levelForSpend(levels []Level, spend int64, threshold func(Level) int64) Level {
	best := levels[0]
	for _, l := range levels {
		if spend >= threshold(l) {
			best = l
		}
	}
	return best
}
