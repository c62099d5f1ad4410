package app

import (
	"context"

	"jiuke/backend/errs"
	"jiuke/backend/staff"
)

// SignInAsOwner makes the command line (jiuke import/export/backup/restore) act as the owner: whoever
// runs it holds the database file itself. It then calls the same services as the window, so the
// permission rules, the audit log and the code path are the ones the UI uses. A browser seat is refused.
func (c *Core) SignInAsOwner(ctx context.Context) error {
	if c.seat {
		return errs.Forbidden("只有老板可以进行此操作")
	}
	owner, err := staff.EnsureOwner(ctx, c.DB)
	if err != nil {
		return err
	}
	c.signIn(owner)
	return nil
}
