package sheets

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/wallet"
)

// The per-customer spend totals (migration 0020) and rows of recent months (0027) equal a
// recomputation from the purchases and opening spends after every step of a random history: sales
// paid in cash, by WeChat, from stored value, split; whole and partial refunds; merges; imports under
// every duplicate policy with dated purchases and undated 累计消费; and undone imports.
func TestSpendTotalsEqualRecomputationAfterRandomHistory(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { spendHistory(t, rand.New(rand.NewPCG(seed, 18))) })
	}
}

type spendWorld struct {
	t        *testing.T
	r        *rand.Rand
	db       *store.DB
	products []sales.Product
	mobiles  []string // every mobile used so far, for imports that meet existing customers
	batches  []int64
	base     int64 // customers up to this id were registered as members by hand, before any import
	key      int
	applied  map[string]int
}

func spendHistory(t *testing.T, r *rand.Rand) {
	w := &spendWorld{t: t, r: r, db: storetest.Open(t), applied: map[string]int{}}
	w.tx(func(tx *sql.Tx) error {
		for i, cat := range []string{"白酒", "葡萄酒", "啤酒"} {
			p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: fmt.Sprintf("酒%d", i), Category: cat, RetailFen: int64(3900 * (i + 1)), Active: true})
			if err != nil {
				return err
			}
			w.products = append(w.products, p)
		}
		return nil
	})
	w.tx(func(tx *sql.Tx) error {
		for i := range 6 {
			m := fmt.Sprintf("137%08d", i)
			c, err := members.Register(ctx, tx, members.RegisterInput{Name: fmt.Sprintf("老客%d", i), Mobile: m}, 0)
			if err != nil {
				return err
			}
			w.mobiles, w.base = append(w.mobiles, m), c.CustomerID
		}
		return nil
	})
	w.importRows(8, PolicySkip)
	steps := []struct {
		name string
		do   func() error
	}{
		{"sale", w.sale}, {"sale", w.sale}, {"sale", w.sale}, {"refund", w.refund}, {"merge", w.merge},
		{"import", func() error {
			return w.importRows(1+w.r.IntN(5), []string{PolicySkip, PolicyUpdate, PolicyOverwrite, PolicyMerge}[w.r.IntN(4)])
		}},
		{"undo", w.undo},
	}
	for i := range 160 {
		s := steps[r.IntN(len(steps))]
		if err := s.do(); err != nil {
			t.Fatalf("step %d (%s): %v", i, s.name, err)
		}
		w.check(fmt.Sprintf("after step %d (%s)", i, s.name))
	}
	for _, kind := range []string{"sale", "stored value", "refund", "merge", "import", "undo"} {
		if w.applied[kind] == 0 {
			t.Errorf("no %s was applied: the history does not exercise it", kind)
		}
	}
}

func (w *spendWorld) tx(fn func(tx *sql.Tx) error) error {
	err := w.db.WithTx(ctx, fn)
	var e *errs.Error
	if err != nil && (!errors.As(err, &e) || e.Code == errs.CodeInternal) {
		w.t.Fatal(err)
	}
	return err
}

func (w *spendWorld) next() string { w.key++; return fmt.Sprint("k", w.key) }

// liveCustomer is a random customer that is neither archived nor merged away, 0 if there is none.
func (w *spendWorld) liveCustomer() int64 {
	var id int64
	err := w.db.R.QueryRowContext(ctx, `SELECT id FROM customers WHERE archived = 0 AND merged_into_id IS NULL
		ORDER BY id LIMIT 1 OFFSET ? % MAX(1, (SELECT COUNT(*) FROM customers WHERE archived = 0 AND merged_into_id IS NULL))`, w.r.IntN(1000)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

func (w *spendWorld) sale() error {
	c := w.liveCustomer()
	if c == 0 {
		return nil
	}
	in := sales.PurchaseInput{CustomerID: c, Key: w.next(), NoPoints: w.r.IntN(2) == 0,
		Date: time.Now().In(store.Shop).AddDate(0, 0, -w.r.IntN(900)).Format(time.DateOnly)}
	var total int64
	for range 1 + w.r.IntN(3) {
		p := w.products[w.r.IntN(len(w.products))]
		q := int64(1 + w.r.IntN(4))
		in.Lines = append(in.Lines, sales.LineInput{ProductID: p.ID, Qty: q})
		total += q * p.RetailFen
	}
	var err error
	switch w.r.IntN(4) {
	case 1:
		in.Payments = []sales.Payment{{Method: sales.PayCash, AmountFen: total}}
	case 2:
		in.Payments = []sales.Payment{{Method: sales.PayWeChat, AmountFen: total}}
	case 3: // stored value, all of it or half with cash; only for customers no import created (an
		// imported customer's stored value is the import's own business, see opening_wallet)
		if c > w.base {
			break
		}
		err = w.tx(func(tx *sql.Tx) error {
			_, err := wallet.Recharge(ctx, tx, wallet.RechargeInput{CustomerID: c, AmountFen: total, Method: "cash", Key: w.next()}, 0)
			return err
		})
		stored := total
		if w.r.IntN(2) == 0 {
			stored = total / 2
			in.Payments = append(in.Payments, sales.Payment{Method: sales.PayCash, AmountFen: total - stored})
		}
		in.Payments = append(in.Payments, sales.Payment{Method: sales.PayStored, AmountFen: stored})
	}
	if err != nil { // a customer the wallet refuses (e.g. not a member): paid in cash instead
		in.Payments = nil
	}
	if w.tx(func(tx *sql.Tx) error { _, err := sales.Record(ctx, tx, in, 0, false); return err }) == nil {
		w.applied["sale"]++
		if len(in.Payments) > 0 && in.Payments[len(in.Payments)-1].Method == sales.PayStored {
			w.applied["stored value"]++
		}
	}
	return nil
}

func (w *spendWorld) refund() error {
	var id int64
	var line int64
	err := w.db.R.QueryRowContext(ctx, `SELECT p.id, COALESCE((SELECT l.id FROM purchase_lines l WHERE l.purchase_id = p.id ORDER BY l.id LIMIT 1), 0)
		FROM purchases p WHERE p.refunded_fen < p.total_fen ORDER BY (p.id * 7919 + ?) % 1009 LIMIT 1`, w.r.IntN(1000)).Scan(&id, &line)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	in := sales.RefundInput{PurchaseID: id, All: line == 0 || w.r.IntN(2) == 0, Reason: "退货", Key: w.next()}
	if !in.All {
		in.Lines = []sales.RefundLine{{LineID: line, Qty: 1}}
	}
	if w.tx(func(tx *sql.Tx) error { _, err := sales.Refund(ctx, tx, in, 0); return err }) == nil {
		w.applied["refund"]++
	}
	return nil
}

func (w *spendWorld) merge() error {
	a, b := w.liveCustomer(), w.liveCustomer()
	if a == 0 || a == b {
		return nil
	}
	if w.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: a, MergedID: b}, 0)
		return err
	}) == nil {
		w.applied["merge"]++
	}
	return nil
}

// importRows imports n rows, each a new mobile or (half the time) one used before, with a dated
// purchase, an undated 累计消费, or nothing.
func (w *spendWorld) importRows(n int, policy string) error {
	rows := [][]any{{"姓名", "手机", "消费日期", "消费金额", "累计消费"}}
	for i := range n {
		m := fmt.Sprintf("139%08d", w.r.IntN(100_000_000))
		if len(w.mobiles) > 0 && w.r.IntN(2) == 0 {
			m = w.mobiles[w.r.IntN(len(w.mobiles))]
		} else {
			w.mobiles = append(w.mobiles, m)
		}
		row := []any{fmt.Sprintf("客户%d", w.key*10+i), m, nil, nil, nil}
		switch w.r.IntN(4) {
		case 0:
			row[2] = time.Now().AddDate(0, 0, -w.r.IntN(900)).Format("2006/1/2")
			row[3] = fmt.Sprintf("%d.%02d", 1+w.r.IntN(5000), w.r.IntN(100))
		case 1:
			row[4] = fmt.Sprint(100 * (1 + w.r.IntN(500)))
		}
		rows = append(rows, row)
	}
	w.key++
	res, err := runImport(w.t, w.db, xlsxBook(w.t, rows...), Request{OnDuplicate: policy})
	if err != nil {
		return err
	}
	w.batches = append(w.batches, res.Summary.BatchID)
	w.applied["import"]++
	return nil
}

func (w *spendWorld) undo() error {
	if len(w.batches) == 0 {
		return nil
	}
	i := w.r.IntN(len(w.batches))
	b := w.batches[i]
	// Undo may be refused (later activity such as a refund of the batch's purchases), but only as a
	// conflict that changes nothing, never as a database error.
	err := w.tx(func(tx *sql.Tx) error { _, err := Undo(ctx, tx, b, 0); return err })
	if err != nil && errs.CodeOf(err) != errs.CodeConflict {
		return err
	}
	if err == nil {
		w.applied["undo"]++
		w.batches = append(w.batches[:i], w.batches[i+1:]...)
	}
	return nil
}

// check recomputes every customer's total from the purchases and opening spends, and the row of
// recent months (migration 0027) from the purchases of those months.
func (w *spendWorld) check(when string) {
	w.t.Helper()
	type key struct {
		id    int64
		month string
	}
	sums := func(q string) map[key]int64 {
		rows, err := w.db.R.QueryContext(ctx, q)
		if err != nil {
			w.t.Fatal(err)
		}
		defer rows.Close()
		out := map[key]int64{}
		for rows.Next() {
			var k key
			var v int64
			if err := rows.Scan(&k.id, &k.month, &v); err != nil {
				w.t.Fatal(err)
			}
			if v != 0 {
				out[k] = v
			}
		}
		if err := rows.Err(); err != nil {
			w.t.Fatal(err)
		}
		return out
	}
	wantTotal := sums(`SELECT customer_id, '', SUM(fen) FROM (SELECT customer_id, total_fen - refunded_fen AS fen FROM purchases
		UNION ALL SELECT customer_id, amount_fen FROM opening_spends) GROUP BY 1`)
	gotTotal := sums(`SELECT customer_id, '', net_fen FROM spend_totals`)
	// The recent row, one line per month it holds, and what the purchases say of those months.
	var unpivot []string
	for j := range 13 {
		unpivot = append(unpivot, fmt.Sprintf(`SELECT customer_id, printf('%%04d-%%02d', (month_index - %d) / 12, (month_index - %d) %% 12 + 1), q%d FROM spend_recent`, j, j, j))
	}
	gotRecent := sums(strings.Join(unpivot, " UNION ALL "))
	wantRecent := sums(`SELECT p.customer_id, substr(p.date, 1, 7), SUM(p.total_fen - p.refunded_fen) FROM purchases p
		JOIN spend_recent r ON r.customer_id = p.customer_id
		WHERE CAST(substr(p.date, 1, 4) AS INTEGER) * 12 + CAST(substr(p.date, 6, 2) AS INTEGER) - 1 > r.month_index - 13 GROUP BY 1, 2`)
	var late int
	if err := w.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM purchases p LEFT JOIN spend_recent r ON r.customer_id = p.customer_id
		WHERE p.total_fen > p.refunded_fen AND (r.customer_id IS NULL
		  OR CAST(substr(p.date, 1, 4) AS INTEGER) * 12 + CAST(substr(p.date, 6, 2) AS INTEGER) - 1 > r.month_index)`).Scan(&late); err != nil {
		w.t.Fatal(err)
	}
	if late > 0 {
		w.t.Fatalf("%s: %d purchases are later than their customer's recent months", when, late)
	}
	for _, pair := range []struct {
		what      string
		want, got map[key]int64
	}{{"total", wantTotal, gotTotal}, {"recent month", wantRecent, gotRecent}} {
		for k, v := range pair.want {
			if pair.got[k] != v {
				w.t.Fatalf("%s: customer %d %s %q: kept %d, recomputed %d", when, k.id, pair.what, k.month, pair.got[k], v)
			}
		}
		for k, v := range pair.got {
			if pair.want[k] != v {
				w.t.Fatalf("%s: customer %d %s %q: kept %d, recomputed %d", when, k.id, pair.what, k.month, v, pair.want[k])
			}
		}
	}
}
