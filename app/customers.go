package app

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
	"jiuke/backend/staff"
)

// Customers is the customer archive service (客户档案).
type Customers struct{ core *Core }

func (s *Customers) Search(text string, includeArchived bool) ([]customers.Hit, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	hits, err := customers.Search(ctx, db, text, 20, includeArchived)
	return shown(s.core, hits, err)
}

func (s *Customers) List(q customers.ListQuery) (customers.ListPage, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return customers.ListPage{}, err
	}
	page, err := customers.List(ctx, db, q)
	return shown(s.core, page, err)
}

func (s *Customers) Get(id int64) (customers.Customer, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return customers.Customer{}, err
	}
	res, err := customers.Get(ctx, db, id)
	return shown(s.core, res, err)
}

func (s *Customers) Create(in customers.Input) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		if in.OwnerStaffID == 0 {
			in.OwnerStaffID = actor.ID
		}
		out, err = customers.Create(ctx, tx, in, actor.ID)
		return err
	})
	return shown(s.core, out, err)
}

func (s *Customers) Update(id int64, in customers.Input) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		// A clerk's form holds the masked numbers it was shown; those keep the stored ones.
		old, err := customers.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		in.Mobile, in.OtherPhone = unmasked(in.Mobile, old.Mobile), unmasked(in.OtherPhone, old.OtherPhone)
		out, err = customers.Update(ctx, tx, id, in)
		return err
	})
	return shown(s.core, out, err)
}

func (s *Customers) Archive(id int64, reason string) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = customers.Archive(ctx, tx, id, reason); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "停用客户", "customer", id, out.Name, map[string]string{"reason": out.ArchiveReason})
	})
	return shown(s.core, out, err)
}

func (s *Customers) Restore(id int64) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = customers.Restore(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "恢复客户", "customer", id, out.Name, nil)
	})
	return shown(s.core, out, err)
}

// Erase permanently removes a customer's personal data on their request; totals and this log line stay.
func (s *Customers) Erase(id int64) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = customers.Erase(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除个人信息", "customer", id, out.Name, nil)
	})
	return shown(s.core, out, err)
}

// PossibleDuplicates warns, while a form is filled in, about customers who may be the same person.
func (s *Customers) PossibleDuplicates(name, mobile, district, company string, excludeID int64) ([]customers.Candidate, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := customers.PossibleDuplicates(ctx, db, name, mobile, district, company, excludeID)
	return shown(s.core, res, err)
}

func (s *Customers) Merge(req customers.MergeRequest) (out customers.MergeResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		if out, err = customers.Merge(ctx, tx, req, actor.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, actor, "合并客户", "customer", req.SurvivorID, out.Survivor.Name,
			map[string]any{"mergedId": req.MergedID, "take": req.Take, "moved": out.Moved})
	})
	return shown(s.core, out, err)
}

func (s *Customers) Merges(id int64) ([]customers.MergeRecord, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := customers.Merges(ctx, db, id)
	return shown(s.core, res, err)
}

func (s *Customers) FollowUps(customerID int64) ([]customers.FollowUp, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := customers.FollowUps(ctx, db, customerID)
	return shown(s.core, res, err)
}

func (s *Customers) AddFollowUp(in customers.FollowUpInput) (out customers.FollowUp, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		out, err = customers.AddFollowUp(ctx, tx, in, actor.ID)
		return err
	})
	return shown(s.core, out, err)
}

// Districts lists the districts in use, most common first (the UI adds the configured list).
func (s *Customers) Districts() ([]string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return customers.Districts(ctx, db)
}
