package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestOversizedInputIsRefusedByField sends what a caller on the shop network could: amounts near 2^63,
// 1 MB text, a 25-character Chinese password, null rules and missing customers. Each is refused with
// its own code and the field named in Chinese, and nothing changes: the event stays loadable, the
// rules stay as they were.
func TestOversizedInputIsRefusedByField(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	c := owner.must("Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000"})
	ev := owner.must("Events/Create", map[string]any{"name": "秋季品鉴会", "kind": "品鉴会", "startsAt": "2026-12-05 19:00", "endsAt": "2026-12-05 21:30"})
	product := owner.must("Sales/SaveProduct", map[string]any{"name": "飞天53度", "category": "白酒", "retailFen": 299900, "active": true})
	group := owner.must("Communities/Save", map[string]any{"name": "酱香品鉴群", "platform": "微信", "createdOn": "2026-01-01"})
	gift := owner.must("Points/SaveGift", map[string]any{"name": "品鉴酒杯", "pointsCost": 100, "stock": 10, "active": true})
	owner.must("Points/SaveRules", map[string]any{"pointsPerYuan": 2, "servicePct": 100, "pointValueFen": 1, "expiryMonths": 12, "referralPoints": 500, "adjustLimit": 200})
	huge := int64(1) << 62
	mb := strings.Repeat("酒", 1<<20/3)
	cases := []struct {
		path   string
		args   []any
		status int
		field  string
		says   string
	}{
		{"Events/SaveCost", []any{map[string]any{"eventId": ev["id"], "category": "场地", "item": "包间", "plannedFen": huge}}, 422, "plannedFen", "预算金额不能超过"},
		{"Events/SaveCost", []any{map[string]any{"eventId": ev["id"], "category": "场地", "item": "包间", "actualFen": huge}}, 422, "actualFen", "实际金额不能超过"},
		{"Events/SaveCost", []any{map[string]any{"eventId": ev["id"], "category": "场地", "item": mb}}, 422, "item", "费用项目不能超过"},
		{"Events/Update", []any{ev["id"], map[string]any{"name": "秋季品鉴会", "kind": "品鉴会", "startsAt": "2026-12-05 19:00", "endsAt": "2026-12-05 21:30", "venue": mb}}, 422, "venue", "场地不能超过50个字"},
		{"Events/Update", []any{ev["id"], map[string]any{"name": "秋季品鉴会", "kind": "品鉴会", "startsAt": "2026-12-05 19:00", "endsAt": "2026-12-05 21:30", "notes": mb}}, 422, "notes", "备注不能超过2000个字"},
		{"Sales/SaveProduct", []any{map[string]any{"id": product["id"], "name": "飞天53度", "category": "白酒", "retailFen": huge, "active": true}}, 422, "retailFen", "零售价不能超过"},
		{"Sales/Record", []any{map[string]any{"customerId": c["id"], "key": "k1", "lines": []any{map[string]any{"productId": product["id"], "qty": 1, "overridePrice": true, "unitFen": huge}}}}, 422, "lines[0].unitFen", "第1行单价不能超过"},
		{"Sales/Record", []any{map[string]any{"customerId": c["id"], "key": mb, "lines": []any{map[string]any{"productId": product["id"], "qty": 1}}}}, 422, "key", "请求编号不能超过100个字"},
		{"Communities/AddActivity", []any{map[string]any{"groupId": group["id"], "kind": "红包", "title": "周末红包", "amountFen": huge}}, 422, "amountFen", "红包金额不能超过"},
		{"Points/Adjust", []any{map[string]any{"customerId": c["id"], "points": 10, "reason": "补录", "key": mb}}, 422, "key", "请求编号不能超过"},
		{"Points/Adjust", []any{map[string]any{"customerId": c["id"], "points": huge, "reason": "补录", "key": "k2"}}, 422, "points", "调整积分不能超过"},
		{"Points/Adjust", []any{map[string]any{"customerId": 99999, "points": 10, "reason": "补录", "key": "k3"}}, 404, "", "客户不存在"},
		{"Points/Redeem", []any{map[string]any{"customerId": 99999, "giftId": gift["id"], "qty": 1, "key": "k4"}}, 404, "", "客户不存在"},
		{"Points/SaveRules", []any{nil}, 422, "pointsPerYuan", "积分规则不完整"},
		{"Points/SaveRules", []any{map[string]any{"pointsPerYuan": 3}}, 422, "servicePct", "缺少「服务类积分比例」"},
		{"System/SaveShop", []any{map[string]any{"name": "蜀香酒行", "city": mb}}, 422, "city", "城市不能超过50个字"},
		{"Communities/Save", []any{map[string]any{"id": group["id"], "name": "酱香品鉴群", "platform": "微信", "createdOn": "2026-01-01", "rules": mb}}, 422, "rules", "群规不能超过2000个字"},
		{"Staff/Create", []any{map[string]any{"name": "刘店长", "role": "manager", "active": true, "secret": strings.Repeat("酒", 25)}}, 422, "secret", "72字节"},
	}
	for _, tc := range cases {
		status, body, raw := owner.call(tc.path, tc.args...)
		msg, _ := body["message"].(string)
		if status != tc.status || (body["field"] != nil && body["field"] != tc.field) || (body["field"] == nil && tc.field != "") || !strings.Contains(msg, tc.says) {
			t.Errorf("%s: want %d %q %q, got %d %.200s", tc.path, tc.status, tc.field, tc.says, status, raw)
		}
	}
	// Nothing was stored: the event loads with no cost lines and the rules are as saved.
	d := owner.must("Events/Detail", ev["id"])
	if costs, _ := d["costs"].([]any); len(costs) != 0 || d["event"].(map[string]any)["venue"] != "" {
		t.Fatalf("refused input was stored: %v", d)
	}
	if _, _, raw := owner.call("Points/Gifts", false); !strings.Contains(string(raw), `"stock":10`) {
		t.Fatalf("a refused redemption took stock: %s", raw)
	}
	if r := owner.must("Points/Rules"); r["pointsPerYuan"] != float64(2) || r["servicePct"] != float64(100) || r["expiryMonths"] != float64(12) {
		t.Fatalf("rules after refused saves: %v", r)
	}
	if status, _, raw := owner.call("Events/SaveCost", map[string]any{"eventId": ev["id"], "category": "场地", "item": "包间", "plannedFen": 100_000_000_00}); status != http.StatusOK {
		t.Fatalf("¥1亿, the largest amount: %d %s", status, raw)
	}
}
