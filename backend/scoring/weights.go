// Package scoring finds core consumers (核心消费者) with a transparent score: buying power,
// influence and participation, each 0–100, combined by weights the shop sets.
package scoring

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Weights say how much each part counts; only their ratio matters.
type Weights struct {
	Buying        float64 `json:"buying"`
	Influence     float64 `json:"influence"`
	Participation float64 `json:"participation"`
}

// DefaultWeights favour what customers buy, then whom they bring, then how often they come.
var DefaultWeights = Weights{Buying: 50, Influence: 30, Participation: 20}

const weightsKey = "core.weights"

func LoadWeights(ctx context.Context, q store.Querier) (Weights, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, weightsKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultWeights, nil
	}
	if err != nil {
		return DefaultWeights, errs.Internal("load weights", err)
	}
	w := DefaultWeights
	if err := json.Unmarshal([]byte(v), &w); err != nil {
		return DefaultWeights, errs.Internal("decode weights", err)
	}
	return w, nil
}

// SaveWeights refuses a weight below 0, above 100, or all three zero; nothing is saved then.
func SaveWeights(ctx context.Context, tx *sql.Tx, w Weights) (Weights, error) {
	for _, f := range []struct {
		field, label string
		v            float64
	}{{"buying", "购买力权重", w.Buying}, {"influence", "影响力权重", w.Influence}, {"participation", "参与度权重", w.Participation}} {
		if f.v < 0 {
			return w, errs.Invalid(f.field, f.label+"不能小于0")
		}
		if f.v > 100 {
			return w, errs.Invalid(f.field, f.label+"不能大于100")
		}
	}
	if w.Buying+w.Influence+w.Participation == 0 {
		return w, errs.Invalid("buying", "三项权重不能都为0")
	}
	b, _ := json.Marshal(w)
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, weightsKey, string(b)); err != nil {
		return w, errs.Internal("save weights", err)
	}
	return w, nil
}
