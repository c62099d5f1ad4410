package customers_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

func TestMergeMovesEverythingAndKeepsATrace(t *testing.T) {
	db := storetest.Open(t)
	keep := create(t, db, customers.Input{Name: "李四", Mobile: "13900139000", District: "锦江区"})
	gone := create(t, db, customers.Input{Name: "李四", Mobile: "13900139001", Company: "天府建设集团", Notes: "喜欢干红"})
	referred := create(t, db, customers.Input{Name: "王小二", ReferrerID: gone.ID, Source: "转介绍"})
	for _, d := range []string{"2026-01-01", "2026-02-01"} {
		db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: gone.ID, Date: d, Channel: "电话", Content: "回访"}, 0)
			return err
		})
	}
	var res customers.MergeResult
	err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep.ID, MergedID: gone.ID,
			Take: []string{"mobile", "company", "notes"}}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Survivor
	if s.Mobile != "13900139001" || s.Company != "天府建设集团" || s.Notes != "喜欢干红" || s.District != "锦江区" {
		t.Fatalf("survivor values: %+v", s)
	}
	if !strings.Contains(s.OtherPhone, "13900139000") {
		t.Fatalf("the survivor's own mobile was lost: other phone %q", s.OtherPhone)
	}
	if res.Moved["回访"] != 2 || res.Moved["推荐的客户"] != 1 {
		t.Fatalf("moved %+v", res.Moved)
	}
	fu, _ := customers.FollowUps(ctx, db.R, keep.ID)
	if len(fu) != 2 {
		t.Fatalf("follow-ups on survivor: %d", len(fu))
	}
	r, _ := customers.Get(ctx, db.R, referred.ID)
	if r.ReferrerID != keep.ID {
		t.Fatalf("referral not moved: %+v", r)
	}
	g, _ := customers.Get(ctx, db.R, gone.ID)
	if !g.Archived || g.MergedIntoID != keep.ID || g.Mobile != "" {
		t.Fatalf("merged record: %+v", g)
	}
	recs, _ := customers.Merges(ctx, db.R, keep.ID)
	if len(recs) != 1 || recs[0].MergedID != gone.ID {
		t.Fatalf("merge record: %+v", recs)
	}
	if recs[0].Moved["回访"] != 2 {
		t.Fatalf("record moved: %v", recs[0].Moved)
	}
	var snapshot string
	storetest.QueryRow(t, db.R, `SELECT merged_snapshot FROM customer_merges`).Scan(&snapshot)
	if !strings.Contains(snapshot, "13900139001") {
		t.Fatalf("snapshot lost the merged mobile: %s", snapshot)
	}
	// A merged customer can be neither merged again nor restored.
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep.ID, MergedID: gone.ID}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("second merge: %v", err)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error { _, err := customers.Restore(ctx, tx, gone.ID); return err })
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("restore of merged: %v", err)
	}
}

func TestMergeRefusalChangesNothing(t *testing.T) {
	db := storetest.Open(t)
	a := create(t, db, customers.Input{Name: "甲", Mobile: "13600136000"})
	b := create(t, db, customers.Input{Name: "乙", Mobile: "13600136001"})
	db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: b.ID, Channel: "电话", Content: "x"}, 0)
		return err
	})
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: a.ID, MergedID: b.ID, Take: []string{"password"}}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("unknown field: %v", err)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: a.ID, MergedID: a.ID}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("self merge: %v", err)
	}
	if fu, _ := customers.FollowUps(ctx, db.R, b.ID); len(fu) != 1 {
		t.Fatal("a refused merge moved follow-ups")
	}
}

func TestPossibleDuplicates(t *testing.T) {
	db := storetest.Open(t)
	create(t, db, customers.Input{Name: "周杰", Mobile: "13812345678", District: "青羊区"})
	create(t, db, customers.Input{Name: "周杰", Mobile: "18600000000", District: "武侯区"})
	create(t, db, customers.Input{Name: "周杰", District: "金牛区"})
	got, err := customers.PossibleDuplicates(ctx, db.R, "周杰", "13812345687", "青羊区", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]bool{}
	for _, c := range got {
		reasons[c.Reason] = true
	}
	if len(got) != 2 || !reasons["同名，手机号相近"] || !reasons["同名，一方未填手机号"] {
		t.Fatalf("candidates %+v", got)
	}
	if got, err := customers.PossibleDuplicates(ctx, db.R, "吴用", "13812345678", "", "", 0); err != nil || len(got) != 0 {
		t.Fatalf("different name flagged: %+v %v", got, err)
	}
}

// The same name at the same company is likely one person with a second phone, even when the numbers
// have nothing in common and the districts differ.
func TestPossibleDuplicatesSameNameSameCompany(t *testing.T) {
	db := storetest.Open(t)
	create(t, db, customers.Input{Name: "李军", Mobile: "13812345678", District: "青羊区", Company: "蜀酒贸易有限公司"})
	create(t, db, customers.Input{Name: "李军", Mobile: "13900001111", District: "青羊区", Company: "别的公司"})
	got, err := customers.PossibleDuplicates(ctx, db.R, "李军", "18688887777", "武侯区", " 蜀酒贸易有限公司 ", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Reason != "同名同单位" || got[0].Company != "蜀酒贸易有限公司" {
		t.Fatalf("candidates %+v", got)
	}
	if got, err := customers.PossibleDuplicates(ctx, db.R, "李军", "18688887777", "武侯区", "", 0); err != nil || len(got) != 0 {
		t.Fatalf("no company given, still flagged: %+v %v", got, err)
	}
}
