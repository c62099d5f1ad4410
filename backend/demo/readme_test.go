package demo

import (
	"os"
	"strings"
	"testing"
)

// The README's top section gives the demo's sign-in secrets; it must follow the constants here.
func TestReadmeGivesTheDemoSecrets(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	top := string(b)
	if i := strings.Index(top, "\n## 数据放在哪里"); i > 0 {
		top = top[:i]
	}
	for _, s := range []string{"`" + OwnerPassword + "`", "`" + StaffPIN + "`", "make run DEMO=1"} {
		if !strings.Contains(top, s) {
			t.Errorf("the README's top section does not give %s", s)
		}
	}
}
