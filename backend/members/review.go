package members

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/store"
)

// ReviewItem is one member whose level the yearly review (保级/降级) would change.
type ReviewItem struct {
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	FromID     int64  `json:"fromId"`
	From       string `json:"from"`
	ToID       int64  `json:"toId"`
	To         string `json:"to"`
	SpendFen   int64  `json:"spendFen"`
	Outcome    string `json:"outcome"` // 升级 or 降级
	Why        string `json:"why"`
}

type Review struct {
	Kept    int          `json:"kept"`
	Rising  int          `json:"rising"`
	Falling int          `json:"falling"`
	Changes []ReviewItem `json:"changes"`
}

func yuan(fen int64) string {
	return fmt.Sprintf("¥%s", strconv.FormatFloat(float64(fen)/100, 'f', 2, 64))
}

// ReviewPreview decides every member's level from their spend in the last 12 months (spend maps
// customer id to fen): at or above the level's keep threshold they keep it, or rise if they reach a
// higher upgrade threshold; below it they drop to the highest level whose keep threshold they meet.
func ReviewPreview(ctx context.Context, q store.Querier, spend map[int64]int64) (Review, error) {
	levels, err := Levels(ctx, q)
	if err != nil {
		return Review{}, err
	}
	byID := map[int64]Level{}
	for _, l := range levels {
		byID[l.ID] = l
	}
	rows, err := q.QueryContext(ctx, `SELECT m.customer_id, c.name, m.level_id FROM memberships m JOIN customers c ON c.id = m.customer_id
		WHERE c.archived = 0 ORDER BY m.customer_id`)
	if err != nil {
		return Review{}, errs.Internal("review members", err)
	}
	defer rows.Close()
	r := Review{Changes: []ReviewItem{}}
	for rows.Next() {
		var it ReviewItem
		if err := rows.Scan(&it.CustomerID, &it.Name, &it.FromID); err != nil {
			return r, errs.Internal("scan member", err)
		}
		cur := byID[it.FromID]
		s := spend[it.CustomerID]
		it.SpendFen, it.From = s, cur.Name
		rise := levelForSpend(levels, s, func(l Level) int64 { return l.UpgradeFen })
		switch {
		case rise.Rank > cur.Rank:
			it.ToID, it.To, it.Outcome = rise.ID, rise.Name, "升级"
			it.Why = fmt.Sprintf("近12个月消费 %s，达到「%s」升级门槛 %s", yuan(s), rise.Name, yuan(rise.UpgradeFen))
		case s >= cur.KeepFen:
			r.Kept++
			continue
		default:
			down := levelForSpend(levels[:cur.Rank-1], s, func(l Level) int64 { return l.KeepFen })
			it.ToID, it.To, it.Outcome = down.ID, down.Name, "降级"
			it.Why = fmt.Sprintf("近12个月消费 %s，低于「%s」保级门槛 %s", yuan(s), cur.Name, yuan(cur.KeepFen))
		}
		if it.Outcome == "升级" {
			r.Rising++
		} else {
			r.Falling++
		}
		r.Changes = append(r.Changes, it)
	}
	return r, rows.Err()
}

// ApplyReview carries out a preview's changes in the caller's transaction.
func ApplyReview(ctx context.Context, tx *sql.Tx, spend map[int64]int64, staffID int64) (Review, error) {
	r, err := ReviewPreview(ctx, tx, spend)
	if err != nil {
		return r, err
	}
	for _, it := range r.Changes {
		m := Membership{CustomerID: it.CustomerID, LevelID: it.FromID}
		if err := setLevel(ctx, tx, m, it.ToID, "年度评审"+it.Outcome+"："+it.Why, staffID); err != nil {
			return r, err
		}
	}
	return r, nil
}

// BirthdayItem is a member due their birthday points this month.
type BirthdayItem struct {
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	Level      string `json:"level"`
	Date       string `json:"date"` // this year's solar date of the birthday
	Points     int64  `json:"points"`
	Given      bool   `json:"given"`
}

// BirthdayPreview lists members whose birthday (lunar ones converted to this year's solar date) falls
// in the given month, with their level's birthday points and whether they were already given this year.
func BirthdayPreview(ctx context.Context, q store.Querier, year int, month time.Month) ([]BirthdayItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, l.name, l.birthday_points, c.birth_calendar, COALESCE(c.birth_year, 0),
		c.birth_month, c.birth_day, c.birth_leap,
		EXISTS (SELECT 1 FROM points_entries e WHERE e.idem_key = 'birthday:' || c.id || ':' || ?)
		FROM memberships m JOIN customers c ON c.id = m.customer_id JOIN member_levels l ON l.id = m.level_id
		WHERE c.archived = 0 AND c.birth_month IS NOT NULL AND l.birthday_points > 0 ORDER BY c.id`, year)
	if err != nil {
		return nil, errs.Internal("birthday members", err)
	}
	defer rows.Close()
	out := []BirthdayItem{}
	for rows.Next() {
		var it BirthdayItem
		var b customers.Birthday
		if err := rows.Scan(&it.CustomerID, &it.Name, &it.Level, &it.Points, &b.Calendar, &b.Year, &b.Month, &b.Day, &b.Leap, &it.Given); err != nil {
			return nil, errs.Internal("scan birthday", err)
		}
		d, ok := customers.SolarBirthday(b, year)
		if !ok || d.Month() != month {
			continue
		}
		it.Date = d.Format(time.DateOnly)
		out = append(out, it)
	}
	return out, rows.Err()
}

var onBirthday []func(ctx context.Context, tx *sql.Tx, customerID int64, year int, staffID int64) error

// RegisterBirthday adds a step run for each member whose birthday points are given (e.g. a birthday
// coupon), inside the same transaction; it runs again on a repeated run, so it must be idempotent per
// member and year. Call it from an init function.
func RegisterBirthday(fn func(ctx context.Context, tx *sql.Tx, customerID int64, year int, staffID int64) error) {
	onBirthday = append(onBirthday, fn)
}

// GiveBirthdayPoints books the month's birthday points, once per member per year.
func GiveBirthdayPoints(ctx context.Context, tx *sql.Tx, year int, month time.Month, staffID int64) (int, error) {
	items, err := BirthdayPreview(ctx, tx, year, month)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, it := range items {
		for _, hook := range onBirthday {
			if err := hook(ctx, tx, it.CustomerID, year, staffID); err != nil {
				return n, err
			}
		}
		if it.Given {
			continue
		}
		_, created, err := points.Credit(ctx, tx, points.Booking{CustomerID: it.CustomerID, Kind: points.KindBonus, Points: it.Points,
			Reason: fmt.Sprintf("%d年生日积分（%s）", year, it.Date), RefType: "birthday", Key: fmt.Sprintf("birthday:%d:%d", it.CustomerID, year), StaffID: staffID})
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}
