// Package segments finds groups of customers (客群) by AND/OR groups of conditions, compiled to one
// parameterised SQL query. Smart tags (backend/tags) use the same conditions as their rules.
package segments

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"jiuke/backend/errs"
)

// Node is a group (Op and Items) or a condition (Field, Cmp and the value the field needs).
type Node struct {
	Op    string `json:"op,omitempty"` // AND | OR
	Items []Node `json:"items,omitempty"`

	Field string   `json:"field,omitempty"`
	Cmp   string   `json:"cmp,omitempty"`
	Text  string   `json:"text,omitempty"` // district, kind, gender, source, category, or a date YYYY-MM-DD
	Num   *float64 `json:"num,omitempty"`  // tag or level id, amount in 元, a count or a month
	Days  *int     `json:"days,omitempty"` // "in the last N days"
}

// IsGroup tells groups from conditions.
func (n Node) IsGroup() bool { return n.Op != "" || n.Items != nil }

// value kinds a field takes
const (
	vNone = iota
	vID
	vText
	vAmount
	vCount
	vMonth
	vDate
	vDays
	vTotal // an amount over all time, no day window
)

type field struct {
	label string
	cmps  map[string]int // comparison -> the value it needs
	texts []string       // allowed texts, when the field is a closed list
}

var (
	Kinds      = []string{"个人", "终端门店", "企业"}
	Sources    = []string{"进店", "转介绍", "活动", "团购", "导入", "其他"}
	Categories = []string{"白酒", "葡萄酒", "啤酒", "洋酒", "黄酒", "服务"}
)

var fields = map[string]field{
	"tag":          {"标签", map[string]int{"has": vID, "not": vID}, nil},
	"level":        {"会员等级", map[string]int{"is": vID, "not": vID}, nil},
	"district":     {"区域", map[string]int{"eq": vText, "ne": vText}, nil},
	"kind":         {"客户类型", map[string]int{"eq": vText, "ne": vText}, Kinds},
	"gender":       {"性别", map[string]int{"eq": vText, "ne": vText}, []string{"M", "F"}},
	"source":       {"来源", map[string]int{"eq": vText, "ne": vText}, Sources},
	"spend":        {"消费金额", map[string]int{"gte": vAmount, "lte": vAmount}, nil},
	"totalSpend":   {"累计消费", map[string]int{"gte": vTotal, "lte": vTotal}, nil},
	"lastPurchase": {"最近消费", map[string]int{"before": vDate, "after": vDate, "within": vDays, "notWithin": vDays, "olderThan": vDays}, nil},
	"created":      {"建档日期", map[string]int{"before": vDate, "after": vDate}, nil},
	"birthMonth":   {"生日月份", map[string]int{"eq": vMonth}, nil},
	"events":       {"参加活动次数", map[string]int{"gte": vCount}, nil},
	"points":       {"积分余额", map[string]int{"gte": vCount}, nil},
	"referrals":    {"转介绍人数", map[string]int{"gte": vCount}, nil},
	"category":     {"购买品类", map[string]int{"bought": vText}, Categories},
	"service":      {"购买服务类产品", map[string]int{"bought": vNone}, nil},
}

// Validate checks a whole definition; the message names the condition by its place ("条件 2.1").
func Validate(root Node) error {
	if !root.IsGroup() {
		return errs.Invalid("definition", "客群定义应是一组条件")
	}
	if n, depth := size(root); n > MaxConditions || depth > MaxDepth {
		return errs.Invalid("definition", fmt.Sprintf("客群条件过多：最多 %d 个条件、%d 层条件组", MaxConditions, MaxDepth))
	}
	return validate(root, "")
}

// A definition comes from the shop network like any other write: it is bounded before it is
// compiled into SQL, so a caller cannot make a count build a statement of millions of terms.
const (
	MaxConditions = 100
	MaxDepth      = 5
)

// size counts a definition's nodes and its depth of nested groups.
func size(n Node) (nodes, depth int) {
	nodes = 1
	for _, it := range n.Items {
		c, d := size(it)
		nodes += c
		depth = max(depth, d)
	}
	if n.IsGroup() {
		depth++
	}
	return nodes, depth
}

func validate(n Node, path string) error {
	if n.IsGroup() {
		where := "条件组"
		if path != "" {
			where = "条件 " + path
		}
		if n.Op != "AND" && n.Op != "OR" {
			return errs.Invalid(path, where+"：请选择“且”或“或”")
		}
		if len(n.Items) == 0 {
			return errs.Invalid(path, where+"：条件组不能为空")
		}
		for i, it := range n.Items {
			p := strconv.Itoa(i + 1)
			if path != "" {
				p = path + "." + p
			}
			if err := validate(it, p); err != nil {
				return err
			}
		}
		return nil
	}
	return ValidateCondition(n, path)
}

// ValidateCondition checks one condition; path is "" for a smart tag's single rule.
func ValidateCondition(n Node, path string) error {
	where := "规则"
	if path != "" {
		where = "条件 " + path
	}
	bad := func(msg string) error { return errs.Invalid(path, where+"："+msg) }
	f, ok := fields[n.Field]
	if !ok {
		return bad("请选择条件字段")
	}
	need, ok := f.cmps[n.Cmp]
	if !ok {
		return bad("请选择" + f.label + "的比较方式")
	}
	switch need {
	case vID, vCount, vAmount, vTotal, vMonth:
		if n.Num == nil {
			return bad("缺少数值")
		}
		v := *n.Num
		switch {
		case v < 0:
			return bad(f.label + "不能为负数")
		case (need == vAmount || need == vTotal) && v > float64(errs.MaxFen/100):
			return bad(fmt.Sprintf("%s不能超过 ¥%d", f.label, errs.MaxFen/100))
		case v > float64(errs.MaxCount):
			return bad(fmt.Sprintf("%s不能超过%d", f.label, errs.MaxCount))
		case need == vMonth && (v < 1 || v > 12 || v != float64(int(v))):
			return bad("月份应在 1 到 12 之间")
		case need == vID && (v < 1 || v != float64(int64(v))):
			return bad("请选择" + f.label)
		case need == vCount && (v < 1 || v != float64(int64(v))):
			return bad(f.label + "应为不小于 1 的整数")
		case need == vAmount && n.Cmp == "gte" && v == 0:
			return bad("消费金额应大于 0")
		case need == vTotal && n.Cmp == "gte" && v == 0:
			return bad("累计消费应大于 0")
		}
		if need == vAmount {
			if n.Days == nil {
				return bad("缺少统计天数")
			}
			if *n.Days < 1 || *n.Days > 3650 {
				return bad("统计天数应在 1 到 3650 之间")
			}
		}
	case vText:
		if n.Text == "" {
			return bad("请选择" + f.label)
		}
		if e := errs.Text(path, f.label, n.Text, errs.LineLen); e != nil {
			return bad(e.Message)
		}
		if f.texts != nil && !slices.Contains(f.texts, n.Text) {
			return bad(fmt.Sprintf("%s“%s”无效", f.label, n.Text))
		}
	case vDate:
		if _, err := time.Parse(time.DateOnly, n.Text); err != nil {
			return bad("日期格式应为 2026-11-23")
		}
	case vDays:
		if n.Days == nil {
			return bad("缺少天数")
		}
		if *n.Days < 1 || *n.Days > 3650 {
			return bad("天数应在 1 到 3650 之间")
		}
	}
	return nil
}
