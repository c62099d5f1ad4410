package segments

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jiuke/backend/store"
)

// Describe reads a definition as a person would say it, for the operation log:
// "会员等级=金卡 且 近365天消费≥¥5,000". Tag and level ids are named from the database; an id that
// no longer exists is shown as #id.
func Describe(ctx context.Context, q store.Querier, root Node) string {
	names := func(table string) func(id int64) string {
		return func(id int64) string {
			var name string
			if err := q.QueryRowContext(ctx, `SELECT name FROM `+table+` WHERE id = ?`, id).Scan(&name); err != nil {
				return "#" + strconv.FormatInt(id, 10)
			}
			return name
		}
	}
	d := describer{tag: names("tags"), level: names("member_levels")}
	return d.node(root, true)
}

type describer struct {
	tag, level func(id int64) string
}

func (d describer) node(n Node, top bool) string {
	if !n.IsGroup() {
		return d.condition(n)
	}
	join := " 且 "
	if n.Op == "OR" {
		join = " 或 "
	}
	parts := make([]string, 0, len(n.Items))
	for _, it := range n.Items {
		parts = append(parts, d.node(it, false))
	}
	s := strings.Join(parts, join)
	if !top && len(parts) > 1 {
		s = "（" + s + "）"
	}
	return s
}

func (d describer) condition(n Node) string {
	f, ok := fields[n.Field]
	if !ok {
		return n.Field
	}
	v := 0.0
	if n.Num != nil {
		v = *n.Num
	}
	eq := "="
	if n.Cmp == "ne" || n.Cmp == "not" {
		eq = "≠"
	}
	daysText := func() string {
		if n.Days == nil {
			return ""
		}
		return fmt.Sprintf("近%d天", *n.Days)
	}
	switch n.Field {
	case "tag":
		if n.Cmp == "not" {
			return "没有标签「" + d.tag(int64(v)) + "」"
		}
		return "有标签「" + d.tag(int64(v)) + "」"
	case "level":
		return "等级" + eq + d.level(int64(v))
	case "gender":
		g := map[string]string{"M": "男", "F": "女"}[n.Text]
		if g == "" {
			g = n.Text
		}
		return f.label + eq + g
	case "district", "kind", "source":
		return f.label + eq + n.Text
	case "spend":
		cmp := "≥"
		if n.Cmp == "lte" {
			cmp = "≤"
		}
		return daysText() + "消费" + cmp + yuan(v)
	case "lastPurchase":
		switch n.Cmp {
		case "before":
			return "最近消费早于" + n.Text
		case "after":
			return "最近消费晚于" + n.Text
		case "within":
			return daysText() + "有消费"
		case "notWithin":
			return daysText() + "没有消费"
		default:
			return "有过消费，但" + daysText() + "没有"
		}
	case "created":
		if n.Cmp == "before" {
			return "建档早于" + n.Text
		}
		return "建档晚于" + n.Text
	case "birthMonth":
		return fmt.Sprintf("生日在%d月", int(v))
	case "events", "points", "referrals":
		return f.label + "≥" + strconv.FormatInt(int64(v), 10)
	case "category":
		return "买过" + n.Text
	case "service":
		return "买过服务类产品"
	}
	return f.label
}

// yuan writes an amount in 元 as ¥5,000 (whole yuan) or ¥5,000.50.
func yuan(v float64) string {
	fen := int64(v*100 + 0.5)
	s := "¥" + groupThousands(fen/100)
	if fen%100 != 0 {
		s += fmt.Sprintf(".%02d", fen%100)
	}
	return s
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
