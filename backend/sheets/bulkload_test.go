package sheets

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// withBulkMin runs fn with the bulk threshold set to n.
func withBulkMin(n int, fn func()) {
	old := bulkMin
	bulkMin = n
	defer func() { bulkMin = old }()
	fn()
}

// dump is every row of query as text, for comparing two archives.
func dump(t *testing.T, db *store.DB, query string) string {
	t.Helper()
	rows, err := db.R.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	return b.String()
}

const customerSchema = `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'customers' ORDER BY type, name`

// The bulk path of a first import (indexes and the smart-tag trigger dropped and rebuilt inside the
// batch) ends with the same archive as the row-by-row path: the same customers, members, points and
// purchases, the same summary, the same schema, searchable, intact; and undo takes it all back.
func TestBulkFirstImportEqualsRowByRow(t *testing.T) {
	var sums [2]Summary
	var dbs [2]*store.DB
	fresh := storetest.Open(t)
	schema := dump(t, fresh, customerSchema)
	for i, min := range []int{1 << 30, 1} {
		dbs[i] = storetest.Open(t)
		withBulkMin(min, func() {
			sums[i] = mustImport(t, dbs[i], messyLedger(t), Request{OnDuplicate: PolicyUpdate})
		})
		sums[i].Millis, sums[i].BatchID = 0, 0
	}
	a, _ := json.Marshal(sums[0])
	b, _ := json.Marshal(sums[1])
	if string(a) != string(b) {
		t.Fatalf("summaries differ:\nrow by row %s\nbulk       %s", a, b)
	}
	if sums[1].Created < 5 {
		t.Fatalf("the ledger made only %d customers", sums[1].Created)
	}
	for _, q := range []string{
		`SELECT id, name, mobile, mobile_last4, other_phone, gender, birth_calendar, birth_year, birth_month, birth_day, district,
			address, company, title, source, referrer_id, notes, name_initials, name_pinyin, is_member FROM customers ORDER BY id`,
		`SELECT customer_id, level_id FROM memberships ORDER BY customer_id`,
		`SELECT customer_id, kind, points FROM points_entries ORDER BY id`,
		`SELECT customer_id, date, total_fen FROM purchases ORDER BY id`,
		`SELECT number, customer_id FROM cards ORDER BY number`,
	} {
		if x, y := dump(t, dbs[0], q), dump(t, dbs[1], q); x != y {
			t.Errorf("%s\nrow by row:\n%s\nbulk:\n%s", q, x, y)
		}
	}
	// The smart tags' data version moves on once for the batch instead of once a row: it only says
	// "recompute".
	if v := dump(t, dbs[1], `SELECT data_version FROM smart_tag_state`); v == dump(t, fresh, `SELECT data_version FROM smart_tag_state`) {
		t.Errorf("a bulk import left the smart tags' data version at %s", v)
	}
	if got := dump(t, dbs[1], customerSchema); got != schema {
		t.Fatalf("schema after a bulk import:\n%s\nwant:\n%s", got, schema)
	}
	// The search table's settings are FTS5's defaults again after the batch.
	if got := dump(t, dbs[1], `SELECT k, v FROM customer_grams_config WHERE k IN ('hashsize', 'automerge') ORDER BY k`); got != "automerge 4\nhashsize 1048576\n" && got != "" {
		t.Errorf("search table settings after a bulk import:\n%s", got)
	}
	if ok := dump(t, dbs[1], `PRAGMA integrity_check`); strings.TrimSpace(ok) != "ok" {
		t.Fatalf("integrity after a bulk import: %s", ok)
	}
	for _, q := range []string{"zs", "张三", "138", "蜀香"} {
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
		undone[i] = fmt.Sprintf("%+v\n%s", res, dump(t, db, `SELECT id, name, archived FROM customers ORDER BY id`))
	}
	if undone[0] != undone[1] {
		t.Fatalf("undo differs:\nrow by row %s\nbulk %s", undone[0], undone[1])
	}
}

func batchOf(t *testing.T, db *store.DB) int64 {
	t.Helper()
	var id int64
	if err := db.R.QueryRow(`SELECT MAX(id) FROM import_batches`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// A bulk import that does not commit (a dry run, or one that fails half-way) leaves the indexes and
// triggers as they were: they are dropped inside the batch's transaction.
func TestBulkImportRolledBackKeepsTheSchema(t *testing.T) {
	db := storetest.Open(t)
	schema := dump(t, db, customerSchema)
	withBulkMin(1, func() {
		mustImport(t, db, messyLedger(t), Request{DryRun: true})
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			b := messyLedger(t)
			if _, err := Import(ctx, tx, b, Request{FileName: b.Name, Sheet: b.Sheets[0]}, nil); err != nil {
				return err
			}
			return fmt.Errorf("power cut")
		})
		if err == nil {
			t.Fatal("the failing batch committed")
		}
	})
	if got := dump(t, db, customerSchema); got != schema {
		t.Fatalf("schema after rolled back bulk imports:\n%s\nwant:\n%s", got, schema)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers`); n != 0 {
		t.Fatalf("%d customers after rolled back imports", n)
	}
}
