package sheets

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiuke/backend/errs"
)

// bulkMin is the sheet size from which a first import (into an archive without customers) loads in
// bulk: below it, rebuilding the indexes would cost more than keeping them up to date row by row.
var bulkMin = 2000

// bulkLoad is a first import's way to write many customers: the customers table's secondary indexes
// (never the unique ones, which check the rows) and the per-row smart-tag trigger are dropped at the
// start of the batch and built once at its end, inside the same transaction, so a rollback, a crash
// or an undo sees the schema exactly as before. Inserting 100,000 rows into nine indexes one row at a
// time costs several times building them from the finished table in one sorted pass.
type bulkLoad struct {
	rebuild []string // the dropped objects' CREATE statements
}

// bulkTriggers are the per-row triggers on customers that bulkLoad replaces by one set-wise statement.
var bulkTriggers = map[string]string{
	"smart_customers_ins": `UPDATE smart_tag_state SET data_version = data_version + 1`,
}

func startBulkLoad(ctx context.Context, tx *sql.Tx) (*bulkLoad, error) {
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
		if _, ok := bulkTriggers[o.name]; o.kind == "index" || ok {
			drop = append(drop, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Internal("list customer indexes", err)
	}
	b := &bulkLoad{}
	// The search table's pending terms are flushed to a new segment every 1 MiB and segments merged as
	// they come: a bigger buffer and one merge at the end (finish) cut the rows' cost by about a third.
	if _, err := tx.ExecContext(ctx, `INSERT INTO customer_grams (customer_grams, rank) VALUES ('hashsize', 16777216);
		INSERT INTO customer_grams (customer_grams, rank) VALUES ('automerge', 0)`); err != nil {
		return nil, errs.Internal("search table bulk settings", err)
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
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return errs.Internal("bulk trigger work", err)
		}
	}
	// FTS5's defaults back, after merging what the batch wrote into one segment.
	if _, err := tx.ExecContext(ctx, `INSERT INTO customer_grams (customer_grams) VALUES ('optimize');
		INSERT INTO customer_grams (customer_grams, rank) VALUES ('hashsize', 1048576);
		INSERT INTO customer_grams (customer_grams, rank) VALUES ('automerge', 4)`); err != nil {
		return errs.Internal("search table settings", err)
	}
	return nil
}
