package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"jiuke/backend/bench/figures"
	"time"

	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/tags"
)

// benchTags are the two tags the segment count asks for: 甲 on 1 in 5 customers, 乙 on 1 in 3.
var benchTags = []string{"基准标签甲", "基准标签乙"}

// countDef is the typical segment whose live count is timed: both tags and ¥5,000 in the last 365 days.
func countDef(a, b int64) segments.Node {
	num := func(v float64) *float64 { return &v }
	days := 365
	return segments.Node{Op: "AND", Items: []segments.Node{
		{Field: "tag", Cmp: "has", Num: num(float64(a))}, {Field: "tag", Cmp: "has", Num: num(float64(b))},
		{Field: "spend", Cmp: "gte", Num: num(5000), Days: &days}}}
}

// benchSegments times, on the bench archive, a segment's live count for a typical definition (two
// tags and a 12-month spend) against a floor of a plain COUNT over one tag's rows, and the full
// smart-tag recompute against a floor of a bare INSERT…SELECT of the same number of rows.
func benchSegments(ctx context.Context, db *store.DB, n, queries int) (segments.Node, error) {
	fmt.Printf("\n准备标签与消费数据 …\n")
	var a, b int64
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		for i, name := range benchTags {
			// A database kept from an earlier run (-reuse) has the tags already.
			var id int64
			if err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, name).Scan(&id); errors.Is(err, sql.ErrNoRows) {
				t, err := tags.Save(ctx, tx, 0, tags.Input{Name: name})
				if err != nil {
					return err
				}
				id = t.ID
				// Tag 甲 on 1 in 5 customers, 乙 on 1 in 3: both on about 1 in 15.
				if _, err := tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at)
					SELECT id, ?, '' FROM customers WHERE id % ? = 0`, id, 5-2*i); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
			if i == 0 {
				a = id
			} else {
				b = id
			}
		}
		// A shop's year of sales if the run made none: one purchase for every other customer, spread
		// over 500 days and ¥100–¥30,000.
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM purchases`).Scan(&have); err != nil {
			return err
		}
		if have < n/2 {
			_, err := tx.ExecContext(ctx, `INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at)
				SELECT id, date(?, '-' || (id * 7919 % 500) || ' days'), 10000 + (id * 104729 % 3000000), 'bench-seg:' || id, ''
				FROM customers WHERE id % 2 = 0`, store.Today())
			return err
		}
		return nil
	})
	if err != nil {
		return segments.Node{}, err
	}
	def := countDef(a, b)
	q := max(20, queries/20)
	// The count is measured with another process keeping one core busy: on a shop PC something else
	// always runs, and a count that only meets its target on an idle machine does not meet it.
	stop, err := startBurner()
	if err != nil {
		return def, err
	}
	floor := measure(q, func() error {
		var c int
		return db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM customer_tags WHERE tag_id = ?`, a).Scan(&c)
	})
	var found int
	count := measure(q, func() (err error) {
		found, err = segments.Count(ctx, db.R, def)
		return err
	})
	stop()
	if count.err != nil {
		return def, count.err
	}
	fmt.Printf("（计数期间另有一个进程占满一个核）\n")
	fmt.Printf("%-30s %10s %10s %10s\n", "客群实时计数", "p50", "p99", "p99/基线")
	fmt.Printf("%-30s %10s %10s %10s\n", "基线: 单个标签 COUNT(*)", ms(floor.p50), ms(floor.p99), "1.0×")
	fmt.Printf("%-30s %10s %10s %9.1f×\n", "两个标签 + 近365天消费≥5000元", ms(count.p50), ms(count.p99), float64(count.p99)/float64(floor.p99))
	record(figures.Figure{Name: "客群实时计数 p99", Value: msf(count.p99), Unit: "ms", Floor: msf(floor.p99), FloorName: "单个标签 COUNT(*) p99",
		Limit: 200, Below: true, Note: fmt.Sprintf("两个标签 + 近 365 天消费，%d 万客户，%d 人，另一进程占满一个核", n/10000, found)})

	var rows int64
	start := time.Now()
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tags.RecomputeAll(ctx, tx, store.Today(), nil); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.kind = 'smart'`).Scan(&rows)
	})
	if err != nil {
		return def, err
	}
	recompute := time.Since(start)
	// The floor writes as many rows the plainest way, into a scratch tag (an earlier run's is removed
	// first, untimed), in one transaction.
	if _, err := db.W.ExecContext(ctx, `DELETE FROM tags WHERE name = '基准标签丙'`); err != nil {
		return def, err
	}
	start = time.Now()
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO tags (name, created_at) VALUES ('基准标签丙', '')`)
		if err != nil {
			return err
		}
		scratch, _ := res.LastInsertId()
		_, err = tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at) SELECT id, ?, '' FROM customers LIMIT ?`, scratch, rows)
		return err
	})
	floorRecompute := time.Since(start)
	if err != nil {
		return def, err
	}
	fmt.Printf("智能标签全量重算 %.2f s（写入 %d 行；基线: 同样行数的 INSERT…SELECT %.2f s，%.1f×）\n",
		recompute.Seconds(), rows, floorRecompute.Seconds(), recompute.Seconds()/max(floorRecompute.Seconds(), 1e-6))
	return def, nil
}
