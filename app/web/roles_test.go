package web_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"jiuke/app"
)

// gateRefusal says why the permission gate refused a call ("" when it did not): the gate marks its
// refusals with the forbidden code and one reason key in data, so other refusals (a clerk's points
// limit, a paused account) and any wording change cannot be mistaken for it.
func gateRefusal(status int, body map[string]any) string {
	if status != http.StatusForbidden || body["code"] != "forbidden" {
		return ""
	}
	data, _ := body["data"].(map[string]any)
	for _, why := range []string{app.RefusedSignIn, app.RefusedNeedsApproval, app.RefusedOwnerOnly, app.RefusedUnlisted} {
		if data[why] == true {
			return why
		}
	}
	return ""
}

// permissionRefusal tells a refusal by the permission rules from any other answer.
func permissionRefusal(status int, body map[string]any) bool { return gateRefusal(status, body) != "" }

// zeroArgs builds a JSON argument list of zero values for a method's parameters.
func zeroArgs(m reflect.Method) []any {
	var args []any
	for i := 1; i < m.Type.NumIn(); i++ {
		v := reflect.New(m.Type.In(i)).Elem().Interface()
		b, _ := json.Marshal(v)
		var out any
		json.Unmarshal(b, &out)
		args = append(args, out)
	}
	return args
}

// TestEveryMethodAsEveryRole calls every bound method, found by reflection, as a visitor, a clerk, a
// manager and the owner, and checks each is allowed or refused exactly as the permission table says.
// A new method without a rule is refused for everyone, so this test fails until it gets one.
func TestEveryMethodAsEveryRole(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	clerk, clerkID := s.staffBrowser(owner, "小王", "clerk", "2580")
	manager, managerID := s.staffBrowser(owner, "刘店长", "manager", "7391")
	ownerID := int64(owner.must("Auth/Status")["actor"].(map[string]any)["id"].(float64))
	type seat struct {
		name string
		b    *browser
		id   int64
		pin  string
	}
	seats := []seat{{"visitor", s.browser(), 0, ""}, {"clerk", clerk, clerkID, "2580"}, {"manager", manager, managerID, "7391"}, {"owner", owner, ownerID, "jiuke123"}}
	allowed := map[app.Rule]map[string]bool{
		app.Public:      {"visitor": true, "clerk": true, "manager": true, "owner": true},
		app.AnyStaff:    {"clerk": true, "manager": true, "owner": true},
		app.ManagerOnly: {"manager": true, "owner": true},
		app.OwnerOnly:   {"owner": true},
	}
	for _, svc := range app.Services(nil) {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			key := typ.Elem().Name() + "." + m.Name
			rule, ok := app.Permissions()[key]
			if !ok {
				t.Errorf("%s has no permission rule", key)
				continue
			}
			for _, st := range seats {
				status, body, raw := st.b.call(typ.Elem().Name()+"/"+m.Name, zeroArgs(m)...)
				refused := permissionRefusal(status, body)
				if want := allowed[rule][st.name]; refused == want {
					t.Errorf("%s as %s: allowed=%v, got %d %s", key, st.name, want, status, raw)
				}
				// Signing out or locking ends the seat: sign back in for the next method.
				if st.id != 0 && (key == "Auth.SignOut" || key == "Auth.Lock") {
					st.b.must("Auth/SignIn", st.id, st.pin)
				}
			}
		}
	}
}

// TestOneApprovalCoversExactlyOneCallOfEveryManagerMethod approves a clerk with a manager's PIN before
// each manager-only method, found by reflection over the rule table: the gate lets that one call
// through (whatever the zero arguments then make of it) and refuses the next one for want of approval.
func TestOneApprovalCoversExactlyOneCallOfEveryManagerMethod(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	_, managerID := s.staffBrowser(owner, "刘店长", "manager", "7391")
	rules := app.Permissions()
	n := 0
	for _, svc := range app.Services(nil) {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			key := typ.Elem().Name() + "." + m.Name
			if rules[key] != app.ManagerOnly {
				continue
			}
			n++
			path := typ.Elem().Name() + "/" + m.Name
			if status, body, raw := clerk.call(path, zeroArgs(m)...); gateRefusal(status, body) != app.RefusedNeedsApproval {
				t.Errorf("%s without approval: want needsApproval, got %d %s", key, status, raw)
			}
			clerk.must("Auth/Approve", managerID, "7391")
			// Once approved, nothing may refuse the clerk for the role: any forbidden answer (the gate's
			// or a second check inside the method) fails, while invalid or not-found answers to the
			// zero-value arguments are fine.
			if status, _, raw := clerk.call(path, zeroArgs(m)...); status == http.StatusForbidden {
				t.Errorf("%s right after approval: refused: %d %s", key, status, raw)
			}
			if status, body, raw := clerk.call(path, zeroArgs(m)...); gateRefusal(status, body) != app.RefusedNeedsApproval {
				t.Errorf("%s a second time on one approval: want needsApproval, got %d %s", key, status, raw)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d manager-only methods found", n)
	}
}

func TestSeatsAreSeparateAndClerksSeeMaskedPhones(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	owner.must("Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000"})
	if status, body, _ := s.browser().call("Customers/List", map[string]any{}); !permissionRefusal(status, body) {
		t.Fatalf("a second browser reached the archive without signing in: %d %v", status, body)
	}
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	_, _, raw := clerk.call("Customers/List", map[string]any{})
	if !strings.Contains(string(raw), "138****8000") || strings.Contains(string(raw), "13800138000") {
		t.Fatalf("clerk list: %s", raw)
	}
	_, _, raw = owner.call("Customers/List", map[string]any{})
	if !strings.Contains(string(raw), "13800138000") {
		t.Fatalf("owner list: %s", raw)
	}
}

func TestClerkNeedsAManagersPINOnTheSpot(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	a := owner.must("Customers/Create", map[string]any{"name": "李四", "mobile": "13900139000"})
	b := owner.must("Customers/Create", map[string]any{"name": "李四", "mobile": "13900139001"})
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	_, managerID := s.staffBrowser(owner, "刘店长", "manager", "7391")
	merge := map[string]any{"survivorId": a["id"], "mergedId": b["id"], "take": []string{}}
	status, body, _ := clerk.call("Customers/Merge", merge)
	if status != http.StatusForbidden || body["data"].(map[string]any)["needsApproval"] != true {
		t.Fatalf("clerk merge without approval: %d %v", status, body)
	}
	if status, body, _ := clerk.call("Auth/Approve", managerID, "0000"); status == http.StatusOK {
		t.Fatalf("a wrong PIN approved: %v", body)
	}
	failed := owner.must("Audit/List", map[string]any{"action": "授权失败"})["items"].([]any)
	if len(failed) != 1 || failed[0].(map[string]any)["targetLabel"] != "刘店长" {
		t.Fatalf("a failed approval does not name the manager tried: %v", failed)
	}
	clerk.must("Auth/Approve", managerID, "7391")
	clerk.must("Customers/Merge", merge)
	// One approval, one action.
	if status, body, _ := clerk.call("Customers/Archive", a["id"], "搬走了"); !permissionRefusal(status, body) {
		t.Fatalf("the approval was used twice: %d %v", status, body)
	}
	log := owner.must("Audit/List", map[string]any{"action": "合并客户"})
	items := log["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["approvedBy"] != "刘店长" || items[0].(map[string]any)["staffName"] != "小王" {
		t.Fatalf("audit: %v", log)
	}
}

func TestWrongPINsPauseTheAccount(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	_, clerkID := s.staffBrowser(owner, "小王", "clerk", "2580")
	b := s.browser()
	var last map[string]any
	for i := 0; i < 5; i++ {
		_, last, _ = b.call("Auth/SignIn", clerkID, "9999")
	}
	if !strings.Contains(last["message"].(string), "暂停") {
		t.Fatalf("after five wrong PINs: %v", last)
	}
	if status, body, _ := b.call("Auth/SignIn", clerkID, "2580"); status == http.StatusOK || !strings.Contains(body["message"].(string), "秒后再试") {
		t.Fatalf("the right PIN during the pause: %d %v", status, body)
	}
	// Five wrong PINs and the refused right one during the pause.
	log := owner.must("Audit/List", map[string]any{"action": "登录失败"})
	if log["total"].(float64) != 6 {
		t.Fatalf("failed sign-ins logged: %v", log["total"])
	}
	// The shop network limit: ten failures a minute from one address, whichever account.
	for i := 0; i < 4; i++ {
		b.call("Auth/SignIn", clerkID, "9999")
	}
	if status, _, _ := b.call("Auth/SignIn", clerkID, "2580"); status != http.StatusTooManyRequests {
		t.Fatalf("after ten failures from one address: %d", status)
	}
}

// A clerk's points adjustment over the limit and a changed price are manager actions inside methods a
// clerk may call: refused with needsApproval (so the UI asks for a PIN), let through once after a
// manager's approval, logged with the manager's name, and refused again on the next call.
func TestApprovalLetsAClerkPastTheLimitAndChangeAPriceOnce(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	c := owner.must("Customers/Create", map[string]any{"name": "李四", "mobile": "13900139000"})
	product := owner.must("Sales/SaveProduct", map[string]any{"name": "飞天53度", "category": "白酒", "retailFen": 299900, "active": true})
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	_, managerID := s.staffBrowser(owner, "刘店长", "manager", "7391")
	adjust := func(key string) (int, map[string]any) {
		status, body, _ := clerk.call("Points/Adjust", map[string]any{"customerId": c["id"], "points": 500, "reason": "活动补录", "key": key})
		return status, body
	}
	sale := func(key string) (int, map[string]any) {
		status, body, _ := clerk.call("Sales/Record", map[string]any{"customerId": c["id"], "key": key,
			"lines": []any{map[string]any{"productId": product["id"], "qty": 1, "overridePrice": true, "unitFen": 250000}}})
		return status, body
	}
	for _, try := range []struct {
		name string
		do   func(string) (int, map[string]any)
	}{{"adjust", adjust}, {"price", sale}} {
		if status, body := try.do(try.name + "-1"); gateRefusal(status, body) != app.RefusedNeedsApproval {
			t.Fatalf("%s without approval: %d %v", try.name, status, body)
		}
		clerk.must("Auth/Approve", managerID, "7391")
		if status, body := try.do(try.name + "-2"); status != http.StatusOK {
			t.Fatalf("%s with approval: %d %v", try.name, status, body)
		}
		if status, body := try.do(try.name + "-3"); gateRefusal(status, body) != app.RefusedNeedsApproval {
			t.Fatalf("%s a second time on one approval: %d %v", try.name, status, body)
		}
	}
	for _, action := range []string{"调整积分", "改价消费"} {
		items := owner.must("Audit/List", map[string]any{"action": action})["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["approvedBy"] != "刘店长" {
			t.Fatalf("%s audit: %v", action, items)
		}
	}
}
