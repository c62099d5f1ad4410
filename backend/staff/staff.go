// Package staff owns the accounts every call acts as: the owner created on first run, managers and
// clerks, their PINs or passwords (bcrypt) and the pause after repeated wrong tries.
package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

type Role string

const (
	Owner   Role = "owner"
	Manager Role = "manager"
	Clerk   Role = "clerk"
)

// Member is a staff account as the UI sees it.
type Member struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	Active bool   `json:"active"`
	// SecretKind is "pin", "password", or "" before one is set.
	SecretKind string `json:"secretKind"`
}

// EnsureOwner returns the owner account, creating it on a fresh database.
func EnsureOwner(ctx context.Context, db *store.DB) (Member, error) {
	var m Member
	err := db.W.QueryRowContext(ctx, `SELECT id, name, role, active, secret_kind FROM staff WHERE role = 'owner' ORDER BY id LIMIT 1`).
		Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.SecretKind)
	if err == nil {
		return m, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return m, errs.Internal("load owner", err)
	}
	res, err := db.W.ExecContext(ctx, `INSERT INTO staff (name, role, created_at) VALUES ('店主', 'owner', ?)`, store.Now())
	if err != nil {
		return m, errs.Internal("create owner", err)
	}
	id, _ := res.LastInsertId()
	return Member{ID: id, Name: "店主", Role: Owner, Active: true}, nil
}

// OwnerOf returns the owner account, inside a transaction or not.
func OwnerOf(ctx context.Context, q store.Querier) (Member, error) {
	var m Member
	err := q.QueryRowContext(ctx, `SELECT id, name, role, active, secret_kind FROM staff WHERE role = 'owner' ORDER BY id LIMIT 1`).
		Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.SecretKind)
	if err != nil {
		return m, errs.Internal("load owner", err)
	}
	return m, nil
}

// Get loads one staff member.
func Get(ctx context.Context, q store.Querier, id int64) (Member, error) {
	var m Member
	err := q.QueryRowContext(ctx, `SELECT id, name, role, active, secret_kind FROM staff WHERE id = ?`, id).Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.SecretKind)
	if errors.Is(err, sql.ErrNoRows) {
		return m, errs.NotFound(fmt.Sprintf("员工 #%d 不存在", id))
	}
	if err != nil {
		return m, errs.Internal("load staff", err)
	}
	return m, nil
}

// List returns the active staff, for the sign-in picker, owner pickers and filters.
func List(ctx context.Context, q store.Querier) ([]Member, error) {
	return list(ctx, q, `WHERE active = 1`)
}

// ListAll includes deactivated accounts, for the staff page.
func ListAll(ctx context.Context, q store.Querier) ([]Member, error) {
	return list(ctx, q, ``)
}

func list(ctx context.Context, q store.Querier, where string) ([]Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, role, active, secret_kind FROM staff `+where+` ORDER BY id`)
	if err != nil {
		return nil, errs.Internal("list staff", err)
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.SecretKind); err != nil {
			return nil, errs.Internal("scan staff", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
