package sheets

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/tags"
)

func xlsxBook(t *testing.T, rows ...[]any) *Book {
	t.Helper()
	b, err := Open("台账.xlsx", excelStyle(t, map[string][][]any{"客户": rows}))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func segmentCount(t *testing.T, db *store.DB, n segments.Node) int {
	t.Helper()
	c, err := segments.Count(ctx, db.R, segments.Node{Op: "AND", Items: []segments.Node{n}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fp(f float64) *float64 { return &f }
func ip(i int) *int         { return &i }

// A ledger's 累计消费 column (no dates) becomes each customer's opening spend, and counts wherever
// 累计消费 counts: the customer page and list, the customer export, the segment and smart-tag
// condition 累计消费. A dated window (近N天消费) cannot include it. Undoing the batch takes it away.
func TestLedgerTotalSpendIsOpeningSpendEverywhere(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, xlsxBook(t,
		[]any{"姓名", "手机", "累计消费", "购买商品"},
		[]any{"张三", "13800138000", "3万", "五粮液"},
		[]any{"李四", "13900139000", "¥5,000"},
		[]any{"王五", "13600136000", ""},
	), Request{})
	if s.Created != 3 || s.OpeningSpendFen != 3_500_000 || s.Purchases != 0 || s.WarningCount != 0 {
		t.Fatalf("summary %+v", s)
	}
	zs := customerBy(t, db, "13800138000")
	if zs.TotalSpendFen != 3_000_000 || zs.OpeningSpendFen != 3_000_000 || zs.Notes != "购买：五粮液" {
		t.Fatalf("张三 %+v", zs)
	}
	page, err := customers.List(ctx, db.R, customers.ListQuery{Sort: "name"})
	if err != nil || len(page.Items) != 3 || page.Items[0].Name != "李四" || page.Items[0].TotalSpendFen != 500_000 {
		t.Fatalf("list %v %+v", err, page.Items)
	}

	over2w := segments.Node{Field: "totalSpend", Cmp: "gte", Num: fp(20000)}
	if n := segmentCount(t, db, over2w); n != 1 {
		t.Fatalf("累计消费 ≥ 2万: %d customers, want 张三", n)
	}
	if n := segmentCount(t, db, segments.Node{Field: "totalSpend", Cmp: "lte", Num: fp(5000)}); n != 2 {
		t.Fatalf("累计消费 ≤ 5000: %d customers, want 李四 and 王五", n)
	}
	if n := segmentCount(t, db, segments.Node{Field: "spend", Cmp: "gte", Num: fp(20000), Days: ip(3650)}); n != 0 {
		t.Fatalf("近3650天消费 ≥ 2万 counts an undated total: %d", n)
	}
	// The tag-driven count probes customers one by one: the same answer.
	var vip tags.Tag
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		vip, err = tags.Save(ctx, tx, 0, tags.Input{Name: "大客户", Colour: "#C0392B", Rule: &over2w})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if vip.Count != 1 {
		t.Fatalf("smart tag 累计消费 ≥ 2万 has %d customers", vip.Count)
	}
	probe := segments.Node{Op: "AND", Items: []segments.Node{{Field: "tag", Cmp: "has", Num: fp(float64(vip.ID))}, over2w}}
	if n, err := segments.Count(ctx, db.R, probe); err != nil || n != 1 {
		t.Fatalf("tag and 累计消费: %d %v", n, err)
	}

	var buf bytes.Buffer
	if _, err := WriteCustomers(ctx, db.R, &buf, customers.ListQuery{Sort: "name"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("客户")
	col := -1
	for i, h := range rows[0] {
		if h == "累计消费" {
			col = i
		}
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r[col]
	}
	if got["张三"] != "¥30,000.00" || got["李四"] != "¥5,000.00" {
		t.Fatalf("export 累计消费 %v", got)
	}

	res, err := undo(db, s.BatchID)
	if err != nil || res.OpeningSpendFen != 3_500_000 || res.Removed != 3 {
		t.Fatalf("undo %+v %v", res, err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM opening_spends`); n != 0 {
		t.Fatalf("%d opening spends left after undo", n)
	}
	if n := segmentCount(t, db, over2w); n != 0 {
		t.Fatalf("after undo 累计消费 ≥ 2万 finds %d", n)
	}
}

// For a customer already in the archive, the ledger's 累计消费 is a total that may include what was
// recorded here: update fills only an empty opening spend, overwrite makes 累计消费 the ledger's figure
// (never below what was bought here), merge adds. An exported list imported back counts nothing twice.
func TestOpeningSpendOfExistingCustomers(t *testing.T) {
	db := storetest.Open(t)
	mustImport(t, db, xlsxBook(t,
		[]any{"姓名", "手机", "消费日期", "消费金额"},
		[]any{"老客户", "13700137000", "2024-01-01", 8000},
	), Request{})
	total := func() (int64, int64) {
		c := customerBy(t, db, "13700137000")
		return c.TotalSpendFen, c.OpeningSpendFen
	}
	if tot, open := total(); tot != 800_000 || open != 0 {
		t.Fatalf("after the dated purchase: %d %d", tot, open)
	}
	ledger := func(amount any) *Book {
		return xlsxBook(t, []any{"姓名", "手机", "累计消费"}, []any{"老客户", "13700137000", amount})
	}
	steps := []struct {
		policy          string
		amount          any
		wantTotal, open int64
		warn            string
	}{
		{PolicyUpdate, 10000, 1_000_000, 200_000, ""},
		{PolicyUpdate, 12000, 1_000_000, 200_000, "已有期初累计消费，未导入"},
		{PolicyOverwrite, 15000, 1_500_000, 700_000, ""},
		{PolicyOverwrite, 5000, 800_000, 0, ""}, // below what was bought here: nothing undated is left
		{PolicyMerge, 1000, 900_000, 100_000, ""},
	}
	var last Summary
	for i, st := range steps {
		last = mustImport(t, db, ledger(st.amount), Request{OnDuplicate: st.policy})
		tot, open := total()
		if tot != st.wantTotal || open != st.open {
			t.Fatalf("step %d (%s %v): total %d opening %d, want %d %d", i+1, st.policy, st.amount, tot, open, st.wantTotal, st.open)
		}
		if st.warn != "" && (len(last.WarningsBy) != 1 || last.WarningsBy[0].Reason != st.warn) {
			t.Fatalf("step %d warnings %+v", i+1, last.WarningsBy)
		}
	}
	if _, err := undo(db, last.BatchID); err != nil {
		t.Fatal(err)
	}
	if tot, open := total(); tot != 800_000 || open != 0 {
		t.Fatalf("after undoing the merge: %d %d", tot, open)
	}

	// The export's 累计消费 imported back over the same archive changes nothing.
	var buf bytes.Buffer
	if _, err := WriteCustomers(ctx, db.R, &buf, customers.ListQuery{}); err != nil {
		t.Fatal(err)
	}
	back, err := Open("导出.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, policy := range []string{PolicyUpdate, PolicyOverwrite} {
		mustImport(t, db, back, Request{OnDuplicate: policy})
		if tot, open := total(); tot != 800_000 || open != 0 {
			t.Fatalf("export imported back (%s): total %d opening %d", policy, tot, open)
		}
	}
	if s := mustImport(t, db, ledger("2亿"), Request{OnDuplicate: PolicyMerge}); !strings.Contains(s.WarningsBy[0].Reason, "金额") {
		t.Fatalf("an amount too large is a warning, not a total: %+v", s.WarningsBy)
	}
}
