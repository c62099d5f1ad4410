package app

import (
	"context"
	"database/sql"

	"jiuke/backend/scoring"
	"jiuke/backend/staff"
	"jiuke/backend/store"
	"jiuke/backend/tags"
)

// Scoring is the core-consumer service (核心消费者): scores, weights and the VIP circle.
type Scoring struct{ core *Core }

// Ranking is the top customers by score, with "建议纳入VIP圈" marked.
func (s *Scoring) Ranking(limit int) (scoring.Ranking, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return scoring.Ranking{}, err
	}
	res, err := scoring.Rank(ctx, db, limit, store.Today())
	return shown(s.core, res, err)
}

// Score is one customer's score and its parts.
func (s *Scoring) Score(customerID int64) (scoring.Score, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return scoring.Score{}, err
	}
	res, err := scoring.Of(ctx, db, customerID, store.Today())
	return shown(s.core, res, err)
}

func (s *Scoring) Weights() (scoring.Weights, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return scoring.Weights{}, err
	}
	return scoring.LoadWeights(ctx, db)
}

func (s *Scoring) SaveWeights(w scoring.Weights) (out scoring.Weights, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = scoring.SaveWeights(ctx, tx, w); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改核心消费者权重", "settings", 0, "核心消费者权重", out)
	})
	return out, err
}

// SetOpinionLeader marks a customer as 意见领袖 (or not); it counts toward influence.
func (s *Scoring) SetOpinionLeader(customerID int64, on bool) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		name, err := scoring.SetOpinionLeader(ctx, tx, customerID, on)
		if err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "设置意见领袖", "customer", customerID, name, map[string]bool{"on": on})
	})
}

// PromoteToCircle tags the chosen customers VIP圈 (creating the tag the first time).
func (s *Scoring) PromoteToCircle(customerIDs []int64) (out BulkResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out.Tag, err = tags.Ensure(ctx, tx, scoring.CircleTag, "#8B1E3F", "圈层"); err != nil {
			return err
		}
		if out.Tag, out.Changed, err = tags.Apply(ctx, tx, out.Tag.ID, customerIDs); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "纳入VIP圈", "tag", out.Tag.ID, out.Tag.Name, map[string]any{"customerIds": customerIDs, "added": out.Changed})
	})
	return shown(s.core, out, err)
}
