package app

import (
	"os"
	"strings"
	"testing"
)

// The README's permission table must say what the code enforces.
func TestReadmePermissionTableMatchesTheRules(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[Rule]string{}
	prefixes := map[Rule]string{Public: "| 无需登录 |", AnyStaff: "| 店员、店长、老板 |", ManagerOnly: "| 店长、老板", OwnerOnly: "| 仅老板 |"}
	for _, line := range strings.Split(string(b), "\n") {
		for r, p := range prefixes {
			if strings.HasPrefix(line, p) {
				rows[r] = line
			}
		}
	}
	for method, rule := range permissions {
		if !strings.Contains(rows[rule], "`"+method+"`") {
			t.Errorf("README does not list %s under its rule", method)
		}
	}
}
