package segments

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Segment is a saved definition (客群) with its name.
type Segment struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Definition  Node   `json:"definition"`
	Count       int    `json:"count"`
	UpdatedAt   string `json:"updatedAt"`
}

type Input struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Definition  Node   `json:"definition"`
}

// base keeps segments to customers staff can still invite: archived and merged records never count.
const base = `SELECT c.id FROM customers c WHERE c.archived = 0 AND `

// Filter is the saved segment's condition over customers aliased c, for lists and exports.
func Filter(ctx context.Context, q store.Querier, id int64) (string, []any, error) {
	s, err := Get(ctx, q, id)
	if err != nil {
		return "", nil, err
	}
	if err := Validate(s.Definition); err != nil {
		return "", nil, err
	}
	where, args := Where(s.Definition, store.Today())
	return where, args, nil
}

// CustomerIDs are the active customers in saved segment id, in id order: events invite them,
// communities gather them.
func CustomerIDs(ctx context.Context, q store.Querier, id int64) ([]int64, error) {
	where, args, err := Filter(ctx, q, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, base+where+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, errs.Internal("segment customers", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Internal("scan segment customer", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func scan(row interface{ Scan(...any) error }) (Segment, error) {
	var s Segment
	var def string
	if err := row.Scan(&s.ID, &s.Name, &s.Description, &def, &s.UpdatedAt); err != nil {
		return s, err
	}
	return s, json.Unmarshal([]byte(def), &s.Definition)
}

const cols = `SELECT id, name, description, definition, updated_at FROM segments`

func Get(ctx context.Context, q store.Querier, id int64) (Segment, error) {
	s, err := scan(q.QueryRowContext(ctx, cols+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, errs.NotFound("客群不存在")
	}
	if err != nil {
		return s, errs.Internal("get segment", err)
	}
	return s, nil
}

// FindByName resolves what a user typed on the command line: a saved segment's name or id.
func FindByName(ctx context.Context, q store.Querier, nameOrID string) (Segment, error) {
	s, err := scan(q.QueryRowContext(ctx, cols+` WHERE name = ? OR CAST(id AS TEXT) = ? ORDER BY name = ? DESC LIMIT 1`, nameOrID, nameOrID, nameOrID))
	if errors.Is(err, sql.ErrNoRows) {
		return s, errs.NotFound("没有名为“" + nameOrID + "”的客群")
	}
	if err != nil {
		return s, errs.Internal("find segment", err)
	}
	return s, nil
}

// List returns the saved segments with their current counts, by name.
func List(ctx context.Context, q store.Querier) ([]Segment, error) {
	rows, err := q.QueryContext(ctx, cols+` ORDER BY name`)
	if err != nil {
		return nil, errs.Internal("list segments", err)
	}
	out := []Segment{}
	for rows.Next() {
		s, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, errs.Internal("scan segment", err)
		}
		out = append(out, s)
	}
	rows.Close()
	for i := range out {
		if out[i].Count, err = Count(ctx, q, out[i].Definition); err != nil {
			out[i].Count = -1 // a definition naming a since-deleted tag still lists, to be fixed
		}
	}
	return out, rows.Err()
}

func check(in *Input) error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return errs.Invalid("name", "请填写客群名称")
	}
	if utf8.RuneCountInString(in.Name) > 30 {
		return errs.Invalid("name", "客群名称不能超过30个字")
	}
	return Validate(in.Definition)
}

// Save creates (id 0) or updates a segment; a name already used is refused.
func Save(ctx context.Context, tx *sql.Tx, id int64, in Input, staffID int64) (Segment, error) {
	if err := check(&in); err != nil {
		return Segment{}, err
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM segments WHERE name = ? AND id != ?`, in.Name, id).Scan(&other)
	if err == nil {
		return Segment{}, errs.Conflict("name", "已有名为“"+in.Name+"”的客群", nil)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Segment{}, errs.Internal("check segment name", err)
	}
	def, _ := json.Marshal(in.Definition)
	now := store.Now()
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO segments (name, description, definition, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, in.Name, in.Description, string(def), store.Nullable(staffID), now, now)
		if err != nil {
			return Segment{}, errs.Internal("insert segment", err)
		}
		id, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE segments SET name = ?, description = ?, definition = ?, updated_at = ? WHERE id = ?`,
			in.Name, in.Description, string(def), now, id)
		if err != nil {
			return Segment{}, errs.Internal("update segment", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Segment{}, errs.NotFound("客群不存在")
		}
	}
	s, err := Get(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.Count, err = Count(ctx, tx, s.Definition)
	return s, err
}

func Delete(ctx context.Context, tx *sql.Tx, id int64) (Segment, error) {
	s, err := Get(ctx, tx, id)
	if err != nil {
		return s, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM segments WHERE id = ?`, id); err != nil {
		return s, errs.Internal("delete segment", err)
	}
	return s, nil
}
