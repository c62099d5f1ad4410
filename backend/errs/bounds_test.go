package errs

import (
	"strings"
	"testing"
)

func TestBoundsNameTheFieldAndTheLimit(t *testing.T) {
	if err := First(Text("venue", "场地", strings.Repeat("酒", NameLen), NameLen), Money("plannedFen", "预算", MaxFen), Count("qty", "数量", 0)); err != nil {
		t.Fatalf("values at the limits: %v", err)
	}
	cases := []struct {
		e     *Error
		field string
		says  string
	}{
		{Text("venue", "场地", strings.Repeat("酒", NameLen+1), NameLen), "venue", "场地不能超过50个字"},
		{Money("plannedFen", "预算", MaxFen+1), "plannedFen", "预算不能超过 ¥100000000"},
		{Money("plannedFen", "预算", -1), "plannedFen", "预算不能为负数"},
		{Count("qty", "数量", 1<<62), "qty", "数量不能超过100000000"},
	}
	for _, c := range cases {
		if c.e == nil || c.e.Code != CodeInvalid || c.e.Field != c.field || c.e.Message != c.says {
			t.Errorf("want %s %q, got %+v", c.field, c.says, c.e)
		}
	}
	if err := First(nil, Text("name", "名称", strings.Repeat("a", 51), NameLen)); err == nil || err.(*Error).Field != "name" {
		t.Fatalf("First: %v", err)
	}
}
