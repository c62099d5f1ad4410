package sheets

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// walletLedger is an old member system's export: the card's 储值余额 and 赠送余额 beside the profile.
func walletLedger(t *testing.T) *Book {
	return xlsxBook(t,
		[]any{"姓名", "手机", "会员卡号", "储值余额", "赠送余额"},
		[]any{"张三", "13800138000", card("8000011"), 1000, 100},       // row 2
		[]any{"李四", "13900139000", card("8000012"), "¥2,000.50", ""}, // row 3
		[]any{"王五", "13600136000", card("8000013"), "12.345", ""},    // row 4: three decimals
		[]any{"赵六", "13700137000", card("8000014"), "-5", ""},        // row 5: negative
		[]any{"钱七", "13500135000", card("8000015"), "6000", "800"},   // row 6: over the ¥5,000 cap
		[]any{"孙八", "13300133000", card("8000016"), "一千", ""},        // row 7: not a number
		[]any{"周九", "13200132000", card("8000017"), "", "50"},        // row 8: bonus only
		[]any{"吴十", "13100131000", "", "300", ""},                    // row 9: no card
	)
}

func balanceOf(t *testing.T, db *store.DB, mobile string) wallet.Balance {
	t.Helper()
	b, err := wallet.BalanceOf(ctx, db.R, customerBy(t, db, mobile).ID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func outstanding(t *testing.T, db *store.DB) wallet.Balance {
	t.Helper()
	b, err := wallet.Outstanding(ctx, db.R)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// 储值余额 / 赠送余额 columns map themselves; each customer gets one opening entry keyed by batch and
// row; bad cells and a balance over the cap fail their row, naming row, column and the cap; the dry
// run shows the same totals and writes nothing; undo appends reversing entries and every balance is
// back to what it was.
func TestOpeningStoredValueImportAndUndo(t *testing.T) {
	db := storetest.Open(t)
	dry, err := runImport(t, db, walletLedger(t), Request{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_entries`); n != 0 {
		t.Fatalf("dry run wrote %d wallet entries", n)
	}
	s := mustImport(t, db, walletLedger(t), Request{})
	if s.Created != 4 || s.Failed != 4 || s.OpeningPrincipalFen != 100000+200050+30000 || s.OpeningBonusFen != 10000+5000 {
		t.Fatalf("summary %+v", s)
	}
	if dry.Summary.OpeningPrincipalFen != s.OpeningPrincipalFen || dry.Summary.OpeningBonusFen != s.OpeningBonusFen || dry.Summary.Failed != 4 {
		t.Fatalf("dry run totals %+v, import %+v", dry.Summary, s)
	}
	want := map[int][]string{
		4: {"第 4 行「储值余额」列", "最多两位小数"},
		5: {"第 5 行「储值余额」列", "不能为负数"},
		6: {"第 6 行「储值余额」列", "记名卡余额上限 ¥5000.00", "超出 ¥1000.00"},
	}
	for _, f := range s.Failures {
		parts, ok := want[f.Row]
		if f.Row == 7 {
			parts, ok = []string{"第 7 行「储值余额」列", "无法识别"}, true
		}
		if !ok || f.Column != "储值余额" {
			t.Fatalf("unexpected failure %+v", f)
		}
		for _, p := range parts {
			if !strings.Contains(f.Message, p) {
				t.Fatalf("row %d message %q lacks %q", f.Row, f.Message, p)
			}
		}
	}
	for mobile, b := range map[string]wallet.Balance{"13800138000": {PrincipalFen: 100000, BonusFen: 10000},
		"13900139000": {PrincipalFen: 200050}, "13200132000": {BonusFen: 5000}, "13100131000": {PrincipalFen: 30000}} {
		if got := balanceOf(t, db, mobile); got != b {
			t.Fatalf("%s balance %+v want %+v", mobile, got, b)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers WHERE mobile IN ('13600136000','13700137000','13500135000','13300133000')`); n != 0 {
		t.Fatalf("%d failed rows were created", n)
	}
	// One opening entry per customer, keyed by batch and row, tied to the batch.
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_entries WHERE kind = 'opening' AND batch_id = ?`, s.BatchID); n != 4 {
		t.Fatalf("%d opening entries", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_entries WHERE idem_key = ?`, fmt.Sprintf("import-wallet:%d:2", s.BatchID)); n != 1 {
		t.Fatal("张三's entry is not keyed by batch and row")
	}
	if o := outstanding(t, db); o.PrincipalFen != s.OpeningPrincipalFen || o.BonusFen != s.OpeningBonusFen {
		t.Fatalf("outstanding %+v", o)
	}
	var warned bool
	for _, w := range s.Warnings {
		warned = warned || w.Row == 9 && w.Reason == "有储值但没有会员卡"
	}
	if !warned {
		t.Fatalf("no warning for 吴十 without a card: %+v", s.Warnings)
	}

	res, err := undo(db, s.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if res.WalletPrincipalFen != s.OpeningPrincipalFen || res.WalletBonusFen != s.OpeningBonusFen {
		t.Fatalf("undo reversed %+v", res)
	}
	if o := outstanding(t, db); o.Total() != 0 {
		t.Fatalf("outstanding after undo %+v", o)
	}
	// Append-only: the four entries stay, four reversals beside them, and the customers stay archived.
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_entries WHERE batch_id = ?`, s.BatchID); n != 8 {
		t.Fatalf("%d entries after undo", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers WHERE archived = 1 AND mobile IS NULL`); n != 4 {
		t.Fatalf("%d customers archived", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_balances WHERE principal_fen != 0 OR bonus_fen != 0`); n != 0 {
		t.Fatal("a balance is left after undo")
	}
}

// An existing member's balance: update leaves it alone (a warning says so), overwrite books the
// difference to the file's balances, merge adds; the cap counts what the member already has; undo
// puts the balance back to what it was before.
func TestOpeningStoredValuePoliciesAndUndoToBefore(t *testing.T) {
	db := storetest.Open(t)
	old := existing(t, db) // 张三 13800138000 with a card
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: old.ID, AmountFen: 50000, Method: "cash", Key: "r1"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	before := wallet.Balance{PrincipalFen: 50000}
	file := func(principal, bonus string) *Book {
		return xlsxBook(t, []any{"姓名", "手机", "期初储值本金", "期初储值赠送"}, []any{"张三", "13800138000", principal, bonus})
	}
	s := mustImport(t, db, file("800", "50"), Request{OnDuplicate: PolicyUpdate})
	if s.Updated != 1 || s.OpeningPrincipalFen != 0 || len(s.Warnings) != 1 || s.Warnings[0].Reason != "已有储值，未导入期初储值" {
		t.Fatalf("update %+v", s)
	}
	s = mustImport(t, db, file("800", "50"), Request{OnDuplicate: PolicyOverwrite})
	if got := balanceOf(t, db, "13800138000"); got != (wallet.Balance{PrincipalFen: 80000, BonusFen: 5000}) || s.OpeningPrincipalFen != 30000 {
		t.Fatalf("overwrite: balance %+v summary %+v", got, s)
	}
	if _, err := undo(db, s.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := balanceOf(t, db, "13800138000"); got != before {
		t.Fatalf("after undo %+v want %+v", got, before)
	}
	// Merge adds; ¥4,600 on top of ¥500 passes the ¥5,000 cap: the row fails naming it, nothing booked.
	s = mustImport(t, db, file("4600", ""), Request{OnDuplicate: PolicyMerge})
	if s.Failed != 1 || !strings.Contains(s.Failures[0].Message, "记名卡余额上限为 ¥5000.00") || balanceOf(t, db, "13800138000") != before {
		t.Fatalf("merge over cap %+v", s)
	}
	s = mustImport(t, db, file("100", "10"), Request{OnDuplicate: PolicyMerge})
	if got := balanceOf(t, db, "13800138000"); got != (wallet.Balance{PrincipalFen: 60000, BonusFen: 1000}) {
		t.Fatalf("merge %+v", got)
	}
	// Stored value spent (or recharged) after the import blocks the undo, as any other activity does.
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: old.ID, AmountFen: 100, Method: "cash", Key: "r2"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := undo(db, s.BatchID); err == nil || !strings.Contains(err.Error(), "不能撤销整批导入") {
		t.Fatalf("undo after a recharge: %v", err)
	}
}

// A first import of 2,000 rows into an empty archive goes the bulk way (indexes dropped and rebuilt):
// it books every opening entry too, and undo reverses them all.
func TestOpeningStoredValueBulkPath(t *testing.T) {
	db := storetest.Open(t)
	rows := [][]any{{"姓名", "手机", "卡内余额", "赠送余额"}}
	var principal, bonus int64
	for i := 0; i < bulkMin; i++ {
		p, b := int64(i%50+1)*1000, int64(i%7)*100
		principal, bonus = principal+p, bonus+b
		rows = append(rows, []any{fmt.Sprintf("客户%d", i), fmt.Sprintf("139%08d", i), fmt.Sprintf("%d.%02d", p/100, p%100), b / 100})
	}
	book, err := Open("大表.xlsx", excelStyle(t, map[string][][]any{"客户": rows}))
	if err != nil {
		t.Fatal(err)
	}
	var s Summary
	withBulkMin(bulkMin, func() { s = mustImport(t, db, book, Request{}) })
	if s.Created != bulkMin || s.OpeningPrincipalFen != principal || s.OpeningBonusFen != bonus {
		t.Fatalf("summary %+v want %d/%d", s, principal, bonus)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM wallet_entries WHERE kind = 'opening'`); n != bulkMin {
		t.Fatalf("%d opening entries", n)
	}
	if o := outstanding(t, db); o.PrincipalFen != principal || o.BonusFen != bonus {
		t.Fatalf("outstanding %+v", o)
	}
	// the bulk path rebuilt the indexes: a customer is found by mobile with a balance
	if got := balanceOf(t, db, "13900000007"); got != (wallet.Balance{PrincipalFen: 8000, BonusFen: 0}) {
		t.Fatalf("customer 7 %+v", got)
	}
	if _, err := undo(db, s.BatchID); err != nil {
		t.Fatal(err)
	}
	if o := outstanding(t, db); o.Total() != 0 {
		t.Fatalf("outstanding after undo %+v", o)
	}
}

// The mapping step offers the two columns by their Chinese names and recognises the headers old
// member software writes; the import template carries them with a hint.
func TestOpeningStoredValueColumnsAndTemplate(t *testing.T) {
	cols := guessColumns([]string{"姓名", "卡内余额", "赠送余额", "积分余额", "累计消费"}, nil)
	got := []string{}
	for _, c := range cols {
		got = append(got, c.Field)
	}
	if strings.Join(got, ",") != "name,openingPrincipal,openingBonus,points,spend" {
		t.Fatalf("guessed %v", got)
	}
	for h, f := range map[string]string{"储值余额": "openingPrincipal", "期初储值本金": "openingPrincipal", "会员卡储值(元)": "openingPrincipal",
		"期初储值赠送": "openingBonus", "赠送金额": "openingBonus"} {
		if c := guessColumns([]string{h}, nil); c[0].Field != f {
			t.Fatalf("%s guessed as %q", h, c[0].Field)
		}
	}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header, err := f.GetRows("客户资料")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(header[0], ",")
	if !strings.Contains(joined, "期初储值本金") || !strings.Contains(joined, "期初储值赠送") {
		t.Fatalf("template header %s", joined)
	}
	// The template's own example row imports its balances back as the same columns.
	if c := guessColumns(header[0], nil); c[slicesIndex(header[0], "期初储值本金")].Field != "openingPrincipal" {
		t.Fatal("template column not mapped back")
	}
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
