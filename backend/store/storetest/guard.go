package storetest

import (
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/store"
)

// RefusesEach runs each statement on the writer and fails the test unless every one is refused with an
// error containing want and leaves every listed table exactly as it was. It is how a ledger's database
// guards are proved (points now, the wallet ledger next): write the bypass attempts as raw SQL.
func RefusesEach(t *testing.T, db *store.DB, want string, tables []string, attempts ...string) {
	t.Helper()
	before := Snapshot(t, db, tables...)
	for _, q := range attempts {
		_, err := db.W.Exec(q)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n  want refusal %q, got %v", q, want, err)
		}
		if after := Snapshot(t, db, tables...); after != before {
			t.Fatalf("%s changed the tables:\nbefore %s\nafter  %s", q, before, after)
		}
	}
}

// Snapshot renders every row of the tables, in key order, as one string to compare.
func Snapshot(t *testing.T, db *store.DB, tables ...string) string {
	t.Helper()
	var b strings.Builder
	for _, name := range tables {
		rows, err := db.W.Query(`SELECT * FROM ` + name + ` ORDER BY 1, 2, 3`)
		if err != nil {
			t.Fatalf("snapshot %s: %v", name, err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "[%s]", name)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				t.Fatalf("snapshot %s: %v", name, err)
			}
			fmt.Fprintf(&b, "%v;", vals)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("snapshot %s: %v", name, err)
		}
		rows.Close()
	}
	return b.String()
}
