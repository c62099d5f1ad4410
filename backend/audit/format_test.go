package audit

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestLinesReadDetailsInChinese(t *testing.T) {
	js := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	cases := []struct {
		name    string
		details string
		want    []Line
	}{
		{"nothing", "", nil},
		{"plain text", "已重设", []Line{{Text: "已重设"}}},
		{"a refund: money in fen as yuan, in the order written",
			`{"amountFen":123400,"paidFen":5,"pointsReversed":12,"shortfallPoints":0}`,
			[]Line{{"金额", "¥1,234.00"}, {"实付", "¥0.05"}, {"扣回积分", "12"}, {"积分不足部分", "0"}}},
		{"a check-in: yes/no", js(map[string]any{"points": 50, "walkIn": true}),
			[]Line{{"积分", "50"}, {"临时到场", "是"}}},
		{"an export", js(map[string]int{"rows": 520}), []Line{{"行数", "520"}}},
		{"a staff edit: roles in words", js(map[string]any{"role": Change{Old: "clerk", New: "manager"}, "secret": "已重设"}),
			[]Line{{"角色", "店员 → 店长"}, {"PIN/密码", "已重设"}}},
		{"a rule edit lists only what changed",
			js(Change{Old: map[string]any{"expiryMonths": 0, "pointsPerYuan": 1}, New: map[string]any{"expiryMonths": 12, "pointsPerYuan": 1}}),
			[]Line{{"积分有效期（月）", "0 → 12"}}},
		{"an unchanged save", js(Change{Old: map[string]int{"a": 1}, New: map[string]int{"a": 1}}), []Line{{Text: "没有改动"}}},
		{"a scalar change", js(Change{Old: "JK", New: "VIP"}), []Line{{Text: "JK → VIP"}}},
		{"lists and nested records", js(map[string]any{"customerIds": []int{3, 4}, "take": []string{"mobile", "district"},
			"lines": []map[string]any{{"productId": 7, "unitFen": 9900}}, "reason": ""}),
			[]Line{{"客户编号", "3、4"}, {"明细", "｛酒品编号：7，单价：¥99.00｝"}, {"原因", "（空）"}, {"采用的资料", "手机号、区域"}}},
	}
	for _, c := range cases {
		if got := Lines(c.details); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := Text(`{"amountFen":-1200,"reason":"破损"}`); got != "金额：-¥12.00；原因：破损" {
		t.Errorf("Text = %q", got)
	}
}
