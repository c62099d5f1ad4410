package sheets

import (
	"regexp"
	"strings"
)

// Field is one thing a column can mean, as the mapping step offers it.
type Field struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Hint says what the column may hold, shown beside the choice and in the template.
	Hint     string `json:"hint"`
	Required bool   `json:"required"`
	// Repeat is true when several columns may map to the field (their texts are joined).
	Repeat bool `json:"repeat"`
}

// Fields lists the importable fields in the template's column order.
var Fields = []Field{
	{Key: "name", Label: "姓名", Hint: "必填", Required: true},
	{Key: "mobile", Label: "手机号", Hint: "11位手机号；一格写两个号码时，第一个为手机号，其余存入其他电话"},
	{Key: "otherPhone", Label: "其他电话", Hint: "座机或第二个号码", Repeat: true},
	{Key: "gender", Label: "性别", Hint: "男/女、先生/女士"},
	{Key: "birthday", Label: "生日", Hint: "1985-03-12、1985年3月12日、3月12日、Excel 日期数字（如 31118）；农历写作 农历三月十二"},
	{Key: "district", Label: "区域", Hint: "片区或区县"},
	{Key: "address", Label: "地址"},
	{Key: "company", Label: "单位"},
	{Key: "title", Label: "职务"},
	{Key: "kind", Label: "客户类型", Hint: "个人、终端门店（烟酒店、餐饮、酒店、商超）、企业/团购；不填为个人"},
	{Key: "shopName", Label: "门店名称", Hint: "终端门店的店名"},
	{Key: "cardNumber", Label: "会员卡号", Hint: "本店会员卡号；填写后自动登记为会员"},
	{Key: "level", Label: "会员等级", Hint: "与系统中的等级名称一致，如 金卡"},
	{Key: "points", Label: "剩余积分", Hint: "整数，记为一笔期初积分"},
	{Key: "openingPrincipal", Label: "期初储值本金", Hint: "老系统里会员卡的储值本金余额，如 1000、¥1,000.50；最多两位小数，不能为负，不超过记名卡余额上限；记为一笔期初储值"},
	{Key: "openingBonus", Label: "期初储值赠送", Hint: "老系统里的赠送余额，如 100；与本金一起记为一笔期初储值"},
	{Key: "spendDate", Label: "消费日期", Hint: "与消费金额一起记为一笔历史消费（不再产生积分）"},
	{Key: "product", Label: "消费商品", Hint: "商品名称，照原样记录"},
	{Key: "spend", Label: "消费金额", Hint: "如 1280、¥1,280.50、1.2万；有消费日期记为一笔历史消费，没有日期（如累计消费）记为期初累计消费"},
	{Key: "referrer", Label: "推荐人", Hint: "推荐人的姓名或手机号"},
	{Key: "source", Label: "来源", Hint: "进店、转介绍、活动、团购、其他"},
	{Key: "notes", Label: "备注", Repeat: true},
}

func fieldByKey(key string) (Field, bool) {
	for _, f := range Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// synonyms are headers seen in real ledgers, normalised by headerKey.
var synonyms = map[string]string{}

func init() {
	for field, words := range map[string][]string{
		"name":       {"姓名", "客户姓名", "名字", "客户名称", "客户名", "客户", "顾客姓名", "顾客", "会员姓名", "联系人", "称呼"},
		"mobile":     {"手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "移动电话", "电话号码", "联系手机", "手机电话"},
		"otherPhone": {"其他电话", "备用电话", "座机", "固定电话", "办公电话", "家庭电话", "电话2", "其他联系方式", "第二电话"},
		"gender":     {"性别"},
		"birthday":   {"生日", "出生日期", "出生年月", "出生年月日", "生日日期", "农历生日", "公历生日"},
		"district":   {"区域", "地区", "片区", "区县", "所属区域", "所在区域"},
		"address":    {"地址", "住址", "家庭住址", "联系地址", "详细地址", "收货地址"},
		"company":    {"单位", "公司", "工作单位", "单位名称", "公司名称", "所在单位"},
		"title":      {"职务", "职位", "头衔"},
		"kind":       {"客户类型", "客户类别", "客户性质", "客户分类"},
		"shopName":   {"门店名称", "店名", "店铺名称", "门店"},
		"notes":      {"备注", "说明", "备注信息"},
		"cardNumber": {"会员卡号", "卡号", "会员卡", "vip卡号", "会员编号"},
		"level":      {"等级", "会员等级", "级别", "会员级别", "卡类型", "会员类型"},
		"points":     {"积分", "剩余积分", "当前积分", "积分余额", "可用积分", "期初积分"},
		// Old member software calls the card's money many things; the bonus is always 赠送.
		"openingPrincipal": {"期初储值本金", "期初储值", "储值本金", "储值余额", "卡内余额", "卡余额", "本金余额", "余额", "会员卡余额", "储值金额", "剩余储值", "充值余额"},
		"openingBonus":     {"期初储值赠送", "储值赠送", "赠送余额", "赠送金额", "赠额", "赠送储值", "赠送款"},
		"spend":            {"累计消费", "消费金额", "消费总额", "金额", "累计消费金额", "消费额"},
		"spendDate":        {"消费日期", "购买日期", "最近消费", "最近消费日期", "消费时间", "日期"},
		"product":          {"消费商品", "购买商品", "商品", "酒品", "产品", "品名", "商品名称", "购买产品", "消费内容"},
		"referrer":         {"推荐人", "介绍人", "推荐人姓名", "介绍人姓名", "推荐人电话"},
		"source":           {"来源", "客户来源", "渠道", "来源渠道"},
		// Dates of the record, not of a purchase: left out, so the customer export imported back
		// does not turn 建档日期 and 累计消费 into a purchase.
		"": {"建档日期", "建档时间", "创建日期", "创建时间", "录入日期", "录入时间", "登记日期", "入会日期"},
	} {
		for _, w := range words {
			synonyms[headerKey(w)] = field
		}
	}
}

// containsRules guess a field from part of a header, in order, when no synonym matches exactly.
var containsRules = []struct{ part, field string }{
	{"卡号", "cardNumber"}, {"等级", "level"}, {"级别", "level"}, {"积分", "points"}, {"赠送", "openingBonus"}, {"储值", "openingPrincipal"}, {"余额", "openingPrincipal"},
	{"生日", "birthday"}, {"出生", "birthday"}, {"性别", "gender"},
	{"手机", "mobile"}, {"电话", "mobile"}, {"联系方式", "mobile"}, {"座机", "otherPhone"},
	{"推荐", "referrer"}, {"介绍人", "referrer"}, {"来源", "source"}, {"渠道", "source"},
	{"日期", "spendDate"}, {"金额", "spend"}, {"消费", "spend"}, {"商品", "product"}, {"产品", "product"},
	{"地址", "address"}, {"住址", "address"}, {"单位", "company"}, {"公司", "company"},
	{"职务", "title"}, {"职位", "title"}, {"区域", "district"}, {"地区", "district"}, {"片区", "district"},
	{"备注", "notes"}, {"姓名", "name"}, {"名字", "name"},
}

var bracketed = regexp.MustCompile(`[(（\[【].*?[)）\]】]`)

// headerKey normalises a header for matching: no spaces, marks or bracketed notes ("手机号（必填）*").
func headerKey(h string) string {
	h = bracketed.ReplaceAllString(halfWidth(h), "")
	h = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '*', ':', '：', '　', '#', '※':
			return -1
		}
		return r
	}, h)
	return strings.ToLower(h)
}

// Column is one column of the sheet and the field it is imported as ("" = not imported).
type Column struct {
	Index  int    `json:"index"`
	Letter string `json:"letter"`
	Header string `json:"header"`
	Field  string `json:"field"`
	// How the field was chosen: "remembered" (the user's earlier choice), "guessed", or "" (none).
	Origin string `json:"origin"`
}

// guessColumns maps a header row: the user's remembered choice first, then exact synonyms, then
// parts of headers. A field goes to its first column; a second phone column becomes 其他电话.
func guessColumns(header []string, remembered map[string]string) []Column {
	cols := make([]Column, len(header))
	taken := map[string]bool{}
	take := func(field string) string {
		f, _ := fieldByKey(field)
		switch {
		case field == "":
			return ""
		case !taken[field] || f.Repeat:
			taken[field] = true
			return field
		case field == "mobile" && !taken["otherPhone"]:
			taken["otherPhone"] = true
			return "otherPhone"
		}
		return ""
	}
	for i, h := range header {
		c := Column{Index: i, Letter: colLetter(i), Header: strings.TrimSpace(h)}
		key := headerKey(h)
		if f, ok := remembered[key]; ok && key != "" {
			c.Field, c.Origin = take(f), "remembered"
		} else if f, ok := synonyms[key]; ok {
			c.Field = take(f)
		} else if key != "" {
			for _, r := range containsRules {
				if strings.Contains(key, r.part) {
					c.Field = take(r.field)
					break
				}
			}
		}
		if c.Field != "" && c.Origin == "" {
			c.Origin = "guessed"
		}
		cols[i] = c
	}
	return cols
}

// colLetter is the spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
func colLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
