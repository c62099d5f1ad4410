package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// crashChild records purchases in a loop until it is killed; the parent kills it with SIGKILL at a
// random moment, many times, and then checks nothing was left half done.
func crashChild(path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		childFail(2, "open", err)
	}
	var product, customer int64
	if err := db.R.QueryRow(`SELECT id FROM products LIMIT 1`).Scan(&product); err != nil {
		childFail(2, "product", err)
	}
	if err := db.R.QueryRow(`SELECT customer_id FROM memberships LIMIT 1`).Scan(&customer); err != nil {
		childFail(2, "member", err)
	}
	for i := 0; ; i++ {
		// A recharge, then a purchase paid half by stored value and half by WeChat: a kill between or
		// inside either must leave no payment half written.
		r := wallet.RechargeInput{CustomerID: customer, AmountFen: 19200, Method: "cash", Key: fmt.Sprintf("crash-%d-%d", os.Getpid(), i)}
		if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := wallet.Recharge(ctx, tx, r, 0); return err }); err != nil {
			childFail(3, "recharge", err)
		}
		in := sales.PurchaseInput{CustomerID: customer, Key: fmt.Sprintf("crash-%d-%d", os.Getpid(), i),
			Lines:    []sales.LineInput{{ProductID: product, Qty: 1, OverridePrice: true, UnitFen: 12800}, {ProductID: product, Qty: 2, OverridePrice: true, UnitFen: 12800}},
			Payments: []sales.Payment{{Method: sales.PayStored, AmountFen: 19200}, {Method: sales.PayWeChat, AmountFen: 19200}}}
		if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := sales.Record(ctx, tx, in, 0, true); return err }); err != nil {
			childFail(3, "purchase", err)
		}
		signalFirstCommit(i)
	}
}

// signalFirstCommit tells the parent, once, that a transaction has committed: its kill timer starts
// then, so a child still starting up on a busy machine is never killed before it wrote anything.
func signalFirstCommit(i int) {
	if i == 0 {
		fmt.Println(committedLine)
	}
}

const committedLine = "committed"

func childFail(code int, what string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	os.Exit(code)
}

// importChild imports fresh 500-row ledgers (each row with opening points) until it is killed.
func importChild(path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		childFail(2, "open", err)
	}
	for i := 0; ; i++ {
		var b strings.Builder
		b.WriteString("姓名,手机,积分\n")
		base := os.Getpid()%1000*100000 + i*500
		for r := 0; r < 500; r++ {
			fmt.Fprintf(&b, "客户%d,139%08d,100\n", base+r, base+r)
		}
		book, err := sheets.Open("台账.csv", []byte(b.String()))
		if err != nil {
			childFail(3, "open sheet", err)
		}
		if err := db.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := sheets.Import(ctx, tx, book, sheets.Request{FileName: book.Name, Sheet: "CSV", OnDuplicate: "skip"}, func(sheets.Progress) {})
			return err
		}); err != nil {
			childFail(4, "import", err)
		}
		signalFirstCommit(i)
	}
}

func TestMain(m *testing.M) {
	if p := os.Getenv("JIUKE_CRASH_CHILD"); p != "" {
		crashChild(p)
	}
	if p := os.Getenv("JIUKE_CRASH_IMPORT"); p != "" {
		importChild(p)
	}
	os.Exit(m.Run())
}

// killRepeatedly starts the test binary as a child with env set and kills it mid-work, n times. The
// random delay before each kill starts when the child reports its first commit (not when it starts),
// so every run kills a child that is busy writing its next transaction.
func killRepeatedly(t *testing.T, env string, n int, maxMillis int) {
	r := rand.New(rand.NewPCG(uint64(n), 2))
	var slowest time.Duration
	for i := 0; i < n; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), env)
		committed := &lineWatch{want: committedLine, seen: make(chan struct{})}
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = committed, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		started := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-committed.seen:
			slowest = max(slowest, time.Since(started))
		case err := <-done:
			t.Fatalf("run %d: the child stopped before its first commit: %v\n%s", i, err, stderr.String())
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			<-done
			t.Fatalf("run %d: no commit within 2 minutes\n%s", i, stderr.String())
		}
		select {
		case err := <-done:
			t.Fatalf("run %d: the child stopped by itself before being killed: %v\n%s", i, err, stderr.String())
		case <-time.After(time.Duration(r.IntN(maxMillis)) * time.Millisecond):
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("run %d: the child was not killed: %v\n%s", i, err, stderr.String())
		}
	}
	t.Logf("the slowest child took %v from start to its first commit", slowest.Round(time.Millisecond))
}

// lineWatch closes seen once the child's stdout has carried the line want.
type lineWatch struct {
	mu   sync.Mutex
	buf  []byte
	want string
	seen chan struct{}
	once sync.Once
}

func (w *lineWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if bytes.Contains(w.buf, []byte(w.want+"\n")) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func TestKilledMidImportLeavesNoHalfBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process many times")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "import-crash.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	killRepeatedly(t, "JIUKE_CRASH_IMPORT="+path, 15, 3000)
	if err := store.CheckFile(ctx, path, true); err != nil {
		t.Fatalf("integrity after kills: %v", err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var batches, created, customers int
	var points int64
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), COALESCE(SUM(created), 0) FROM import_batches`).Scan(&batches, &created)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers`).Scan(&customers)
	storetest.QueryRow(t, db.R, `SELECT COALESCE(SUM(points), 0) FROM points_entries`).Scan(&points)
	// Whole batches only: every customer belongs to a finished batch, each with its opening points; each
	// of the 15 children committed at least one before it was killed.
	if batches < 15 || customers != created || customers%500 != 0 || points != int64(customers)*100 {
		t.Fatalf("batches=%d created=%d customers=%d points=%d", batches, created, customers, points)
	}
	t.Logf("%d whole batches (%d customers) survived 15 kills", batches, customers)
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
		if _, err := members.Register(ctx, tx, members.RegisterInput{Name: "常客", Mobile: "13800138000"}, 0); err != nil {
			return err
		}
		rules := wallet.DefaultRules()
		rules.CapOn = false // killed between a recharge and its spend, the balance grows
		_, err := wallet.SaveRules(ctx, tx, rules)
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	killRepeatedly(t, "JIUKE_CRASH_CHILD="+path, 25, 250)
	if err := store.CheckFile(ctx, path, true); err != nil {
		t.Fatalf("integrity after kills: %v", err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var purchases, halfPurchases, unpaid, mismatched int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases`).Scan(&purchases)
	// Every purchase has both its lines and its points; no lines or points without a purchase.
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases p WHERE (SELECT COUNT(*) FROM purchase_lines l WHERE l.purchase_id = p.id) != 2`).Scan(&halfPurchases)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases p WHERE p.points_earned > 0 AND NOT EXISTS
		(SELECT 1 FROM points_entries e WHERE e.idem_key = 'purchase:' || p.id)`).Scan(&unpaid)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM points_entries e WHERE e.ref_type = 'purchase' AND NOT EXISTS
		(SELECT 1 FROM purchases p WHERE p.id = e.ref_id)`).Scan(&mismatched)
	// Each of the 25 children committed at least one purchase before it was killed.
	if purchases < 25 || halfPurchases != 0 || unpaid != 0 || mismatched != 0 {
		t.Fatalf("purchases=%d half=%d without points=%d orphan points=%d", purchases, halfPurchases, unpaid, mismatched)
	}
	var balance, earned int64
	storetest.QueryRow(t, db.R, `SELECT COALESCE(SUM(points), 0) FROM points_entries`).Scan(&balance)
	storetest.QueryRow(t, db.R, `SELECT COALESCE(SUM(points_earned), 0) FROM purchases`).Scan(&earned)
	if balance != earned {
		t.Fatalf("ledger sum %d != points earned by purchases %d", balance, earned)
	}
	// Stored value: every purchase's payments add up to its total, its stored part is exactly one
	// spend entry, no spend lacks its purchase, and the balances are the ledger's sum.
	var unbalanced, unspent, orphanSpends, wrongBalance int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases p WHERE p.total_fen !=
		(SELECT COALESCE(SUM(amount_fen), 0) FROM purchase_payments pp WHERE pp.purchase_id = p.id)`).Scan(&unbalanced)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases p WHERE
		(SELECT COALESCE(SUM(amount_fen), 0) FROM purchase_payments pp WHERE pp.purchase_id = p.id AND pp.method = 'stored') !=
		(SELECT COALESCE(-SUM(principal_fen + bonus_fen), 0) FROM wallet_entries e WHERE e.purchase_id = p.id AND e.kind = 'spend')`).Scan(&unspent)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM wallet_entries e WHERE e.kind = 'spend' AND NOT EXISTS
		(SELECT 1 FROM purchases p WHERE p.id = e.purchase_id)`).Scan(&orphanSpends)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM wallet_balances b WHERE b.principal_fen + b.bonus_fen !=
		(SELECT SUM(principal_fen + bonus_fen) FROM wallet_entries e WHERE e.customer_id = b.customer_id)`).Scan(&wrongBalance)
	var recharged, spent, left int64
	storetest.QueryRow(t, db.R, `SELECT COALESCE(SUM(principal_fen), 0) FROM wallet_entries WHERE kind = 'recharge'`).Scan(&recharged)
	storetest.QueryRow(t, db.R, `SELECT COALESCE(-SUM(principal_fen + bonus_fen), 0) FROM wallet_entries WHERE kind = 'spend'`).Scan(&spent)
	storetest.QueryRow(t, db.R, `SELECT principal_fen + bonus_fen FROM wallet_totals`).Scan(&left)
	if unbalanced != 0 || unspent != 0 || orphanSpends != 0 || wrongBalance != 0 || recharged-spent != left || spent != int64(purchases)*19200 {
		t.Fatalf("payments not adding up %d, stored part not spent %d, spends without purchase %d, wrong balances %d; recharged %d spent %d left %d",
			unbalanced, unspent, orphanSpends, wrongBalance, recharged, spent, left)
	}
	t.Logf("%d purchases survived 25 kills intact", purchases)
}
