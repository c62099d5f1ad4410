package coupons

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/communities"
	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/members"
	"jiuke/backend/wallet"
)

// Coupon types set to issue themselves (AutoOn) do so on these occasions, each under a key that makes
// the occasion give a customer one coupon of each type: one per guest per event, one per member per
// birthday year, one per fission reward.
func init() {
	events.RegisterAfterCheckIn(func(ctx context.Context, tx *sql.Tx, c events.Arrival) error {
		key := fmt.Sprintf("event:%d:%d", c.EventID, c.CustomerID)
		if c.Round > 0 {
			key += fmt.Sprintf(":r%d", c.Round)
		}
		_, err := IssueOn(ctx, tx, OnAttend, c.CustomerID, SourceEvent, key, c.StaffID)
		return err
	})
	events.RegisterAfterUndoCheckIn(voidAttendance)
	members.RegisterBirthday(func(ctx context.Context, tx *sql.Tx, customerID int64, year int, staffID int64) error {
		_, err := IssueOn(ctx, tx, OnBirthday, customerID, SourceBirthday, fmt.Sprintf("birthday:%d:%d", year, customerID), staffID)
		return err
	})
	// A recharge package's coupon, once per recharge; a stopped or ended type refuses the recharge
	// with its reason, so the clerk is never told of a coupon that was not given.
	wallet.RegisterPackageCoupon(func(ctx context.Context, tx *sql.Tx, customerID, couponTypeID int64, key string, staffID int64) (string, error) {
		c, _, err := Issue(ctx, tx, Issuing{TypeID: couponTypeID, CustomerID: customerID, Source: SourceRecharge, Key: "coupon:" + key, StaffID: staffID})
		return c.Code, err
	})
	communities.RegisterReward(func(ctx context.Context, tx *sql.Tx, occasion string, customerID int64, key string, staffID int64) (int, error) {
		on := OnFissionJoin
		if occasion == communities.RewardFirstBuy {
			on = OnFissionFirstBuy
		}
		return IssueOn(ctx, tx, on, customerID, SourceFission, "fission:"+key, staffID)
	})
}

// voidAttendance takes back the unused attendance coupons of a check-in that was undone (a guest who
// confirmed from home); one already used stays used.
func voidAttendance(ctx context.Context, tx *sql.Tx, c events.Arrival) error {
	prefix := fmt.Sprintf("event:%d:%d:", c.EventID, c.CustomerID)
	rows, err := tx.QueryContext(ctx, `SELECT id FROM coupons WHERE customer_id = ? AND source = ? AND state = 'issued'
		AND substr(idem_key, 1, ?) = ?`, c.CustomerID, SourceEvent, len(prefix), prefix)
	if err != nil {
		return errs.Internal("attendance coupons", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Internal("scan attendance coupon", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Internal("attendance coupons", err)
	}
	for _, id := range ids {
		if err := addEntry(ctx, tx, id, EntryVoid, 0, 0, fmt.Sprintf("撤销活动「%s」签到", c.EventName),
			fmt.Sprintf("void:attend-undo:%d", id), c.StaffID); err != nil {
			return err
		}
	}
	return nil
}
