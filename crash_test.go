package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

// crashChild records purchases in a loop until it is killed; the parent kills it with SIGKILL at a
// random moment, many times, and then checks nothing was left half done.
func crashChild(path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		os.Exit(2)
	}
	var product, customer int64
	db.R.QueryRow(`SELECT id FROM products LIMIT 1`).Scan(&product)
	db.R.QueryRow(`SELECT customer_id FROM memberships LIMIT 1`).Scan(&customer)
	for i := 0; ; i++ {
		in := sales.PurchaseInput{CustomerID: customer, Key: fmt.Sprintf("crash-%d-%d", os.Getpid(), i),
			Lines: []sales.LineInput{{ProductID: product, Qty: 1}, {ProductID: product, Qty: 2}}}
		if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := sales.Record(ctx, tx, in, 0, false); return err }); err != nil {
			os.Exit(3)
		}
	}
}

func TestMain(m *testing.M) {
	if p := os.Getenv("JIUKE_CRASH_CHILD"); p != "" {
		crashChild(p)
	}
	os.Exit(m.Run())
}

func TestKilledMidPurchaseLeavesNothingHalfDone(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process many times")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "干红", Category: "葡萄酒", RetailFen: 12800, Active: true}); err != nil {
			return err
		}
		_, err := members.Register(ctx, tx, members.RegisterInput{Name: "常客", Mobile: "13800138000"}, 0)
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 25; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "JIUKE_CRASH_CHILD="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+r.IntN(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	if err := store.CheckFile(ctx, path, true); err != nil {
		t.Fatalf("integrity after kills: %v", err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var purchases, halfPurchases, unpaid, mismatched int
	db.R.QueryRow(`SELECT COUNT(*) FROM purchases`).Scan(&purchases)
	// Every purchase has both its lines and its points; no lines or points without a purchase.
	db.R.QueryRow(`SELECT COUNT(*) FROM purchases p WHERE (SELECT COUNT(*) FROM purchase_lines l WHERE l.purchase_id = p.id) != 2`).Scan(&halfPurchases)
	db.R.QueryRow(`SELECT COUNT(*) FROM purchases p WHERE p.points_earned > 0 AND NOT EXISTS
		(SELECT 1 FROM points_entries e WHERE e.idem_key = 'purchase:' || p.id)`).Scan(&unpaid)
	db.R.QueryRow(`SELECT COUNT(*) FROM points_entries e WHERE e.ref_type = 'purchase' AND NOT EXISTS
		(SELECT 1 FROM purchases p WHERE p.id = e.ref_id)`).Scan(&mismatched)
	if purchases == 0 || halfPurchases != 0 || unpaid != 0 || mismatched != 0 {
		t.Fatalf("purchases=%d half=%d without points=%d orphan points=%d", purchases, halfPurchases, unpaid, mismatched)
	}
	var balance, earned int64
	db.R.QueryRow(`SELECT COALESCE(SUM(points), 0) FROM points_entries`).Scan(&balance)
	db.R.QueryRow(`SELECT COALESCE(SUM(points_earned), 0) FROM purchases`).Scan(&earned)
	if balance != earned {
		t.Fatalf("ledger sum %d != points earned by purchases %d", balance, earned)
	}
	t.Logf("%d purchases survived 25 kills intact", purchases)
}
