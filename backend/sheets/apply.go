package sheets

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/store"
)

// seen is a customer a row matched: one this batch created or touched (row > 0), or one in the archive.
type seen struct {
	id   int64
	row  int
	name string
}

func (s seen) who() string {
	if s.row > 0 {
		return fmt.Sprintf("第 %d 行的「%s」", s.row, s.name)
	}
	return fmt.Sprintf("已有客户「%s」", s.name)
}

type pendingRef struct {
	row        int
	customerID int64
	text       string
}

// importer applies rows in one transaction and keeps what the batch has done so far.
type importer struct {
	ctx       context.Context
	tx        *sql.Tx
	req       Request
	header    []string
	cols      []Column
	batchID   int64
	maxBefore int64 // customers with a higher id were created by this batch
	// With an empty archive (the usual first import) only the file itself can hold duplicates.
	archiveEmpty bool
	hasCards     bool
	referrers    bool // the sheet has a 推荐人 column
	cacheSize    int64
	tempStore    int64
	bulk         *customers.Bulk
	bulkLoad     *bulkLoad // set for a large batch (see bulkLoad)
	mobileStmt   *sql.Stmt
	cardStmt     *sql.Stmt
	byMobile     map[string]seen
	byCard       map[string]seen
	byName       map[string]int64 // 0: two customers of the batch share the name
	touched      map[int64]bool   // existing customers whose "before" is saved
	levels       []members.Level
	pending      []pendingRef
	res          *Result
}

func newImporter(ctx context.Context, tx *sql.Tx, req Request, sr *sheetReader, cols []Column, levels []members.Level) (*importer, error) {
	im := &importer{ctx: ctx, tx: tx, req: req, header: sr.header, cols: cols, levels: levels,
		byMobile: map[string]seen{}, byCard: map[string]seen{}, byName: map[string]int64{}, touched: map[int64]bool{},
		res: &Result{Header: sr.header, Summary: Summary{DryRun: req.DryRun, FileName: req.FileName, Sheet: req.Sheet,
			HeaderRow: sr.headerRow, OnDuplicate: req.OnDuplicate, FailedBy: []ReasonCount{}, SkippedBy: []ReasonCount{},
			WarningsBy: []ReasonCount{}, SubtotalRows: []int{}, Failures: []Issue{}, Skips: []Issue{}, Warnings: []Issue{}}}}
	im.referrers = slices.ContainsFunc(cols, func(c Column) bool { return c.Field == "referrer" })
	headers, _ := json.Marshal(sr.header)
	var m marks
	if err := tx.QueryRowContext(ctx, marksQuery).Scan(&m.Points, &m.Purchases, &m.FollowUps, &m.LevelChanges, &m.Redemptions,
		&m.Merges, &m.Cards, &m.Wallet, &m.Wine, &m.Coupons); err != nil {
		return nil, errs.Internal("import marks", err)
	}
	marksJSON, _ := json.Marshal(m)
	ts := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (file_name, sheet, policy, headers, marks, staff_id, started_at, finished_at)
		VALUES (?,?,?,?,?,?,?,?)`, req.FileName, req.Sheet, req.OnDuplicate, string(headers), string(marksJSON), store.Nullable(req.StaffID), ts, ts)
	if err != nil {
		return nil, errs.Internal("insert import batch", err)
	}
	im.batchID, _ = res.LastInsertId()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), EXISTS (SELECT 1 FROM cards) FROM customers`).Scan(&im.maxBefore, &im.hasCards); err != nil {
		return nil, errs.Internal("import start", err)
	}
	im.archiveEmpty = im.maxBefore == 0
	if im.bulkLoad, err = bulkPlan(ctx, tx, sr.rs.Total(), im.archiveEmpty); err != nil {
		return nil, err
	}
	if im.mobileStmt, err = tx.PrepareContext(ctx, `SELECT id, name FROM customers WHERE mobile = ?`); err != nil {
		return nil, errs.Internal("prepare mobile lookup", err)
	}
	if im.cardStmt, err = tx.PrepareContext(ctx, `SELECT k.customer_id, c.name FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.number = ?`); err != nil {
		return nil, errs.Internal("prepare card lookup", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT cache_size, temp_store FROM pragma_cache_size, pragma_temp_store`).Scan(&im.cacheSize, &im.tempStore); err != nil {
		return nil, errs.Internal("read cache size", err)
	}
	if im.bulk, err = customers.NewBulk(ctx, tx, req.StaffID); err != nil {
		return nil, err
	}
	// One transaction of many rows touches every page of the customer indexes: with SQLite's default
	// 2 MiB page cache they spill and reload for each row, and each row's savepoint copies the pages
	// it touches to a temp file. A 64 MiB cache and savepoints in memory halve the import's time each;
	// close puts the connection's settings back. A first import's bulk load has dropped the indexes it
	// would need the cache for (only the unique ones and the search table's pending terms remain):
	// 8 MiB is as quick there and keeps the import's memory near what reading the file costs.
	cache := 65536
	if im.bulkLoad != nil && im.bulkLoad.first {
		cache = 8192
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d; PRAGMA temp_store = MEMORY`, cache)); err != nil {
		im.bulk.Close()
		return nil, errs.Internal("set cache size", err)
	}
	return im, nil
}

func (im *importer) close() {
	im.tx.ExecContext(context.WithoutCancel(im.ctx), fmt.Sprintf(`PRAGMA cache_size = %d; PRAGMA temp_store = %d`, im.cacheSize, im.tempStore))
	im.bulk.Close()
	im.mobileStmt.Close()
	im.cardStmt.Close()
}

// rowFailure is a problem that fails one row (as opposed to an error that stops the import).
type rowFailure struct{ Issue }

func (f *rowFailure) Error() string { return f.Message }

// asRowFailure turns what a domain function refused into the row's failure; internal errors stay fatal.
func (im *importer) asRowFailure(r record, err error) error {
	var e *errs.Error
	if !errors.As(err, &e) || e.Code == errs.CodeInternal {
		return err
	}
	field, _ := fieldByKey(e.Field)
	is := Issue{Row: r.row, Col: -1, Reason: "数据有误", Message: e.Message}
	if field.Label != "" {
		is.Reason = field.Label + "有误"
		is.Message = field.Label + "：" + e.Message
	}
	for _, c := range im.cols {
		if c.Field == e.Field && e.Field != "" {
			is.Col, is.Column = c.Index, c.Header
			if c.Index < len(r.cells) {
				is.Value = r.cells[c.Index]
			}
		}
	}
	return &rowFailure{is}
}

func (im *importer) apply(r record) error {
	s := &im.res.Summary
	if r.subtotal {
		s.SubtotalRows = append(s.SubtotalRows, r.row)
		return nil
	}
	s.Read++
	for _, w := range r.issues {
		im.warn(w)
	}
	if r.fail != nil {
		im.fail(r, *r.fail)
		return nil
	}
	match, by, err := im.find(r)
	if err == nil {
		switch {
		case match.id == 0:
			err = im.create(r)
		case im.req.OnDuplicate == PolicySkip:
			im.skip(r, match, by)
		default:
			err = im.update(r, match)
		}
	}
	var f *rowFailure
	if errors.As(err, &f) {
		im.fail(r, f.Issue)
		return nil
	}
	return err
}

// find looks for the customer a row is a duplicate of, by mobile and by card number.
func (im *importer) find(r record) (seen, string, error) {
	var byM, byC seen
	if m := r.in.Mobile; m != "" {
		if s, ok := im.byMobile[m]; ok {
			byM = s
		} else if !im.archiveEmpty {
			if err := im.mobileStmt.QueryRowContext(im.ctx, m).Scan(&byM.id, &byM.name); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return seen{}, "", errs.Internal("find by mobile", err)
			}
		}
	}
	if r.card != "" {
		if s, ok := im.byCard[r.card]; ok {
			byC = s
		} else if im.hasCards {
			if err := im.cardStmt.QueryRowContext(im.ctx, r.card).Scan(&byC.id, &byC.name); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return seen{}, "", errs.Internal("find by card", err)
			}
		}
	}
	switch {
	case byM.id != 0 && byC.id != 0 && byM.id != byC.id:
		return seen{}, "", &rowFailure{Issue{Row: r.row, Col: -1, Reason: "手机号与会员卡号属于不同客户",
			Message: fmt.Sprintf("手机号 %s 属于%s，会员卡号 %s 却属于%s，请核对", r.in.Mobile, byM.who(), r.card, byC.who())}}
	case byM.id != 0:
		return byM, "手机号 " + r.in.Mobile, nil
	case byC.id != 0:
		return byC, "会员卡号 " + r.card, nil
	}
	return seen{}, "", nil
}

func (im *importer) savepoint(fn func() error) error {
	if _, err := im.tx.ExecContext(im.ctx, `SAVEPOINT import_row`); err != nil {
		return errs.Internal("savepoint", err)
	}
	if err := fn(); err != nil {
		if _, rbErr := im.tx.ExecContext(im.ctx, `ROLLBACK TO import_row`); rbErr != nil {
			return errs.Internal("rollback row", rbErr)
		}
		im.tx.ExecContext(im.ctx, `RELEASE import_row`)
		return err
	}
	if _, err := im.tx.ExecContext(im.ctx, `RELEASE import_row`); err != nil {
		return errs.Internal("release savepoint", err)
	}
	return nil
}

// create adds a new customer through the bulk statements. No savepoint is needed: every row problem
// is found before the first write (parsing checked what the extras need and prepared the customer as
// Create validates it), so an error after that is internal and stops the whole import.
func (im *importer) create(r record) error {
	refID := im.resolveReferrer(r.referrer)
	id, err := im.bulk.AddPrepared(r.prep, refID)
	if err != nil {
		return im.asRowFailure(r, err)
	}
	if err := im.extras(id, r, "create"); err != nil {
		var f *rowFailure
		if errors.As(err, &f) {
			return errs.Internal("import extras", err)
		}
		return err
	}
	if r.referrer != "" && refID == 0 {
		im.pending = append(im.pending, pendingRef{row: r.row, customerID: id, text: r.referrer})
	}
	im.remember(r, id, r.prep.Name())
	im.res.Summary.Created++
	return nil
}

// update applies the duplicate policy to a customer the row matched.
func (im *importer) update(r record, match seen) error {
	err := im.savepoint(func() error {
		cur, err := customers.Get(im.ctx, im.tx, match.id)
		if err != nil {
			return err
		}
		if cur.MergedIntoID != 0 {
			return &rowFailure{Issue{Row: r.row, Col: -1, Reason: "重复的客户已被合并", Message: fmt.Sprintf("匹配到的客户「%s」已合并到另一位客户，请核对", cur.Name)}}
		}
		if err := im.saveBefore(cur); err != nil {
			return err
		}
		in := combine(cur, r.in, im.req.OnDuplicate)
		if r.referrer != "" && (cur.ReferrerID == 0 || im.req.OnDuplicate == PolicyOverwrite) {
			if id := im.resolveReferrer(r.referrer); id != 0 && id != cur.ID {
				in.ReferrerID = id
			}
		}
		if _, err := customers.Update(im.ctx, im.tx, cur.ID, in); err != nil {
			return im.asRowFailure(r, err)
		}
		return im.extras(cur.ID, r, im.req.OnDuplicate)
	})
	if err != nil {
		return err
	}
	im.remember(r, match.id, match.name)
	if im.req.OnDuplicate == PolicyMerge {
		im.res.Summary.Merged++
	} else {
		im.res.Summary.Updated++
	}
	return nil
}

// saveBefore keeps what an existing customer looked like before this batch first changed it.
func (im *importer) saveBefore(cur customers.Customer) error {
	if cur.ID > im.maxBefore || im.touched[cur.ID] {
		return nil
	}
	m, isMember, err := members.Get(im.ctx, im.tx, cur.ID)
	if err != nil {
		return err
	}
	b := before{Input: inputOf(cur)}
	if isMember {
		b.LevelID, b.LevelSince = m.LevelID, m.LevelSince
	}
	data, _ := json.Marshal(b)
	action := "updated"
	if im.req.OnDuplicate == PolicyMerge {
		action = "merged"
	}
	if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO import_changes (batch_id, customer_id, action, before) VALUES (?,?,?,?)`,
		im.batchID, cur.ID, action, string(data)); err != nil {
		return errs.Internal("save customer before import", err)
	}
	im.touched[cur.ID] = true
	return nil
}

// before is a changed customer as it was, for undo.
type before struct {
	Input      customers.Input `json:"input"`
	LevelID    int64           `json:"levelId"` // 0: was not a member
	LevelSince string          `json:"levelSince"`
}

func (im *importer) remember(r record, id int64, name string) {
	at := seen{id: id, row: r.row, name: name}
	if m := r.in.Mobile; m != "" {
		if _, ok := im.byMobile[m]; !ok {
			im.byMobile[m] = at
		}
	}
	if r.card != "" {
		if _, ok := im.byCard[r.card]; !ok {
			im.byCard[r.card] = at
		}
	}
	if !im.referrers {
		return // names are only looked up for a 推荐人 column
	}
	if prev, ok := im.byName[name]; ok && prev != id {
		im.byName[name] = 0
	} else {
		im.byName[name] = id
	}
}

func (im *importer) warn(is Issue) {
	s := &im.res.Summary
	s.WarningCount++
	s.WarningsBy = count(s.WarningsBy, is.Reason, is.Row)
	if len(s.Warnings) < listCap*2 {
		s.Warnings = append(s.Warnings, is)
	}
}

func (im *importer) fail(r record, is Issue) {
	s := &im.res.Summary
	s.Failed++
	s.FailedBy = count(s.FailedBy, is.Reason, is.Row)
	if len(s.Failures) < listCap {
		s.Failures = append(s.Failures, is)
	}
	im.res.Failures = append(im.res.Failures, Failure{Issue: is, Cells: r.cells})
}

func (im *importer) skip(r record, match seen, by string) {
	s := &im.res.Summary
	reason := "与已有客户重复"
	if match.row > 0 {
		reason = "与文件中前面的行重复"
	}
	s.Skipped++
	s.SkippedBy = count(s.SkippedBy, reason, r.row)
	if len(s.Skips) < listCap {
		s.Skips = append(s.Skips, Issue{Row: r.row, Col: -1, Reason: reason, Message: fmt.Sprintf("%s 与%s重复，已跳过", by, match.who())})
	}
}
