package points

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
)

// AdjustInput is a manual correction: positive adds, negative takes. Key makes a retried click book once.
type AdjustInput struct {
	CustomerID int64  `json:"customerId"`
	Points     int64  `json:"points"`
	Reason     string `json:"reason"`
	Key        string `json:"key"`
}

// Adjust books a manual correction. limited says the actor may only move up to the rules' AdjustLimit.
func Adjust(ctx context.Context, tx *sql.Tx, in AdjustInput, staffID int64, limited bool) (Entry, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	switch {
	case in.Points == 0:
		return Entry{}, errs.Invalid("points", "调整积分不能为0")
	case in.Reason == "":
		return Entry{}, errs.Invalid("reason", "请填写调整原因")
	case utf8.RuneCountInString(in.Reason) > 200:
		return Entry{}, errs.Invalid("reason", "调整原因不能超过200个字")
	case strings.TrimSpace(in.Key) == "":
		return Entry{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if err := errs.First(errs.Count("points", "调整积分", abs(in.Points)), errs.Text("key", "请求编号", in.Key, errs.KeyLen)); err != nil {
		return Entry{}, err
	}
	if err := customerExists(ctx, tx, in.CustomerID); err != nil {
		return Entry{}, err
	}
	if limited {
		rules, err := LoadRules(ctx, tx)
		if err != nil {
			return Entry{}, err
		}
		if abs(in.Points) > rules.AdjustLimit {
			return Entry{}, errs.Forbidden(fmt.Sprintf("店员单次最多调整 %d 分，超出需店长授权", rules.AdjustLimit))
		}
	}
	b := Booking{CustomerID: in.CustomerID, Kind: KindAdjust, Points: abs(in.Points), Reason: in.Reason, Key: "adjust:" + in.Key, StaffID: staffID}
	var e Entry
	var err error
	if in.Points > 0 {
		e, _, err = Credit(ctx, tx, b)
	} else {
		e, _, err = Debit(ctx, tx, b)
	}
	return e, err
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
