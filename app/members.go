package app

import (
	"context"
	"database/sql"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/customers"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Members is the VIP service (会员): registration, cards, levels, the yearly review and birthdays.
type Members struct{ core *Core }

// MemberView is what the counter shows after a scan or search: who, level, balance, what expires.
type MemberView struct {
	Customer     customers.Customer    `json:"customer"`
	IsMember     bool                  `json:"isMember"`
	Membership   members.Membership    `json:"membership"`
	Level        members.Level         `json:"level"`
	NextLevel    *members.Level        `json:"nextLevel"`
	Card         *members.Card         `json:"card"`
	Balance      int64                 `json:"balance"`
	ExpiringSoon int64                 `json:"expiringSoon"`
	ExpiringOn   string                `json:"expiringOn"`
	Spend12mFen  int64                 `json:"spend12mFen"`
	LastPurchase string                `json:"lastPurchase"`
	LevelHistory []members.LevelChange `json:"levelHistory"`
	Cards        []members.Card        `json:"cards"`
}

func (s *Members) View(customerID int64) (MemberView, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return MemberView{}, err
	}
	res, err := memberView(ctx, db, customerID)
	return shown(s.core, res, err)
}

func memberView(ctx context.Context, db store.Querier, customerID int64) (MemberView, error) {
	var v MemberView
	var err error
	if v.Customer, err = customers.Get(ctx, db, customerID); err != nil {
		return v, err
	}
	if v.Membership, v.IsMember, err = members.Get(ctx, db, customerID); err != nil {
		return v, err
	}
	levels, err := members.Levels(ctx, db)
	if err != nil {
		return v, err
	}
	for i, l := range levels {
		if l.ID == v.Membership.LevelID {
			v.Level = l
			if i+1 < len(levels) {
				v.NextLevel = &levels[i+1]
			}
		}
	}
	if k, ok, err := members.CurrentCard(ctx, db, customerID); err != nil {
		return v, err
	} else if ok {
		v.Card = &k
	}
	if v.Balance, err = points.Balance(ctx, db, customerID); err != nil {
		return v, err
	}
	soon := time.Now().In(store.Shop).AddDate(0, 0, 60).Format(time.DateOnly)
	if v.ExpiringSoon, v.ExpiringOn, err = points.ExpiringSoon(ctx, db, customerID, soon); err != nil {
		return v, err
	}
	if v.Spend12mFen, err = sales.Spend12m(ctx, db, customerID, store.Today()); err != nil {
		return v, err
	}
	if list, err := sales.ForCustomer(ctx, db, customerID, sales.Page{Limit: 1}); err != nil {
		return v, err
	} else if len(list) > 0 {
		v.LastPurchase = list[0].Date
	}
	if v.LevelHistory, err = members.History(ctx, db, customerID); err != nil {
		return v, err
	}
	v.Cards, err = members.Cards(ctx, db, customerID)
	return v, err
}

// Scan resolves a scanned or typed card number to its member, saying so when the card is frozen or replaced.
func (s *Members) Scan(number string) (MemberView, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return MemberView{}, err
	}
	k, err := members.UsableCard(ctx, db, number)
	if err != nil {
		return MemberView{}, err
	}
	res, err := memberView(ctx, db, k.CustomerID)
	return shown(s.core, res, err)
}

func (s *Members) List(q members.MemberQuery) (members.MemberPage, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return members.MemberPage{}, err
	}
	page, err := members.List(ctx, db, q)
	return shown(s.core, page, err)
}

func (s *Members) Register(in members.RegisterInput) (out members.RegisterResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = members.Register(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "注册会员", "customer", out.CustomerID, in.Name, map[string]any{"card": out.Card.Number, "reused": out.Reused})
	})
	return shown(s.core, out, err)
}

func (s *Members) Levels() ([]members.Level, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return members.LevelsWithCounts(ctx, db)
}

func (s *Members) SaveLevels(levels []members.Level) (out []members.Level, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := members.Levels(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = members.SaveLevels(ctx, tx, levels); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改会员等级规则", "rules", 0, "会员等级", audit.Change{Old: old, New: out})
	})
	return shown(s.core, out, err)
}

func (s *Members) ChangeLevel(customerID, levelID int64, reason string) (out members.Membership, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, _, err := members.Get(ctx, tx, customerID)
		if err != nil {
			return err
		}
		if out, err = members.ChangeLevel(ctx, tx, customerID, levelID, reason, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "调整会员等级", "customer", customerID, customerLabel(ctx, tx, customerID),
			map[string]any{"level": audit.Change{Old: old.LevelName, New: out.LevelName}, "reason": reason})
	})
	return shown(s.core, out, err)
}

func (s *Members) FreezeCard(customerID int64, reason string) (out members.Card, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = members.FreezeCard(ctx, tx, customerID, reason); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "冻结会员卡", "customer", customerID, out.CustomerName, map[string]string{"card": out.Number, "reason": reason})
	})
	return shown(s.core, out, err)
}

func (s *Members) UnfreezeCard(customerID int64) (out members.Card, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = members.UnfreezeCard(ctx, tx, customerID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "解冻会员卡", "customer", customerID, out.CustomerName, map[string]string{"card": out.Number})
	})
	return shown(s.core, out, err)
}

// ReplaceCard reports the card lost and issues newNumber (scanned) or a generated one.
func (s *Members) ReplaceCard(customerID int64, newNumber, reason string) (out members.Card, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = members.ReplaceCard(ctx, tx, customerID, newNumber, reason, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "挂失补卡", "customer", customerID, out.CustomerName, map[string]string{"newCard": out.Number, "reason": reason})
	})
	return shown(s.core, out, err)
}

// CardSettings is the prefix of generated card numbers and the card ranges (号段) the shop accepts.
type CardSettings struct {
	Prefix string              `json:"prefix"`
	Ranges []members.CardRange `json:"ranges"`
}

func (s *Members) CardSettings() (CardSettings, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return CardSettings{}, err
	}
	p, err := members.CardPrefix(ctx, db)
	if err != nil {
		return CardSettings{}, err
	}
	r, err := members.CardRanges(ctx, db)
	return CardSettings{Prefix: p, Ranges: r}, err
}

func (s *Members) SaveCardSettings(in CardSettings) (CardSettings, error) {
	err := s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := members.CardPrefix(ctx, tx)
		if err != nil {
			return err
		}
		if err := members.SaveCardPrefix(ctx, tx, in.Prefix); err != nil {
			return err
		}
		oldRanges, err := members.CardRanges(ctx, tx)
		if err != nil {
			return err
		}
		// No ranges in the call (an older page) leaves them as they are; an empty list clears them.
		if in.Ranges == nil {
			in.Ranges = oldRanges
		} else {
			if in.Ranges, err = members.SaveCardRanges(ctx, tx, in.Ranges); err != nil {
				return err
			}
			if err := s.core.log(ctx, tx, a, "修改卡号段", "rules", 0, "卡号段", audit.Change{Old: oldRanges, New: in.Ranges}); err != nil {
				return err
			}
		}
		return s.core.log(ctx, tx, a, "修改卡号前缀", "rules", 0, "卡号前缀", audit.Change{Old: old, New: in.Prefix})
	})
	return in, err
}

func (s *Members) ReviewPreview() (members.Review, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return members.Review{}, err
	}
	spend, err := sales.SpendByCustomer(ctx, db, store.Today())
	if err != nil {
		return members.Review{}, err
	}
	return members.ReviewPreview(ctx, db, spend)
}

func (s *Members) ApplyReview() (out members.Review, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		spend, err := sales.SpendByCustomer(ctx, tx, store.Today())
		if err != nil {
			return err
		}
		if out, err = members.ApplyReview(ctx, tx, spend, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "年度等级评审", "members", 0, "全部会员 "+store.Today()[:4]+"年", map[string]int{"kept": out.Kept, "rising": out.Rising, "falling": out.Falling})
	})
	return shown(s.core, out, err)
}

// Birthdays lists this month's member birthdays with their points, given or not.
func (s *Members) Birthdays() ([]members.BirthdayItem, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	now := time.Now().In(store.Shop)
	res, err := members.BirthdayPreview(ctx, db, now.Year(), now.Month())
	return shown(s.core, res, err)
}

// GiveBirthdayPoints books this month's birthday points; running it again gives nobody twice.
func (s *Members) GiveBirthdayPoints() (n int, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		now := time.Now().In(store.Shop)
		if n, err = members.GiveBirthdayPoints(ctx, tx, now.Year(), now.Month(), a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "发放生日积分", "members", 0, now.Format("2006-01"), map[string]int{"members": n})
	})
	return n, err
}

func (s *Members) Referrals(customerID int64) (sales.ReferralCircle, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return sales.ReferralCircle{}, err
	}
	res, err := sales.Referrals(ctx, db, customerID)
	return shown(s.core, res, err)
}
