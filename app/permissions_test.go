package app

import (
	"os"
	"sort"
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
	if os.Getenv("JIUKE_UPDATE_README") != "" {
		writeReadmeTable(t, string(b), rows, prefixes)
		return
	}
	for method, rule := range permissions {
		if !strings.Contains(rows[rule], "`"+method+"`") {
			t.Errorf("README does not list %s under its rule (JIUKE_UPDATE_README=1 go test -tags sqlite_fts5 ./app -run TestReadmePermission rewrites the table)", method)
		}
	}
}

// writeReadmeTable rewrites the table's four rows from the rules, methods sorted, so a merge of two
// branches that both added methods is settled by running the test once with JIUKE_UPDATE_README=1.
func writeReadmeTable(t *testing.T, readme string, rows map[Rule]string, prefixes map[Rule]string) {
	for rule, old := range rows {
		var ms []string
		for m, r := range permissions {
			if r == rule {
				ms = append(ms, "`"+m+"`")
			}
		}
		sort.Strings(ms)
		head := old[:strings.Index(old[1:], "|")+2]
		readme = strings.Replace(readme, old, head+" "+strings.Join(ms, " ")+" |", 1)
	}
	if err := os.WriteFile("../README.md", []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
}
