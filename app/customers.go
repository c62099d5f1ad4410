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
	return customers.Search(ctx, db, text, 20, includeArchived)
}

func (s *Customers) List(q customers.ListQuery) (customers.ListPage, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return customers.ListPage{}, err
	}
	return customers.List(ctx, db, q)
}

func (s *Customers) Get(id int64) (customers.Customer, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return customers.Customer{}, err
	}
	return customers.Get(ctx, db, id)
}

func (s *Customers) Create(in customers.Input) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		if in.OwnerStaffID == 0 {
			in.OwnerStaffID = actor.ID
		}
		out, err = customers.Create(ctx, tx, in, actor.ID)
		return err
	})
	return out, err
}

func (s *Customers) Update(id int64, in customers.Input) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		out, err = customers.Update(ctx, tx, id, in)
		return err
	})
	return out, err
}

func (s *Customers) Archive(id int64, reason string) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		out, err = customers.Archive(ctx, tx, id, reason)
		return err
	})
	return out, err
}

func (s *Customers) Restore(id int64) (out customers.Customer, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		out, err = customers.Restore(ctx, tx, id)
		return err
	})
	return out, err
}

// PossibleDuplicates warns, while a form is filled in, about customers who may be the same person.
func (s *Customers) PossibleDuplicates(name, mobile, district string, excludeID int64) ([]customers.Candidate, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return customers.PossibleDuplicates(ctx, db, name, mobile, district, excludeID)
}

func (s *Customers) Merge(req customers.MergeRequest) (out customers.MergeResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		out, err = customers.Merge(ctx, tx, req, actor.ID)
		return err
	})
	return out, err
}

func (s *Customers) Merges(id int64) ([]customers.MergeRecord, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return customers.Merges(ctx, db, id)
}

func (s *Customers) FollowUps(customerID int64) ([]customers.FollowUp, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return customers.FollowUps(ctx, db, customerID)
}

func (s *Customers) AddFollowUp(in customers.FollowUpInput) (out customers.FollowUp, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		out, err = customers.AddFollowUp(ctx, tx, in, actor.ID)
		return err
	})
	return out, err
}

// Districts lists the districts in use, most common first (the UI adds the configured list).
func (s *Customers) Districts() ([]string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return customers.Districts(ctx, db)
}
