package coupons

import (
	"context"
	"database/sql"
	"fmt"

	"jiuke/backend/communities"
	"jiuke/backend/events"
	"jiuke/backend/members"
)

// Coupon types set to issue themselves (AutoOn) do so on these occasions, each under a key that makes
// the occasion give a customer one coupon of each type: one per guest per event, one per member per
// birthday year, one per fission reward.
func init() {
	events.RegisterAfterCheckIn(func(ctx context.Context, tx *sql.Tx, c events.Arrival) error {
		_, err := IssueOn(ctx, tx, OnAttend, c.CustomerID, SourceEvent, fmt.Sprintf("event:%d:%d", c.EventID, c.CustomerID), c.StaffID)
		return err
	})
	members.RegisterBirthday(func(ctx context.Context, tx *sql.Tx, customerID int64, year int, staffID int64) error {
		_, err := IssueOn(ctx, tx, OnBirthday, customerID, SourceBirthday, fmt.Sprintf("birthday:%d:%d", year, customerID), staffID)
		return err
	})
	communities.RegisterReward(func(ctx context.Context, tx *sql.Tx, occasion string, customerID int64, key string, staffID int64) (int, error) {
		on := OnFissionJoin
		if occasion == communities.RewardFirstBuy {
			on = OnFissionFirstBuy
		}
		return IssueOn(ctx, tx, on, customerID, SourceFission, "fission:"+key, staffID)
	})
}
