package sheets

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// finish settles what needed the whole file: referrers named by later rows, the batch's record, its
// failed rows (for the error report later), and the mapping to remember.
func (im *importer) finish(cols []Column) error {
	for _, p := range im.pending {
		if err := im.settleReferrer(p); err != nil {
			return err
		}
	}
	// A dry run is rolled back, dropped indexes with it: building them would be wasted.
	if im.bulkLoad != nil && !im.req.DryRun {
		if err := im.bulkLoad.finish(im.ctx, im.tx); err != nil {
			return err
		}
	}
	s := &im.res.Summary
	var maxAfter int64
	if err := im.tx.QueryRowContext(im.ctx, `SELECT COALESCE(MAX(id), 0) FROM customers`).Scan(&maxAfter); err != nil {
		return errs.Internal("import end", err)
	}
	var from, to any
	if maxAfter > im.maxBefore {
		from, to = im.maxBefore+1, maxAfter
	}
	if _, err := im.tx.ExecContext(im.ctx, `UPDATE import_batches SET read_rows=?, created=?, updated=?, merged=?, skipped=?, failed=?,
		created_from=?, created_to=?, finished_at=? WHERE id=?`, s.Read, s.Created, s.Updated, s.Merged, s.Skipped, s.Failed,
		from, to, store.Now(), im.batchID); err != nil {
		return errs.Internal("finish import batch", err)
	}
	if len(im.res.Failures) > 0 {
		st, err := im.tx.PrepareContext(im.ctx, `INSERT INTO import_failures (batch_id, row_no, reason, cells) VALUES (?,?,?,?)`)
		if err != nil {
			return errs.Internal("prepare failures", err)
		}
		defer st.Close()
		for _, f := range im.res.Failures {
			cells, _ := json.Marshal(f.Cells)
			if _, err := st.ExecContext(im.ctx, im.batchID, f.Row, f.Message, string(cells)); err != nil {
				return errs.Internal("save failed row", err)
			}
		}
	}
	if !im.req.DryRun {
		s.BatchID = im.batchID
		return rememberMappings(im.ctx, im.tx, cols)
	}
	return nil
}

// settleReferrer sets a referrer that only a later row (or nobody) could name. One that cannot be
// found, or would close a referral loop, is kept in the notes and reported.
func (im *importer) settleReferrer(p pendingRef) error {
	cur, err := customers.Get(im.ctx, im.tx, p.customerID)
	if err != nil {
		return err
	}
	in := inputOf(cur)
	if id := im.resolveReferrer(p.text); id != 0 && id != cur.ID {
		in.ReferrerID = id
		if _, err := customers.Update(im.ctx, im.tx, cur.ID, in); err == nil {
			return nil
		} else if errs.CodeOf(err) == errs.CodeInternal {
			return err
		}
		in.ReferrerID = 0
	}
	in.Notes = joinUnique([]string{in.Notes, "推荐人：" + p.text}, "；")
	if _, err := customers.Update(im.ctx, im.tx, cur.ID, in); err != nil && errs.CodeOf(err) == errs.CodeInternal {
		return err
	}
	im.warn(Issue{Row: p.row, Col: -1, Value: p.text, Reason: "推荐人未找到",
		Message: fmt.Sprintf("推荐人「%s」未找到、有重名或会形成推荐循环，未关联，已记入备注", p.text)})
	return nil
}

// rememberedMappings is every header the user has mapped before, by normalised header.
func rememberedMappings(ctx context.Context, q store.Querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT header, field FROM import_mappings`)
	if err != nil {
		return nil, errs.Internal("load mappings", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var h, f string
		if err := rows.Scan(&h, &f); err != nil {
			return nil, errs.Internal("scan mapping", err)
		}
		out[h] = f
	}
	return out, rows.Err()
}

// rememberMappings keeps each header's field, so the next file with these headers maps itself.
func rememberMappings(ctx context.Context, tx *sql.Tx, cols []Column) error {
	for _, c := range cols {
		k := headerKey(c.Header)
		if k == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_mappings (header, field, updated_at) VALUES (?,?,?)
			ON CONFLICT(header) DO UPDATE SET field = excluded.field, updated_at = excluded.updated_at`, k, c.Field, store.Now()); err != nil {
			return errs.Internal("remember mapping", err)
		}
	}
	return nil
}
