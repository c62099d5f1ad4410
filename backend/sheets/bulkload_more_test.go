package sheets

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// A large batch into an archive that already has customers loads in bulk too: a batch at least half
// the archive's size rebuilds the secondary indexes once (keeping the name index a 推荐人 is looked
// up by), a smaller one only buffers the search table's terms. Either way the archive ends as the
// row-by-row path leaves it, with the same schema and search, and undo takes the batch back alike.
func TestBulkImportIntoAnArchiveEqualsRowByRow(t *testing.T) {
	second := func(n int) *Book {
		rows := [][]any{{"姓名", "手机", "推荐人", "消费日期", "消费金额", "地区"}}
		rows = append(rows, []any{"李四", "13900139000", "张三", "2025/3/8", "880", "武侯区"}) // already there
		for i := range n - 1 {
			rows = append(rows, []any{fmt.Sprintf("新客%d", i), fmt.Sprintf("1370000%04d", i), "张三", "2025/4/1", "120", "青羊区"})
		}
		return xlsxBook(t, rows...)
	}
	for _, c := range []struct {
		name      string
		rows      int
		rebuilds  bool
		gramsHint string
	}{{"large batch", 12, true, "新客"}, {"small batch", 2, false, "新客"}} {
		t.Run(c.name, func(t *testing.T) {
			var sums [2]Summary
			var dbs [2]*store.DB
			schema := dump(t, storetest.Open(t), customerSchema)
			for i, min := range []int{1 << 30, 1} {
				dbs[i] = storetest.Open(t)
				mustImport(t, dbs[i], messyLedger(t), Request{})
				withBulkMin(min, func() {
					b := second(c.rows)
					// Whether this batch drops the indexes: the plan, seen from inside a transaction.
					if i == 1 {
						tx, err := dbs[i].W.BeginTx(ctx, nil)
						if err != nil {
							t.Fatal(err)
						}
						bl, err := bulkPlan(ctx, tx, c.rows, false)
						if err != nil || bl == nil || (len(bl.rebuild) > 0) != c.rebuilds || bl.first {
							t.Errorf("plan for %d rows: %+v %v, want rebuilding %v", c.rows, bl, err, c.rebuilds)
						}
						if bl != nil && strings.Contains(strings.Join(bl.rebuild, ";"), "customers_name") {
							t.Errorf("the name index a referrer is found by was dropped")
						}
						tx.Rollback()
					}
					sums[i] = mustImport(t, dbs[i], b, Request{OnDuplicate: PolicyUpdate})
				})
				sums[i].Millis, sums[i].BatchID = 0, 0
			}
			a, _ := json.Marshal(sums[0])
			b, _ := json.Marshal(sums[1])
			if string(a) != string(b) || sums[1].Created != c.rows-1 || sums[1].Updated != 1 {
				t.Fatalf("summaries:\nrow by row %s\nbulk       %s", a, b)
			}
			for _, q := range []string{
				`SELECT id, name, mobile, district, referrer_id, name_initials, name_pinyin, is_member FROM customers ORDER BY id`,
				`SELECT customer_id, date, total_fen FROM purchases ORDER BY id`,
				`SELECT customer_id, net_fen FROM spend_totals ORDER BY customer_id`,
			} {
				if x, y := dump(t, dbs[0], q), dump(t, dbs[1], q); x != y {
					t.Errorf("%s\nrow by row:\n%s\nbulk:\n%s", q, x, y)
				}
			}
			if got := dump(t, dbs[1], customerSchema); got != schema {
				t.Fatalf("schema after a bulk import:\n%s\nwant:\n%s", got, schema)
			}
			if got := dump(t, dbs[1], `SELECT k, v FROM customer_grams_config WHERE k IN ('hashsize', 'automerge') ORDER BY k`); strings.Contains(got, "8388608") {
				t.Errorf("search table settings after a bulk import:\n%s", got)
			}
			if ok := dump(t, dbs[1], `PRAGMA integrity_check`); strings.TrimSpace(ok) != "ok" {
				t.Fatalf("integrity after a bulk import: %s", ok)
			}
			for _, q := range []string{c.gramsHint, "xk", "张三", "13700000000"} {
				hits, err := customers.Search(ctx, dbs[1].R, q, 20, false)
				if err != nil || len(hits) == 0 {
					t.Errorf("search %q after a bulk import: %v %v", q, hits, err)
				}
			}
			var undone [2]string
			for i, db := range dbs {
				res, err := undo(db, batchOf(t, db))
				if err != nil {
					t.Fatal(err)
				}
				undone[i] = fmt.Sprintf("%+v\n%s", res, dump(t, db, `SELECT id, name, archived, district FROM customers ORDER BY id`))
			}
			if undone[0] != undone[1] {
				t.Fatalf("undo differs:\nrow by row %s\nbulk %s", undone[0], undone[1])
			}
		})
	}
}
