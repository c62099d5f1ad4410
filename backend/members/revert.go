package members

import (
	"context"
	"database/sql"
	"errors"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Revert is what a refund does to the level: nothing (ToID 0), or down from one level to another.
type Revert struct {
	FromID int64
	ToID   int64
	From   string
	To     string
}

// PlanRevert works out whether refunding part of a purchase undoes the upgrade that purchase caused,
// given the member's 12-month spend once the refund is made. The rule, so a buy-and-refund keeps no
// discount and nothing else is disturbed:
//   - only an upgrade the refunded purchase caused is undone (found by its line in the level history);
//   - if anything but a purchase's upgrade changed the level since (a manager's hand change, the yearly
//     review, an import, an earlier refund's revert), the level is left as it is: that later decision
//     stands, and a manager can still adjust by hand;
//   - otherwise (the purchase's upgrade, perhaps followed by later purchases' upgrades) the level goes to
//     the highest level the spend after the refund still reaches, but never below the level the member
//     had before the refunded purchase, and never up.
func PlanRevert(ctx context.Context, q store.Querier, customerID, purchaseID, spendAfter int64) (Revert, error) {
	m, ok, err := Get(ctx, q, customerID)
	if err != nil || !ok {
		return Revert{}, err
	}
	var changeID, fromID int64
	err = q.QueryRowContext(ctx, `SELECT id, COALESCE(from_level_id, 0) FROM level_changes
		WHERE purchase_id = ? AND customer_id = ? ORDER BY id DESC LIMIT 1`, purchaseID, customerID).Scan(&changeID, &fromID)
	if errors.Is(err, sql.ErrNoRows) {
		return Revert{}, nil
	}
	if err != nil {
		return Revert{}, errs.Internal("upgrade of purchase", err)
	}
	var decidedLater bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM level_changes
		WHERE customer_id = ? AND id > ? AND purchase_id IS NULL)`, customerID, changeID).Scan(&decidedLater); err != nil {
		return Revert{}, errs.Internal("later level changes", err)
	}
	if decidedLater {
		return Revert{}, nil
	}
	levels, err := Levels(ctx, q)
	if err != nil {
		return Revert{}, err
	}
	target := levelForSpend(levels, spendAfter, func(l Level) int64 { return l.UpgradeFen })
	for _, l := range levels {
		if l.ID == fromID && target.Rank < l.Rank {
			target = l
		}
	}
	if target.Rank >= rankOf(levels, m.LevelID) {
		return Revert{}, nil
	}
	return Revert{FromID: m.LevelID, ToID: target.ID, From: m.LevelName, To: target.Name}, nil
}

// ApplyRevert carries out a planned revert in the refund's transaction, logged in the level history.
func ApplyRevert(ctx context.Context, tx *sql.Tx, customerID int64, r Revert, reason string, staffID int64) error {
	if r.ToID == 0 {
		return nil
	}
	m, ok, err := Get(ctx, tx, customerID)
	if err != nil {
		return err
	}
	if !ok || m.LevelID != r.FromID {
		return errs.Conflict("", "会员等级刚刚有变动，请重新确认退款", nil)
	}
	return setLevel(ctx, tx, m, r.ToID, reason, staffID)
}
