// Package app is the only boundary the UI talks to. Its service structs are bound into the Wails
// window and served over HTTP by app/web, so both transports expose exactly the same methods.
package app

import (
	"context"
	"database/sql"
	"log"
	"sync"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/sheets/workbook"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Emitter delivers events (progress of long work) to the UI: Wails events in the window, SSE in a browser.
type Emitter interface {
	Emit(name string, data any)
}

// Core is what every service shares: the database, the event emitter, and the session of whoever
// sits at this window or browser.
type Core struct {
	DB      *store.DB
	Events  Emitter
	Version string
	Demo    bool
	// IdleLock locks the session after this long without a call; 0 never locks.
	IdleLock time.Duration
	// LAN serves the app to the shop network when the owner turns it on; nil where unsupported.
	LAN LANServer

	base *baseContext
	sess *Session
	// checked closes when the integrity check after start is done (see CheckInBackground).
	checked chan struct{}
	// dialogs are the window's native pickers (or the command line's paths); nil for every browser.
	dialogs Dialogs
	// seat marks a Core made by ForSession: a browser's seat, which never gets dialogs.
	seat bool
}

type baseContext struct {
	mu  sync.RWMutex
	ctx context.Context
}

// Session is one signed-in seat: the desktop window, or one browser on the shop network.
type Session struct {
	mu       sync.Mutex
	actor    *staff.Member
	locked   bool
	lastSeen time.Time
	// approval lets a clerk make one manager-only call after a manager entered their PIN on the spot;
	// the gate spends it on that call.
	approval *approval
	// files are this seat's opened import files, running import jobs and their results: one seat
	// cannot close, read or cancel another's.
	files *sheets.Registry
}

func newSession() *Session { return &Session{files: sheets.NewRegistry()} }

type approval struct {
	by    staff.Member
	until time.Time
}

// approvalWindow is how long a manager's on-the-spot PIN stays good for the clerk's next call.
const approvalWindow = 2 * time.Minute

// NewCore prepares the services for db. Nobody is signed in yet: the UI shows the first-start setup
// or the sign-in screen.
func NewCore(ctx context.Context, db *store.DB, events Emitter) (*Core, error) {
	if _, err := staff.EnsureOwner(ctx, db); err != nil {
		return nil, err
	}
	if err := replayTrail(ctx, db); err != nil {
		return nil, err
	}
	// An export killed mid-way leaves its row spool in the temp folder; take it at the next start.
	workbook.SweepLeftovers(time.Hour)
	if err := sweepCoupons(ctx, db); err != nil {
		return nil, err
	}
	return &Core{DB: db, Events: events, IdleLock: 15 * time.Minute, base: &baseContext{ctx: ctx}, sess: newSession()}, nil
}

// ForSession is a Core for another seat (a browser): same database and events, its own sign-in and
// open files, and never the window's dialogs, whenever it is made: a phone on the shop network must
// not open dialogs on the shop PC or write files where they point.
func (c *Core) ForSession() *Core {
	cp := *c
	cp.sess = newSession()
	cp.dialogs, cp.seat = nil, true
	return &cp
}

// UseDialogs gives this Core (the window's own seat, or the command line) its file dialogs. A seat
// made by ForSession refuses them.
func (c *Core) UseDialogs(d Dialogs) {
	if c.seat {
		panic("app: a browser seat cannot have native dialogs")
	}
	c.dialogs = d
}

// Startup is called by the window once it exists; it replaces the context calls run under.
func (c *Core) Startup(ctx context.Context) {
	c.base.mu.Lock()
	c.base.ctx = ctx
	c.base.mu.Unlock()
}

func (c *Core) context() context.Context {
	c.base.mu.RLock()
	defer c.base.mu.RUnlock()
	return c.base.ctx
}

type approvedKey struct{}

// approvedBy names the manager who approved the current call, if one had to.
func approvedBy(ctx context.Context) string {
	s, _ := ctx.Value(approvedKey{}).(string)
	return s
}

// pass is one trip through the permission gate: who is acting and, when a clerk spent a manager's
// approval on it, that manager. A bound method passes the gate once (read, write or check do it); a
// method that must check before long work and write after takes a pass and hands it to writeAs, so
// one approval still covers the whole call and nothing more.
type pass struct {
	actor staff.Member
	by    string
}

// gate passes the caller's permission rule once.
func (c *Core) gate() (pass, error) {
	actor, by, err := c.begin(callerMethod())
	return pass{actor: actor, by: by}, err
}

// write runs fn as the signed-in actor inside one transaction, after the caller's permission rule.
func (c *Core) write(fn func(ctx context.Context, tx *sql.Tx, actor staff.Member) error) error {
	p, err := c.gate()
	if err != nil {
		return err
	}
	return c.writeAs(p, fn)
}

// writeAs is write for a call that already passed the gate.
func (c *Core) writeAs(p pass, fn func(ctx context.Context, tx *sql.Tx, actor staff.Member) error) error {
	ctx := context.WithValue(c.context(), approvedKey{}, p.by)
	return c.DB.WithTx(ctx, func(tx *sql.Tx) error { return fn(ctx, tx, p.actor) })
}

// writeOrDiscard is write for what must work on a damaged archive too (signing in and out, staging
// a restore): after a failed integrity check its transaction is rolled back instead of refused.
func (c *Core) writeOrDiscard(fn func(ctx context.Context, tx *sql.Tx, actor staff.Member) error) error {
	p, err := c.gate()
	if err != nil {
		return err
	}
	return c.writeAsOrDiscard(p, fn)
}

// writeAsOrDiscard is writeOrDiscard for a call that already passed the gate.
func (c *Core) writeAsOrDiscard(p pass, fn func(ctx context.Context, tx *sql.Tx, actor staff.Member) error) error {
	ctx := context.WithValue(c.context(), approvedKey{}, p.by)
	return c.DB.WithTxOrDiscard(ctx, func(tx *sql.Tx) error { return fn(ctx, tx, p.actor) })
}

// read checks the caller's permission rule and hands out the read pool.
func (c *Core) read() (context.Context, *sql.DB, error) {
	if _, err := c.gate(); err != nil {
		return nil, nil, err
	}
	return c.context(), c.DB.R, nil
}

// actor is who is signed in, for methods that shape their answer by role.
func (c *Core) actor() staff.Member {
	c.sess.mu.Lock()
	defer c.sess.mu.Unlock()
	if c.sess.actor == nil {
		return staff.Member{}
	}
	return *c.sess.actor
}

// signIn makes m the session's actor.
func (c *Core) signIn(m staff.Member) {
	c.sess.mu.Lock()
	defer c.sess.mu.Unlock()
	c.sess.actor, c.sess.locked, c.sess.lastSeen, c.sess.approval = &m, false, time.Now(), nil
}

// SignedIn reports whether someone signed in at this seat (locked or not): the HTTP transport keeps a
// browser's session only while it is. Core is not bound, so this is no route.
func (c *Core) SignedIn() bool {
	c.sess.mu.Lock()
	defer c.sess.mu.Unlock()
	return c.sess.actor != nil
}

// SharedEvent names the events every desk receives, whoever's call raised them: the live count at an
// event's sign-in desks. Every other event (an import's or export's progress, with the job id that
// could cancel it) stays with the seat that started the work.
func SharedEvent(name string) bool { return name == CheckInEvent || name == HealthEvent }

// Services lists the structs bound to the UI, in both transports.
func Services(c *Core) []any {
	return []any{&Auth{c}, &Staff{c}, &Audit{c}, &Customers{c}, &Members{c}, &Sales{c}, &Points{c}, &System{c}, &Sheets{c}, &Tags{c}, &Segments{c}, &Scoring{c}, &Events{c}, &Communities{c}, &Reports{c}, &Wallet{c}, &Wine{c}, &Coupons{c}, &Claims{c}, &Receipts{c}, &Print{c}, &Banquets{c}}
}

// FormatError is the one place a Go error becomes what the UI receives, on both transports: the
// window's ErrorFormatter and app/web's error replies. The clerk sees a calm message, so an internal
// error is logged here with its cause, and only here, so each one is logged exactly once.
func FormatError(err error) any { return ErrorPayload(err) }

// ErrorPayload is FormatError typed, for the HTTP transport, which answers with a status per code.
func ErrorPayload(err error) errs.Payload {
	p := errs.ToPayload(err)
	if p.Code == errs.CodeInternal {
		log.Printf("internal error: %v", err)
	}
	return p
}

// log appends an audit line for the actor's change, naming the approving manager if there was one.
func (c *Core) log(ctx context.Context, tx *sql.Tx, a staff.Member, action, targetType string, targetID int64, label string, details any) error {
	return audit.Log(ctx, tx, audit.Record{StaffID: a.ID, StaffName: a.Name, Action: action, TargetType: targetType,
		TargetID: targetID, TargetLabel: label, Details: details, ApprovedBy: approvedBy(ctx)})
}
