// Package app is the only boundary the UI talks to. Its service structs are bound into the Wails
// window and served over HTTP by app/web, so both transports expose exactly the same methods.
package app

import (
	"context"
	"database/sql"
	"sync"

	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Emitter delivers events (progress of long work) to the UI: Wails events in the window, SSE in a browser.
type Emitter interface {
	Emit(name string, data any)
}

// Core is what every service shares: the database, who is acting, and the event emitter.
type Core struct {
	DB      *store.DB
	Events  Emitter
	Version string
	Demo    bool

	mu    sync.RWMutex
	ctx   context.Context
	actor *staff.Member
}

// NewCore prepares the services for db. The owner account acts until logins arrive.
func NewCore(ctx context.Context, db *store.DB, events Emitter) (*Core, error) {
	owner, err := staff.EnsureOwner(ctx, db)
	if err != nil {
		return nil, err
	}
	return &Core{DB: db, Events: events, ctx: ctx, actor: &owner}, nil
}

// Startup is called by the window once it exists; it replaces the context calls run under.
func (c *Core) Startup(ctx context.Context) {
	c.mu.Lock()
	c.ctx = ctx
	c.mu.Unlock()
}

func (c *Core) context() context.Context {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.ctx
}

// Actor is the staff member the current call acts as; every service method asks for it first.
func (c *Core) Actor() (staff.Member, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.actor == nil || !c.actor.Active {
		return staff.Member{}, errs.Forbidden("请先登录")
	}
	return *c.actor, nil
}

// write runs fn as the actor inside one transaction.
func (c *Core) write(fn func(ctx context.Context, tx *sql.Tx, actor staff.Member) error) error {
	actor, err := c.Actor()
	if err != nil {
		return err
	}
	ctx := c.context()
	return c.DB.WithTx(ctx, func(tx *sql.Tx) error { return fn(ctx, tx, actor) })
}

// read checks there is an actor and hands out the read pool.
func (c *Core) read() (context.Context, *sql.DB, error) {
	if _, err := c.Actor(); err != nil {
		return nil, nil, err
	}
	return c.context(), c.DB.R, nil
}

// Services lists the structs bound to the UI, in both transports.
func Services(c *Core) []any {
	return []any{&Customers{c}, &Members{c}, &Sales{c}, &Points{c}, &System{c}, &Sheets{c}}
}

// FormatError is the one place a Go error becomes what the UI receives.
func FormatError(err error) any { return errs.ToPayload(err) }
