package points

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Rules are the shop's points settings.
type Rules struct {
	// PointsPerYuan is earned per ¥1 spent, before the level multiplier.
	PointsPerYuan int64 `json:"pointsPerYuan"`
	// ServicePct scales what service products earn (100 = same as goods, 0 = nothing).
	ServicePct int64 `json:"servicePct"`
	// PointValueFen is what one point is worth, used to turn spent points into money on refunds.
	PointValueFen int64 `json:"pointValueFen"`
	// ExpiryMonths after earning; 0 means points never expire.
	ExpiryMonths int `json:"expiryMonths"`
	// ReferralPoints go to the referrer on the referred customer's first purchase; 0 turns it off.
	ReferralPoints int64 `json:"referralPoints"`
	// AdjustLimit is the largest manual adjustment a clerk may make alone.
	AdjustLimit int64 `json:"adjustLimit"`

	// missing lists the rules a JSON caller left out (all of them for null): saving them would
	// silently zero them, so SaveRules refuses.
	missing []string
}

// ruleFields are the JSON names of the rules, in form order, with what the form calls them.
var ruleFields = []struct{ key, label string }{{"pointsPerYuan", "每元积分"}, {"servicePct", "服务类积分比例"},
	{"pointValueFen", "每分积分价值"}, {"expiryMonths", "积分有效期"}, {"referralPoints", "推荐奖励"}, {"adjustLimit", "店员调整上限"}}

// UnmarshalJSON reads the rules and notes which were missing, so null or a partial form is refused
// instead of zeroing what it left out.
func (r *Rules) UnmarshalJSON(b []byte) error {
	var present map[string]json.RawMessage
	if err := json.Unmarshal(b, &present); err != nil {
		return err
	}
	type plain Rules
	var p plain
	if present != nil {
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
	}
	*r = Rules(p)
	r.missing = nil
	for _, f := range ruleFields {
		if v, ok := present[f.key]; !ok || string(v) == "null" {
			r.missing = append(r.missing, f.key)
		}
	}
	return nil
}

var defaultRules = Rules{PointsPerYuan: 1, ServicePct: 100, PointValueFen: 1, ExpiryMonths: 0, ReferralPoints: 500, AdjustLimit: 200}

var ruleKeys = map[string]func(r *Rules) *int64{
	"points.per_yuan":        func(r *Rules) *int64 { return &r.PointsPerYuan },
	"points.service_pct":     func(r *Rules) *int64 { return &r.ServicePct },
	"points.point_value_fen": func(r *Rules) *int64 { return &r.PointValueFen },
	"points.referral":        func(r *Rules) *int64 { return &r.ReferralPoints },
	"points.adjust_limit":    func(r *Rules) *int64 { return &r.AdjustLimit },
}

// LoadRules reads the rules in one query (they are read on every purchase), defaults where nothing was saved.
func LoadRules(ctx context.Context, q store.Querier) (Rules, error) {
	r := defaultRules
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key >= 'points.' AND key < 'points/'`)
	if err != nil {
		return r, errs.Internal("load points rules", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, v string
		if err := rows.Scan(&key, &v); err != nil {
			return r, errs.Internal("scan points rule", err)
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return r, errs.Internal("points rule "+key, err)
		}
		if field, ok := ruleKeys[key]; ok {
			*field(&r) = n
		} else if key == "points.expiry_months" {
			r.ExpiryMonths = int(n)
		}
	}
	return r, rows.Err()
}

// SaveRules validates and stores the rules.
func SaveRules(ctx context.Context, tx *sql.Tx, r Rules) (Rules, error) {
	if len(r.missing) > 0 {
		for _, f := range ruleFields {
			if f.key == r.missing[0] {
				return r, errs.Invalid(f.key, fmt.Sprintf("积分规则不完整：缺少「%s」，请填写全部规则后保存", f.label))
			}
		}
	}
	switch {
	case r.PointsPerYuan < 0 || r.PointsPerYuan > 100:
		return r, errs.Invalid("pointsPerYuan", "每元积分应在0到100之间")
	case r.ServicePct < 0 || r.ServicePct > 1000:
		return r, errs.Invalid("servicePct", "服务类积分比例应在0%到1000%之间")
	case r.PointValueFen < 0 || r.PointValueFen > 10000:
		return r, errs.Invalid("pointValueFen", "每分积分价值应在0到100元之间")
	case r.ExpiryMonths < 0 || r.ExpiryMonths > 120:
		return r, errs.Invalid("expiryMonths", "积分有效期应在0到120个月之间（0为永久有效）")
	case r.ReferralPoints < 0 || r.ReferralPoints > errs.MaxCount:
		return r, errs.Invalid("referralPoints", fmt.Sprintf("推荐奖励应在0到%d分之间", errs.MaxCount))
	case r.AdjustLimit < 0 || r.AdjustLimit > errs.MaxCount:
		return r, errs.Invalid("adjustLimit", fmt.Sprintf("店员调整上限应在0到%d分之间", errs.MaxCount))
	}
	vals := map[string]int64{"points.expiry_months": int64(r.ExpiryMonths)}
	for key, field := range ruleKeys {
		vals[key] = *field(&r)
	}
	for k, v := range vals {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, strconv.FormatInt(v, 10)); err != nil {
			return r, errs.Internal("save points rules", err)
		}
	}
	return r, nil
}

// expiryFor is the expiry date of points earned on date (YYYY-MM-DD), "" when points never expire.
func (r Rules) expiryFor(date string) string {
	if r.ExpiryMonths == 0 {
		return ""
	}
	d, err := time.ParseInLocation(time.DateOnly, date, store.Shop)
	if err != nil {
		return ""
	}
	return d.AddDate(0, r.ExpiryMonths, 0).Format(time.DateOnly)
}
