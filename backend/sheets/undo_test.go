package sheets

import (
	"bytes"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func undo(db *store.DB, batchID int64) (UndoResult, error) {
	var res UndoResult
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = Undo(ctx, tx, batchID, 0)
		return err
	})
	return res, err
}

func TestUndoTakesTheWholeBatchBack(t *testing.T) {
	db := storetest.Open(t)
	old := existing(t, db)
	before, _ := customers.Get(ctx, db.R, old.ID)
	s := mustImport(t, db, messyLedger(t), Request{OnDuplicate: PolicyOverwrite})
	if s.Updated != 2 { // 张三 (row 4) is the archive's; 周九 (row 13) then overwrites the same customer
		t.Fatalf("%+v", s)
	}
	res, err := undo(db, s.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Restored != 1 || res.Removed+res.Archived != int64(s.Created) || res.Purchases != 2 {
		t.Fatalf("undo %+v", res)
	}
	after, _ := customers.Get(ctx, db.R, old.ID)
	if after.Name != before.Name || after.Address != before.Address || after.Notes != before.Notes || after.Gender != before.Gender {
		t.Fatalf("not restored: before %+v after %+v", before, after)
	}
	if m, _, _ := members.Get(ctx, db.R, old.ID); m.LevelName != "普卡" {
		t.Fatalf("level not restored: %+v", m)
	}
	if k, _, _ := members.CurrentCard(ctx, db.R, old.ID); k.Number != card("8000002") {
		t.Fatalf("card changed: %+v", k)
	}
	if bal, _ := points.Balance(ctx, db.R, old.ID); bal != 300 {
		t.Fatalf("balance after undo %d", bal)
	}
	// Created customers are gone; the ones with (reversed) opening points stay archived, number freed.
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers WHERE archived = 0`); n != 1 {
		t.Fatalf("%d active customers after undo", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers WHERE mobile IS NOT NULL AND id != ?`, old.ID); n != 0 {
		t.Fatalf("%d imported mobiles left", n)
	}
	if n := countRows(t, db, `SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id != ?`, old.ID); n != 0 {
		t.Fatalf("imported points left: %d", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM purchases`) + countRows(t, db, `SELECT COUNT(*) FROM cards WHERE customer_id != ?`, old.ID); n != 0 {
		t.Fatalf("%d purchases or cards left", n)
	}
	// Undone once; the same file imports again cleanly.
	if _, err := undo(db, s.BatchID); errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("second undo: %v", err)
	}
	if s2 := mustImport(t, db, messyLedger(t), Request{OnDuplicate: PolicySkip}); s2.Created != 6 || s2.Skipped != 2 {
		t.Fatalf("re-import after undo: %+v", s2)
	}
}

func TestUndoIsRefusedWithTheListAfterActivity(t *testing.T) {
	db := storetest.Open(t)
	s := mustImport(t, db, messyLedger(t), Request{})
	zs := customerBy(t, db, "13800138000")
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: zs.ID, Channel: "电话", Content: "回访", Date: store.Today()}, 0); err != nil {
			return err
		}
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "茅台", Category: "白酒", RetailFen: 100, Active: true})
		if err != nil {
			return err
		}
		_, err = sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: zs.ID, Lines: []sales.LineInput{{ProductID: p.ID, Qty: 1}}, Key: "k1"}, 0, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = undo(db, s.BatchID)
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.CodeConflict {
		t.Fatalf("undo after activity: %v", err)
	}
	acts := e.Data.(map[string]any)["activities"].([]Activity)
	whats := map[string]bool{}
	for _, a := range acts {
		if a.CustomerID != zs.ID {
			t.Fatalf("activity of another customer: %+v", a)
		}
		whats[a.What] = true
	}
	if !whats["新增回访"] || !whats["新增消费"] || !whats["积分变动"] {
		t.Fatalf("activities %+v", acts)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM customers`); n != 7 {
		t.Fatalf("refused undo changed something: %d customers", n)
	}
}

func TestErrorReportRoundTrip(t *testing.T) {
	db := storetest.Open(t)
	res, err := runImport(t, db, messyLedger(t), Request{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := WriteErrorReport(&buf, res)
	if err != nil || n != 3 {
		t.Fatalf("report: %d rows, %v", n, err)
	}
	b, err := Open(ErrorReportName("台账.xlsx"), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, b, "导入失败的行")
	if rows[0][0] != "原行号" || rows[0][2] != "客户姓名" || rows[0][len(rows[0])-1] != "失败原因" {
		t.Fatalf("header %q", rows[0])
	}
	if rows[1][0] != "9" || rows[1][3] != "1.38001E+10" || !strings.Contains(rows[1][len(rows[1])-1], "科学计数法") {
		t.Fatalf("row %q", rows[1])
	}
	// The user fixes the three rows and imports the report itself.
	fixed := excelStyle(t, map[string][][]any{"导入失败的行": {
		{"原行号", "序号", "客户姓名", "联系电话", "失败原因"},
		{9, 6, "孙八", "13800138123", "…"}, {10, 7, "无名氏", "13300133000", "…"}, {16, 11, "冯十二", "13800138001", "…"},
	}})
	fb, _ := Open("fixed.xlsx", fixed)
	if s := mustImport(t, db, fb, Request{}); s.Created != 3 || s.Failed != 0 {
		t.Fatalf("fixed rows: %+v", s)
	}
}
