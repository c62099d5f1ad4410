package sheets

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
)

// bulkMin is the sheet size from which an import loads in bulk: below it, rebuilding the indexes
// would cost more than keeping them up to date row by row.
var bulkMin = 2000

// bulkLoad is a large batch's way to write many customers. The search table buffers the batch's
// terms instead of flushing them every 1 MiB. When the batch is large beside the archive (a first
// import, or one at least half the size of what is there), the customers table's secondary indexes
// (never the unique ones, which check the rows, nor those the batch looks customers up by) and the
// per-row smart-tag trigger are dropped at the start of the batch and built once at its end, inside
// the same transaction, so a rollback, a crash or an undo sees the schema exactly as before.
// Inserting 100,000 rows into nine indexes one row at a time costs several times building them from
// the finished table in one sorted pass; into an archive ten times larger it costs less than
// rebuilding indexes over every row already there.
type bulkLoad struct {
	rebuild []string // the dropped objects' CREATE statements
	first   bool     // the archive was empty: the search table is merged into one segment at the end
}

// bulkTriggers are the per-row triggers on customers that bulkLoad replaces by one set-wise statement.
var bulkTriggers = map[string]string{
	"smart_customers_ins": `UPDATE smart_tag_state SET data_version = data_version + 1`,
}

// bulkKeep are the indexes a batch into a non-empty archive looks customers up by (a 推荐人 named
// by name): dropping them would make each look-up read the whole table.
var bulkKeep = map[string]bool{"customers_name": true}

// bulkPlan decides how a batch of rows into an archive of have customers loads; nil: row by row.
func bulkPlan(ctx context.Context, tx *sql.Tx, rows int, empty bool) (*bulkLoad, error) {
	if rows < bulkMin {
		return nil, nil
	}
	if empty {
		return startBulkLoad(ctx, tx, true, true)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers`).Scan(&have); err != nil {
		return nil, errs.Internal("count customers", err)
	}
	return startBulkLoad(ctx, tx, false, 2*rows >= have)
}

func startBulkLoad(ctx context.Context, tx *sql.Tx, first, dropIndexes bool) (*bulkLoad, error) {
	b := &bulkLoad{first: first}
	// A bigger buffer for the search table's pending terms (8 MiB does it as well as 16 MiB did, for
	// half the memory). A first import also stops merging segments as they come and merges them once
	// at the end (finish): that cuts the rows' cost by about a third. Into a large archive, one merge
	// of everything would rewrite the whole search table, so its merging goes on as usual.
	set := `INSERT INTO customer_grams (customer_grams, rank) VALUES ('hashsize', 8388608)`
	if first {
		set += `; INSERT INTO customer_grams (customer_grams, rank) VALUES ('automerge', 0)`
	}
	if _, err := tx.ExecContext(ctx, set); err != nil {
		return nil, errs.Internal("search table bulk settings", err)
	}
	if !dropIndexes {
		return b, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'customers'
		AND ((type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%') OR type = 'trigger') ORDER BY name`)
	if err != nil {
		return nil, errs.Internal("list customer indexes", err)
	}
	type object struct{ kind, name, sql string }
	var drop []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			rows.Close()
			return nil, errs.Internal("scan customer index", err)
		}
		if _, ok := bulkTriggers[o.name]; o.kind == "index" && (first || !bulkKeep[o.name]) || ok {
			drop = append(drop, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Internal("list customer indexes", err)
	}
	for _, o := range drop {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DROP %s "%s"`, strings.ToUpper(o.kind), o.name)); err != nil {
			return nil, errs.Internal("drop "+o.name, err)
		}
		b.rebuild = append(b.rebuild, o.sql)
	}
	return b, nil
}

// finish builds what start dropped and does the dropped triggers' work once.
func (b *bulkLoad) finish(ctx context.Context, tx *sql.Tx) error {
	for _, q := range b.rebuild {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return errs.Internal("rebuild customer index", err)
		}
	}
	for _, q := range bulkTriggers {
		if len(b.rebuild) == 0 {
			break // nothing was dropped: the triggers did their work row by row
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return errs.Internal("bulk trigger work", err)
		}
	}
	// FTS5's defaults back, after merging what a first import wrote into one segment.
	reset := `INSERT INTO customer_grams (customer_grams, rank) VALUES ('hashsize', 1048576)`
	if b.first {
		reset = `INSERT INTO customer_grams (customer_grams) VALUES ('optimize');
		INSERT INTO customer_grams (customer_grams, rank) VALUES ('hashsize', 1048576);
		INSERT INTO customer_grams (customer_grams, rank) VALUES ('automerge', 4)`
	}
	if _, err := tx.ExecContext(ctx, reset); err != nil {
		return errs.Internal("search table settings", err)
	}
	return nil
}
