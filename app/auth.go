package app

import (
	"context"
	"database/sql"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
)

// Auth is signing in and out: the first-start setup, the sign-in screen, lock and switch user, and a
// manager's PIN on the spot for a clerk's restricted action.
type Auth struct{ core *Core }

// AuthStatus is what the UI needs before anything else.
type AuthStatus struct {
	NeedsSetup      bool           `json:"needsSetup"`
	SignedIn        bool           `json:"signedIn"`
	Locked          bool           `json:"locked"`
	Actor           staff.Member   `json:"actor"`
	Staff           []staff.Member `json:"staff"` // the sign-in picker
	IdleLockMinutes int            `json:"idleLockMinutes"`
}

func (s *Auth) Status() (AuthStatus, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return AuthStatus{}, err
	}
	var st AuthStatus
	if st.NeedsSetup, err = staff.NeedsSetup(ctx, db); err != nil {
		return st, err
	}
	if st.Staff, err = staff.List(ctx, db); err != nil {
		return st, err
	}
	sess := s.core.sess
	sess.mu.Lock()
	if sess.actor != nil {
		st.Actor, st.Locked = *sess.actor, sess.locked
		st.SignedIn = !sess.locked
	}
	sess.mu.Unlock()
	st.IdleLockMinutes = int(s.core.IdleLock / time.Minute)
	return st, nil
}

// Setup is the first start: shop name, owner name and password; the owner is then signed in.
func (s *Auth) Setup(in staff.SetupInput) (out staff.Member, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		owner, err := staff.OwnerOf(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = staff.Setup(ctx, tx, owner, in); err != nil {
			return err
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: out.ID, StaffName: out.Name, Action: "初始设置", TargetType: "shop", TargetLabel: in.ShopName})
	})
	if err == nil {
		s.core.signIn(out)
	}
	return out, err
}

// SignIn checks a staff member's PIN or password and makes them the actor of this seat (also the
// way to unlock and to switch user). Wrong tries are counted and logged even though they fail.
func (s *Auth) SignIn(staffID int64, secret string) (out staff.Member, err error) {
	var attempt staff.Attempt
	err = s.core.writeOrDiscard(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		need, err := staff.NeedsSetup(ctx, tx)
		if err != nil {
			return err
		}
		if need {
			return errs.Conflict("", "请先完成初始设置", map[string]any{"needsSetup": true})
		}
		if attempt, err = staff.CheckSecret(ctx, tx, staffID, secret, time.Now()); err != nil {
			return err
		}
		action, name := "登录", attempt.Member.Name
		if attempt.Err != nil {
			action = "登录失败"
			if m, err := staff.Get(ctx, tx, staffID); err == nil {
				name = m.Name
			}
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: staffID, StaffName: name, Action: action,
			TargetType: "staff", TargetID: staffID, TargetLabel: name})
	})
	if err != nil {
		return out, err
	}
	if attempt.Err != nil {
		return out, attempt.Err
	}
	s.core.signIn(attempt.Member)
	return attempt.Member, nil
}

// SignOut ends this seat's session.
func (s *Auth) SignOut() error {
	actor := s.core.actor()
	err := s.core.writeOrDiscard(func(ctx context.Context, tx *sql.Tx, _ staff.Member) error {
		if actor.ID == 0 {
			return nil
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: actor.ID, StaffName: actor.Name, Action: "退出登录",
			TargetType: "staff", TargetID: actor.ID, TargetLabel: actor.Name})
	})
	sess := s.core.sess
	sess.mu.Lock()
	sess.actor, sess.locked, sess.approval = nil, false, nil
	sess.mu.Unlock()
	return err
}

// Lock hides the screen until the PIN or password is entered again (the UI also locks when idle).
func (s *Auth) Lock() error {
	if err := s.core.check(); err != nil {
		return err
	}
	sess := s.core.sess
	sess.mu.Lock()
	if sess.actor != nil {
		sess.locked = true
	}
	sess.mu.Unlock()
	return nil
}

// Approve records a manager's PIN entered on the spot: the signed-in clerk may do one manager-only
// action in the next two minutes, and the audit log names the manager.
func (s *Auth) Approve(managerID int64, secret string) (out staff.Member, err error) {
	var attempt staff.Attempt
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, actor staff.Member) error {
		if attempt, err = staff.CheckSecret(ctx, tx, managerID, secret, time.Now()); err != nil {
			return err
		}
		if attempt.Err == nil && attempt.Member.Role == staff.Clerk {
			attempt.Err = errs.Invalid("staffId", "只有店长或老板可以授权")
		}
		action, label := "授权", attempt.Member.Name
		if attempt.Err != nil {
			action = "授权失败"
			if m, err := staff.Get(ctx, tx, managerID); err == nil {
				label = m.Name // name the manager whose PIN was tried
			}
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: actor.ID, StaffName: actor.Name, Action: action,
			TargetType: "staff", TargetID: managerID, TargetLabel: label})
	})
	if err != nil {
		return out, err
	}
	if attempt.Err != nil {
		return out, attempt.Err
	}
	sess := s.core.sess
	sess.mu.Lock()
	sess.approval = &approval{by: attempt.Member, until: time.Now().Add(approvalWindow)}
	sess.mu.Unlock()
	return attempt.Member, nil
}
