package scoring_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/scoring"
	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/tags"
)

var ctx = context.Background()

type shop struct {
	t     *testing.T
	db    *store.DB
	today string
	n     int
}

func (s *shop) exec(q string, args ...any) int64 {
	s.t.Helper()
	res, err := s.db.W.ExecContext(ctx, q, args...)
	if err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	id, _ := res.LastInsertId()
	return id
}

func (s *shop) customer(name string) int64 {
	return s.exec(`INSERT INTO customers (name, created_at, updated_at) VALUES (?, '', '')`, name)
}

func (s *shop) buy(cid int64, daysAgo int, yuan int64) {
	s.n++
	s.exec(`INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (?, ?, ?, ?, '')`,
		cid, segments.DaysBefore(s.today, daysAgo), yuan*100, fmt.Sprint(s.n))
}

func (s *shop) attend(cid int64, daysAgo int) {
	d := segments.DaysBefore(s.today, daysAgo)
	eid := s.exec(`INSERT INTO events (name, kind, starts_at, ends_at, created_at, updated_at) VALUES ('品鉴会', '品鉴会', ?, ?, '', '')`, d+" 18:00", d+" 21:00")
	s.exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (?, ?, 'checked_in', '', '')`, eid, cid)
}

func (s *shop) followUp(cid int64, daysAgo int) {
	s.exec(`INSERT INTO follow_ups (customer_id, date, channel, content, created_at) VALUES (?, ?, '电话', '问候', '')`, cid, segments.DaysBefore(s.today, daysAgo))
}

func newShop(t *testing.T) *shop { return &shop{t: t, db: storetest.Open(t), today: store.Today()} }

func (s *shop) score(id int64) scoring.Score {
	s.t.Helper()
	sc, err := scoring.Of(ctx, s.db.R, id, s.today)
	if err != nil {
		s.t.Fatal(err)
	}
	return sc
}

func TestEachPartOfTheScore(t *testing.T) {
	s := newShop(t)
	small, mid, big, none := s.customer("小"), s.customer("中"), s.customer("大"), s.customer("无")
	s.buy(small, 10, 1000)
	s.buy(mid, 10, 5000)
	s.buy(big, 10, 30000)
	s.buy(none, 400, 99999) // more than 12 months ago: no buying power now
	// Buying power is the spend percentile among those who spent in 12 months.
	for id, want := range map[int64]float64{small: 33.3, mid: 66.7, big: 100, none: 0} {
		if got := s.score(id).BuyingPower; got != want {
			t.Errorf("buying power of %d = %v, want %v", id, got, want)
		}
	}
	// Influence: 2 referrals (40) + the referred spent ¥35,000 in 12 months (35) = 75; +40 as 意见领袖, capped at 100.
	s.exec(`UPDATE customers SET referrer_id = ? WHERE id IN (?, ?)`, none, mid, big)
	if sc := s.score(none); sc.Referrals != 2 || sc.ReferredSpendFen != 3_500_000 || sc.Influence != 75 {
		t.Errorf("influence %+v", sc)
	}
	if err := s.db.WithTx(ctx, func(tx *sql.Tx) error { _, err := scoring.SetOpinionLeader(ctx, tx, none, true); return err }); err != nil {
		t.Fatal(err)
	}
	if sc := s.score(none); !sc.OpinionLeader || sc.Influence != 100 {
		t.Errorf("意见领袖 influence %+v", sc)
	}
	// Participation: 25 per event and 10 per follow-up in the last 12 months; older ones do not count.
	s.attend(small, 30)
	s.attend(small, 500)
	s.followUp(small, 5)
	s.followUp(small, 6)
	s.followUp(small, 800)
	if sc := s.score(small); sc.Events != 1 || sc.FollowUps != 2 || sc.Participation != 45 {
		t.Errorf("participation %+v", sc)
	}
	// Total with the default weights 50/30/20.
	sc := s.score(small)
	if want := 33.3*0.5 + 0*0.3 + 45*0.2; sc.Total != float64(int(want*10+0.5))/10 {
		t.Errorf("total %v, want %v", sc.Total, want)
	}
}

func TestWeightsAreValidatedAndChangeTheRanking(t *testing.T) {
	s := newShop(t)
	buyer, talker := s.customer("买得多"), s.customer("来得勤")
	s.buy(buyer, 3, 50000)
	for i := range 4 {
		s.attend(talker, 10+i)
	}
	r, err := scoring.Rank(ctx, s.db.R, 10, s.today)
	if err != nil || r.Items[0].Name != "买得多" || r.Weights != scoring.DefaultWeights {
		t.Fatalf("default ranking %+v %v", r, err)
	}
	bad := []struct {
		w    scoring.Weights
		want string
	}{
		{scoring.Weights{Buying: -1, Influence: 1, Participation: 1}, "购买力权重不能小于0"},
		{scoring.Weights{Buying: 1, Influence: 1, Participation: 101}, "参与度权重不能大于100"},
		{scoring.Weights{}, "三项权重不能都为0"},
	}
	for _, b := range bad {
		err := s.db.WithTx(ctx, func(tx *sql.Tx) error { _, err := scoring.SaveWeights(ctx, tx, b.w); return err })
		if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(errs.ToPayload(err).Message, b.want) {
			t.Errorf("%+v: %v", b.w, err)
		}
	}
	if w, _ := scoring.LoadWeights(ctx, s.db.R); w != scoring.DefaultWeights {
		t.Fatalf("bad weights were saved: %+v", w)
	}
	if err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := scoring.SaveWeights(ctx, tx, scoring.Weights{Buying: 0, Influence: 0, Participation: 1})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	r, _ = scoring.Rank(ctx, s.db.R, 10, s.today)
	if r.Items[0].Name != "来得勤" || r.Items[0].Total != 100 || r.Items[1].Total != 0 {
		t.Fatalf("participation-only ranking %+v", r.Items)
	}
}

func TestSuggestionsSkipTheVIPCircle(t *testing.T) {
	s := newShop(t)
	a, b := s.customer("甲"), s.customer("乙")
	s.buy(a, 3, 50000)
	s.buy(b, 3, 40000)
	r, _ := scoring.Rank(ctx, s.db.R, 10, s.today)
	// 甲 scores 50 (100 × 0.5): suggested; 乙 at 25 is below the bar.
	if !r.Items[0].Suggested || r.Items[1].Suggested {
		t.Fatalf("suggestions %+v", r.Items)
	}
	if err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		tag, err := tags.Ensure(ctx, tx, scoring.CircleTag, "#8B1E3F", "圈层")
		if err != nil {
			return err
		}
		_, _, err = tags.Apply(ctx, tx, tag.ID, []int64{a})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	r, _ = scoring.Rank(ctx, s.db.R, 10, s.today)
	if !r.Items[0].InCircle || r.Items[0].Suggested {
		t.Fatalf("a member of the circle is still suggested: %+v", r.Items[0])
	}
}
