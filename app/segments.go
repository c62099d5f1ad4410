package app

import (
	"context"
	"database/sql"

	"jiuke/backend/segments"
	"jiuke/backend/staff"
)

// Segments is the segment service (客群): build, count, save and reuse groups of customers.
type Segments struct{ core *Core }

func (s *Segments) List() ([]segments.Segment, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return segments.List(ctx, db)
}

func (s *Segments) Get(id int64) (segments.Segment, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return segments.Segment{}, err
	}
	return segments.Get(ctx, db, id)
}

// Count is the live count while a definition is edited.
func (s *Segments) Count(def segments.Node) (int, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return 0, err
	}
	return segments.Count(ctx, db, def)
}

func (s *Segments) Save(id int64, in segments.Input) (out segments.Segment, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = segments.Save(ctx, tx, id, in, a.ID); err != nil {
			return err
		}
		action := "修改客群"
		if id == 0 {
			action = "新建客群"
		}
		return s.core.log(ctx, tx, a, action, "segment", out.ID, out.Name, map[string]any{"count": out.Count, "definition": segments.Describe(ctx, tx, in.Definition)})
	})
	return out, err
}

func (s *Segments) Delete(id int64) (out segments.Segment, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = segments.Delete(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除客群", "segment", id, out.Name, nil)
	})
	return out, err
}
