package sheets

import (
	"fmt"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/members"
)

// halfWidth is the customers domain's reading of full-width text, so sheets and forms agree.
func halfWidth(s string) string { return customers.HalfWidth(s) }

// ParseGender reads 男/女, 先生/女士, 男士/小姐 and M/F into the stored M or F.
func ParseGender(raw string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(halfWidth(raw)))
	switch s {
	case "":
		return "", nil
	case "男", "男性", "男士", "先生", "m", "male", "1":
		return "M", nil
	case "女", "女性", "女士", "小姐", "太太", "夫人", "f", "female", "0", "2":
		return "F", nil
	}
	return "", fmt.Errorf("性别「%s」无法识别，应为男或女", raw)
}

var sourceWords = []struct{ word, source string }{
	{"介绍", "转介绍"}, {"推荐", "转介绍"}, {"转介", "转介绍"}, {"朋友", "转介绍"},
	{"活动", "活动"}, {"品鉴", "活动"}, {"酒会", "活动"},
	{"团购", "团购"}, {"企业", "团购"}, {"单位", "团购"},
	{"进店", "进店"}, {"到店", "进店"}, {"门店", "进店"}, {"自然", "进店"}, {"路过", "进店"},
	{"导入", "导入"},
}

// ParseKind maps a ledger's "客户类型" to a customer kind and, for an outlet, its type when the text
// names one (烟酒店, 餐饮, 酒店, 商超). Unknown text is 个人 and reported.
func ParseKind(raw string) (kind, outletType string, unknown bool) {
	s := strings.TrimSpace(raw)
	for _, w := range []struct{ word, outlet string }{{"烟酒", "烟酒店"}, {"餐", "餐饮"}, {"饭店", "餐饮"}, {"酒楼", "餐饮"},
		{"酒店", "酒店"}, {"宾馆", "酒店"}, {"商超", "商超"}, {"超市", "商超"}, {"门店", ""}, {"终端", ""}, {"店", "其他"}} {
		if strings.Contains(s, w.word) {
			return "终端门店", w.outlet, false
		}
	}
	for _, w := range []string{"企业", "团购", "公司", "单位", "集团"} {
		if strings.Contains(s, w) {
			return "企业", "", false
		}
	}
	if s == "" || strings.Contains(s, "个人") || strings.Contains(s, "消费者") || strings.Contains(s, "散客") {
		return "个人", "", false
	}
	return "个人", "", true
}

// ParseSource maps a ledger's "来源" to one of ours; an unknown one is kept as 其他 with the text.
func ParseSource(raw string) (source string, unknown bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", false
	}
	for _, w := range sourceWords {
		if strings.Contains(s, w.word) {
			return w.source, false
		}
	}
	return "其他", true
}

// matchLevel finds the level a ledger names: exactly, or without 会员/VIP/卡 around it (金卡会员, VIP金卡,
// 钻石 for 钻石卡). ok is false when none fits.
func matchLevel(levels []members.Level, raw string) (members.Level, bool) {
	s := strings.TrimSpace(halfWidth(raw))
	if s == "" {
		return members.Level{}, false
	}
	core := func(v string) string {
		v = strings.ToUpper(v)
		for _, cut := range []string{"VIP", "会员", "等级", "级", "卡", " "} {
			v = strings.ReplaceAll(v, cut, "")
		}
		return v
	}
	for _, l := range levels {
		if l.Name == s {
			return l, true
		}
	}
	for _, l := range levels {
		if c := core(l.Name); c != "" && c == core(s) {
			return l, true
		}
	}
	return members.Level{}, false
}
