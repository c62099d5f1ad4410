package sheets

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Batch is one finished import, as the import history lists it.
type Batch struct {
	ID          int64  `json:"id"`
	FileName    string `json:"fileName"`
	Sheet       string `json:"sheet"`
	OnDuplicate string `json:"onDuplicate"`
	Read        int    `json:"read"`
	Created     int    `json:"created"`
	Updated     int    `json:"updated"`
	Merged      int    `json:"merged"`
	Skipped     int    `json:"skipped"`
	Failed      int    `json:"failed"`
	StaffName   string `json:"staffName"`
	StartedAt   string `json:"startedAt"`
	FinishedAt  string `json:"finishedAt"`
	UndoneAt    string `json:"undoneAt"`
	UndoneBy    string `json:"undoneBy"`
	// What undo needs; not shown.
	headers                []string
	marks                  marks
	createdFrom, createdTo int64
}

const batchCols = `b.id, b.file_name, b.sheet, b.policy, b.read_rows, b.created, b.updated, b.merged, b.skipped, b.failed,
	COALESCE(s.name, ''), b.started_at, b.finished_at, COALESCE(b.undone_at, ''), COALESCE(u.name, ''), b.headers, b.marks,
	COALESCE(b.created_from, 0), COALESCE(b.created_to, -1)
	FROM import_batches b LEFT JOIN staff s ON s.id = b.staff_id LEFT JOIN staff u ON u.id = b.undone_by`

func scanBatch(row interface{ Scan(...any) error }) (Batch, error) {
	var b Batch
	var headers, marks string
	err := row.Scan(&b.ID, &b.FileName, &b.Sheet, &b.OnDuplicate, &b.Read, &b.Created, &b.Updated, &b.Merged, &b.Skipped, &b.Failed,
		&b.StaffName, &b.StartedAt, &b.FinishedAt, &b.UndoneAt, &b.UndoneBy, &headers, &marks, &b.createdFrom, &b.createdTo)
	if err == nil {
		err = errors.Join(json.Unmarshal([]byte(headers), &b.headers), json.Unmarshal([]byte(marks), &b.marks))
	}
	return b, err
}

// Batches lists the imports, newest first.
func Batches(ctx context.Context, q store.Querier, limit int) ([]Batch, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := q.QueryContext(ctx, `SELECT `+batchCols+` ORDER BY b.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, errs.Internal("list import batches", err)
	}
	defer rows.Close()
	out := []Batch{}
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, errs.Internal("scan import batch", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// GetBatch loads one import.
func GetBatch(ctx context.Context, q store.Querier, id int64) (Batch, error) {
	b, err := scanBatch(q.QueryRowContext(ctx, `SELECT `+batchCols+` WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, errs.NotFound(fmt.Sprintf("导入批次 #%d 不存在", id))
	}
	if err != nil {
		return b, errs.Internal("load import batch", err)
	}
	return b, nil
}

// BatchFailures is a batch's failed rows with their original cells, for its error report.
func BatchFailures(ctx context.Context, q store.Querier, id int64) (*Result, error) {
	b, err := GetBatch(ctx, q, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT row_no, reason, cells FROM import_failures WHERE batch_id = ? ORDER BY row_no`, id)
	if err != nil {
		return nil, errs.Internal("load failed rows", err)
	}
	defer rows.Close()
	res := &Result{Header: b.headers, Summary: Summary{BatchID: id, FileName: b.FileName, Sheet: b.Sheet}}
	for rows.Next() {
		var f Failure
		var cells string
		if err := rows.Scan(&f.Row, &f.Message, &cells); err != nil {
			return nil, errs.Internal("scan failed row", err)
		}
		if err := json.Unmarshal([]byte(cells), &f.Cells); err != nil {
			return nil, errs.Internal("failed row cells", err)
		}
		res.Failures = append(res.Failures, f)
	}
	return res, rows.Err()
}
