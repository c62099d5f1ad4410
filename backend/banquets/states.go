// Package banquets owns banquets (宴席): registering a host's banquet at an outlet, delivering the wine
// with its codes, settling what was opened and returned (多退少补) with the money, and the photos that
// prove it to the brand. Brand programme rules and the claims built on banquets belong to the claims
// package, which moves a banquet to 已申报 and 已核销 through SetClaimState.
package banquets

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// States in order; 取消 ends a banquet before it is held.
const (
	StateRegistered = "登记"
	StateDelivered  = "已送酒"
	StateHeld       = "已办"
	StateSettled    = "已结算"
	StateClaimed    = "已申报"
	StateCleared    = "已核销"
	StateCancelled  = "取消"
)

var States = []string{StateRegistered, StateDelivered, StateHeld, StateSettled, StateClaimed, StateCleared, StateCancelled}

// Kinds of banquet.
var Kinds = []string{"婚宴", "寿宴", "升学宴", "满月宴", "乔迁宴", "商务宴", "其他"}

// moves lists the legal next states; migration 0017's trigger holds the database to the same list.
// 已申报 → 已结算 is a rejected claim taking the banquet back, so it can be claimed again.
var moves = map[string][]string{
	StateRegistered: {StateDelivered, StateCancelled},
	StateDelivered:  {StateHeld, StateCancelled},
	StateHeld:       {StateSettled},
	StateSettled:    {StateClaimed},
	StateClaimed:    {StateCleared, StateSettled},
}

// CanMove reports whether a banquet in state from may go to state to.
func CanMove(from, to string) bool { return slices.Contains(moves[from], to) }

// moveErr is the refusal of an illegal move, in the words the shop uses.
func moveErr(from, to string) error {
	if next := moves[from]; len(next) > 0 {
		return errs.Invalid("state", "宴席当前为「"+from+"」，不能改为「"+to+"」（只能改为："+strings.Join(next, "、")+"）")
	}
	return errs.Invalid("state", "宴席当前为「"+from+"」，不能再变更状态")
}

// setState moves a banquet in the caller's transaction, refusing an illegal move. It returns the old state.
func setState(ctx context.Context, tx *sql.Tx, id int64, to string) (string, error) {
	var from string
	err := tx.QueryRowContext(ctx, `SELECT state FROM banquets WHERE id = ?`, id).Scan(&from)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.NotFound("宴席不存在")
	} else if err != nil {
		return "", errs.Internal("read banquet state", err)
	}
	if !CanMove(from, to) {
		return from, moveErr(from, to)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE banquets SET state = ?, updated_at = ? WHERE id = ?`, to, store.Now(), id); err != nil {
		return from, errs.Internal("set banquet state", err)
	}
	return from, nil
}

// SetClaimState is for the claims package: filing a claim moves its settled banquets to 已申报, closing
// it moves them to 已核销, and a rejected claim takes them back to 已结算. Other moves are refused
// here; the caller logs the claim itself. It returns the state the banquet was in.
func SetClaimState(ctx context.Context, tx *sql.Tx, banquetID int64, to string) (string, error) {
	if to != StateClaimed && to != StateCleared && to != StateSettled {
		return "", errs.Invalid("state", "申报只能把宴席改为已申报、已核销或退回已结算")
	}
	if to == StateSettled {
		// Only a filed claim goes back; 已办 → 已结算 is the settlement's own move.
		var from string
		tx.QueryRowContext(ctx, `SELECT state FROM banquets WHERE id = ?`, banquetID).Scan(&from)
		if from != StateClaimed {
			return from, errs.Invalid("state", "只有已申报的宴席才能退回已结算")
		}
	}
	return setState(ctx, tx, banquetID, to)
}
