package app

import (
	"context"
	"database/sql"

	"jiuke/backend/segments"
	"jiuke/backend/staff"
	"jiuke/backend/store"
	"jiuke/backend/tags"
)

// Tags is the tag service (标签): manual tags staff set, smart tags kept by rules.
type Tags struct{ core *Core }

// TagsProgress is emitted as "tags:progress" while smart tags are recomputed.
type TagsProgress = tags.Progress

func (s *Tags) List() ([]tags.Tag, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return tags.List(ctx, db)
}

// Of lists the tags one customer carries, for the chips on the customer page.
func (s *Tags) Of(customerID int64) ([]tags.Tag, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return tags.Of(ctx, db, customerID)
}

func (s *Tags) Save(id int64, in tags.Input) (out tags.Tag, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = tags.Save(ctx, tx, id, in); err != nil {
			return err
		}
		action := "修改标签"
		if id == 0 {
			action = "新建标签"
		}
		details := map[string]any{"colour": in.Colour, "group": in.Group}
		if in.Rule != nil {
			details["rule"] = segments.Describe(ctx, tx, *in.Rule)
		}
		return s.core.log(ctx, tx, a, action, "tag", out.ID, out.Name, details)
	})
	return out, err
}

func (s *Tags) Delete(id int64) (out tags.Tag, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = tags.Delete(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除标签", "tag", id, out.Name, map[string]int{"customers": out.Count})
	})
	return out, err
}

// BulkResult is how many customers a bulk action changed.
type BulkResult struct {
	Tag     tags.Tag `json:"tag"`
	Changed int      `json:"changed"`
}

// Apply puts a manual tag on the selected customers, all or nothing.
func (s *Tags) Apply(tagID int64, customerIDs []int64) (out BulkResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out.Tag, out.Changed, err = tags.Apply(ctx, tx, tagID, customerIDs); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "打标签", "tag", tagID, out.Tag.Name, map[string]any{"customerIds": customerIDs, "added": out.Changed})
	})
	return out, err
}

func (s *Tags) Remove(tagID int64, customerIDs []int64) (out BulkResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out.Tag, out.Changed, err = tags.Remove(ctx, tx, tagID, customerIDs); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "移除标签", "tag", tagID, out.Tag.Name, map[string]any{"customerIds": customerIDs, "removed": out.Changed})
	})
	return out, err
}

// Refresh recomputes the smart tags only if the data they read changed or the day turned since
// the last time; the tag and segment pages call it when they open. Reports whether it recomputed.
func (s *Tags) Refresh() (bool, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return false, err
	}
	if stale, err := tags.Stale(ctx, db); err != nil || !stale {
		return false, err
	}
	return true, s.recompute(false)
}

// Recompute recomputes every smart tag now, emitting "tags:progress" after each.
func (s *Tags) Recompute() error { return s.recompute(true) }

func (s *Tags) recompute(logIt bool) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		n, err := tags.RecomputeAll(ctx, tx, store.Today(), func(p tags.Progress) { s.core.Events.Emit("tags:progress", p) })
		if err != nil || !logIt {
			return err
		}
		return s.core.log(ctx, tx, a, "重算智能标签", "tag", 0, "智能标签", map[string]int{"tags": n})
	})
}
