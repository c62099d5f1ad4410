package demo_test

import (
	"context"
	"testing"

	"jiuke/backend/banquets"
	"jiuke/backend/demo"
	"jiuke/backend/store/storetest"
)

// The demo season has banquets in every state, each settled one balanced, and photos whose files
// still match their recorded hashes.
func TestDemoBanquetsCoverEveryState(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := demo.Fill(ctx, db, 80); err != nil {
		t.Fatal(err)
	}
	for _, s := range banquets.States {
		var n int
		storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM banquets WHERE state = ?`, s).Scan(&n)
		if n == 0 {
			t.Errorf("no demo banquet in state %s", s)
		}
	}
	rows, err := db.R.Query(`SELECT banquet_id, id FROM banquet_evidence`)
	if err != nil {
		t.Fatal(err)
	}
	var photos [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			t.Fatal(err)
		}
		photos = append(photos, p)
	}
	rows.Close()
	if len(photos) < 10 {
		t.Fatalf("only %d demo photos", len(photos))
	}
	for _, p := range photos {
		if ok, err := banquets.VerifyEvidence(ctx, db.R, banquets.EvidenceRoot(db.Path), p[0], p[1]); !ok || err != nil {
			t.Errorf("photo %v does not verify: %v", p, err)
		}
	}
	var unbalanced int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM banquet_settlement_lines WHERE delivered != opened + returned + lost`).Scan(&unbalanced)
	if unbalanced != 0 {
		t.Errorf("%d settlement lines do not balance", unbalanced)
	}
}
