package app

import (
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/customers"
	"jiuke/backend/demo"
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
	// DemoHint tells how to sign in to the demo database; empty for a real archive.
	DemoHint string `json:"demoHint"`
	// Health is the integrity check's state: checking after start, then ok or failed (every write
	// refused, with what to do). Shown before sign-in too: the owner must learn it first.
	Health store.Health `json:"health"`
}

// Info answers a browser that has not signed in with only what the sign-in screen shows (shop name,
// version, the demo hint); the staff, the choices and, for the owner, the database file come after
// sign-in.
func (s *System) Info() (Info, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return Info{}, err
	}
	actor := s.core.actor()
	shop, err := settings.Load(ctx, db)
	if err != nil {
		return Info{}, err
	}
	info := Info{Shop: settings.Shop{Name: shop.Name, Districts: []string{}}, Staff: []staff.Member{}, Version: s.core.Version,
		Demo: s.core.Demo, Sources: []string{}, Channels: []string{}, Today: store.Today(), Health: s.core.DB.Health()}
	if s.core.Demo {
		info.DemoHint = "演示账号：王老板 密码 " + demo.OwnerPassword + "；店长和店员 PIN " + demo.StaffPIN
	}
	if actor.ID == 0 {
		return info, nil
	}
	if info.Staff, err = staff.List(ctx, db); err != nil {
		return Info{}, err
	}
	info.Shop, info.Actor, info.Sources, info.Channels = shop, actor, customers.Sources, customers.Channels
	if actor.Role == staff.Owner {
		info.DBPath = s.core.DB.Path
	}
	return info, nil
}

func (s *System) SaveShop(in settings.Shop) (out settings.Shop, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := settings.Load(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = settings.Save(ctx, tx, in); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改店铺设置", "rules", 0, "店铺设置", audit.Change{Old: old, New: out})
	})
	return out, err
}
