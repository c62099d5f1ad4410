package app

import (
	"context"
	"database/sql"

	"jiuke/backend/customers"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// System answers what the frame needs: shop, current staff, choices for forms; and saves settings.
type System struct{ core *Core }

// Info is what the app frame shows and the forms offer.
type Info struct {
	Shop     settings.Shop  `json:"shop"`
	Actor    staff.Member   `json:"actor"`
	Staff    []staff.Member `json:"staff"`
	Version  string         `json:"version"`
	DBPath   string         `json:"dbPath"`
	Demo     bool           `json:"demo"`
	Sources  []string       `json:"sources"`
	Channels []string       `json:"channels"`
	Today    string         `json:"today"`
}

func (s *System) Info() (Info, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return Info{}, err
	}
	actor, _ := s.core.Actor()
	shop, err := settings.Load(ctx, db)
	if err != nil {
		return Info{}, err
	}
	members, err := staff.List(ctx, db)
	if err != nil {
		return Info{}, err
	}
	return Info{Shop: shop, Actor: actor, Staff: members, Version: s.core.Version, DBPath: s.core.DB.Path,
		Demo: s.core.Demo, Sources: customers.Sources, Channels: customers.Channels, Today: store.Today()}, nil
}

func (s *System) SaveShop(in settings.Shop) (out settings.Shop, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		out, err = settings.Save(ctx, tx, in)
		return err
	})
	return out, err
}
