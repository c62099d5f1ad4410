package communities_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"jiuke/backend/communities"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

func (s *shop) buy(customerID, groupID int64, key string) {
	s.t.Helper()
	s.must(s.tx(func(tx *sql.Tx) error {
		if s.product == 0 {
			p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 100000, Active: true})
			if err != nil {
				return err
			}
			s.product = p.ID
		}
		_, err := sales.Record(ctx, tx, sales.PurchaseInput{CustomerID: customerID, CommunityID: groupID, Key: key,
			Lines: []sales.LineInput{{ProductID: s.product, Qty: 1}}}, 0, false)
		return err
	}))
}

func TestFissionRewardsArePaidExactlyOnce(t *testing.T) {
	s := newShop(t)
	g := s.group("裂变群")
	inviter, friend, other := s.customer("老王", ""), s.customer("小李", ""), s.customer("小赵", "")
	_, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{inviter}})
	s.must(err)
	r, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{friend}, InviterID: inviter})
	s.must(err)
	if r.Rewarded != 1 || s.balance(inviter) != 20 {
		t.Fatalf("joining pays the default 20 points once: %+v, balance %d", r, s.balance(inviter))
	}
	// Leaving and rejoining (or a retried add) pays nothing more.
	s.must(s.tx(func(tx *sql.Tx) error { return communities.Leave(ctx, tx, g.ID, friend, "") }))
	r, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{friend}, InviterID: inviter})
	s.must(err)
	if r.Rewarded != 0 || s.balance(inviter) != 20 {
		t.Fatalf("rejoin pays nothing: %+v, balance %d", r, s.balance(inviter))
	}
	// The friend's first purchase pays the bigger reward; a second purchase does not.
	s.buy(friend, g.ID, "p1")
	if s.balance(inviter) != 120 {
		t.Fatalf("first buy pays 100 more: balance %d", s.balance(inviter))
	}
	s.buy(friend, g.ID, "p2")
	s.buy(friend, g.ID, "p1") // a retried request with the same key
	if s.balance(inviter) != 120 {
		t.Fatalf("later or retried purchases pay nothing more: balance %d", s.balance(inviter))
	}
	// A customer nobody invited earns their inviter nothing; settings change the amounts.
	_, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{other}})
	s.must(err)
	s.buy(other, 0, "p3")
	bought, err := sales.ForCustomer(ctx, s.db.R, friend, sales.Page{Limit: 10})
	s.must(err)
	if len(bought) != 2 || bought[0].CommunityName != "裂变群" {
		t.Fatalf("the member's purchases name the group they came from: %+v", bought)
	}
	if s.balance(inviter) != 120 {
		t.Fatalf("uninvited purchase pays nothing: %d", s.balance(inviter))
	}
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := communities.SaveSettings(ctx, tx, communities.Settings{RemarkPattern: "{name}-{last4}", JoinPoints: 0, FirstBuyPoints: 50})
		return err
	}))
	late := s.customer("小孙", "")
	r, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{late}, InviterID: friend})
	s.must(err)
	var bonuses int
	s.must(s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM points_entries WHERE customer_id = ? AND kind = 'bonus'`, friend).Scan(&bonuses))
	if r.Rewarded != 0 || bonuses != 0 {
		t.Fatalf("a zero join reward pays nothing: %+v", r)
	}
	// Everything went through the ledger as bonus entries with the fission keys.
	var n int
	s.must(s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM points_entries WHERE kind = ? AND (idem_key = ? OR idem_key = ?)`,
		points.KindBonus, fmt.Sprintf("fission-join:%d:%d", g.ID, friend), fmt.Sprintf("fission-first-buy:%d", friend)).Scan(&n))
	if n != 2 {
		t.Fatalf("two bonus entries under the fission keys, got %d", n)
	}
	tree, err := communities.CustomerInvites(ctx, s.db.R, inviter)
	s.must(err)
	if len(tree) != 2 || tree[0].ID != friend || tree[1].ID != late || tree[1].Depth != 2 {
		t.Fatalf("inviter tree: 小李 directly, 小孙 through 小李: %+v", tree)
	}
	h, err := communities.HealthReport(ctx, s.db.R, "")
	s.must(err)
	if h[0].Sales90Fen != 200000 || h[0].Members != 4 || h[0].Joins30 != 4 || h[0].Leaves30 != 0 {
		t.Fatalf("health: sales from the group ¥2000, 4 members joined: %+v", h[0])
	}
}

func (s *shop) gift(name string, stock int64) int64 {
	var g points.Gift
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		g, err = points.SaveGift(ctx, tx, points.Gift{Name: name, PointsCost: 100, Stock: stock, Active: true})
		return err
	}))
	return g.ID
}

func (s *shop) draw(req communities.DrawRequest) (communities.DrawResult, error) {
	var d communities.DrawResult
	err := s.tx(func(tx *sql.Tx) (err error) {
		d, err = communities.Draw(ctx, tx, req, 0)
		return err
	})
	return d, err
}

func stock(s *shop, id int64) int64 {
	var n int64
	s.must(s.db.R.QueryRowContext(ctx, `SELECT stock FROM gifts WHERE id = ?`, id).Scan(&n))
	return n
}

func TestSeededShuffleIsReproducibleAndFair(t *testing.T) {
	pool := []int64{9, 3, 7, 1, 5}
	a, err := communities.Shuffle(pool, "00112233445566778899aabbccddeeff")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := communities.Shuffle([]int64{1, 3, 5, 7, 9}, "00112233445566778899aabbccddeeff")
	if !slices.Equal(a, b) {
		t.Fatalf("same seed and pool, any input order: same result: %v vs %v", a, b)
	}
	c, _ := communities.Shuffle(pool, "ffeeddccbbaa99887766554433221100")
	if slices.Equal(a, c) {
		t.Fatalf("another seed gives another order: %v", c)
	}
	// Over many seeds everyone wins first place, and about equally often.
	wins := map[int64]int{}
	for range 5000 {
		order, _ := communities.Shuffle(pool, communities.NewSeed())
		wins[order[0]]++
		sorted := slices.Sorted(slices.Values(order))
		if !slices.Equal(sorted, []int64{1, 3, 5, 7, 9}) {
			t.Fatalf("a shuffle is a permutation: %v", order)
		}
	}
	for _, id := range pool {
		if wins[id] < 800 || wins[id] > 1200 {
			t.Errorf("customer %d won %d of 5000 (expected about 1000): %v", id, wins[id], wins)
		}
	}
	if _, err := communities.Shuffle(pool, "xyz"); errs.CodeOf(err) != errs.CodeInvalid {
		t.Errorf("a bad seed is refused: %v", err)
	}
}

func TestDrawRecordsWinnersTakesStockAndVerifies(t *testing.T) {
	s := newShop(t)
	g := s.group("抽奖群")
	ids := s.bulk("会员", 6)
	_, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: ids})
	s.must(err)
	staffTag := int64(0)
	s.must(s.tx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO tags (name, created_at) VALUES ('员工', ?)`, store.Now())
		if err != nil {
			return err
		}
		staffTag, _ = res.LastInsertId()
		_, err = tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at) VALUES (?, ?, ?)`, ids[0], staffTag, store.Now())
		return err
	}))
	wine, cup := s.gift("红酒一瓶", 5), s.gift("酒杯", 1)
	req := communities.DrawRequest{GroupID: g.ID, Title: "周年抽奖", ExcludeTag: "员工", ExcludeIDs: []int64{ids[1]},
		Prizes: []communities.Prize{{GiftID: wine, Count: 2}, {GiftID: cup, Count: 1}}}
	d, err := s.draw(req)
	s.must(err)
	if len(d.Winners) != 3 || d.PoolSize != 4 || len(d.Seed) != 32 {
		t.Fatalf("3 winners from a pool of 4 (staff and one listed excluded): %+v", d)
	}
	seen := map[int64]bool{}
	for _, w := range d.Winners {
		if w.CustomerID == ids[0] || w.CustomerID == ids[1] || seen[w.CustomerID] {
			t.Fatalf("an excluded person or a double winner: %+v", d.Winners)
		}
		seen[w.CustomerID] = true
	}
	if d.Winners[0].GiftName != "红酒一瓶" || d.Winners[2].GiftName != "酒杯" || stock(s, wine) != 3 || stock(s, cup) != 0 {
		t.Fatalf("prizes in order and stock taken: %+v, stock %d %d", d.Winners, stock(s, wine), stock(s, cup))
	}
	v, err := communities.Verify(ctx, s.db.R, d.ID)
	s.must(err)
	if !v.Reproduced {
		t.Fatalf("re-running the seed reproduces the winners")
	}
	// Earlier winners are out by default: one eligible person is left, so two prizes are refused,
	// with the stock untouched and no draw recorded.
	_, err = s.draw(communities.DrawRequest{GroupID: g.ID, Title: "二轮", Prizes: []communities.Prize{{GiftID: wine, Count: 2}},
		ExcludeTag: "员工", ExcludeIDs: []int64{ids[1]}})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "可参与的只有 1 人") {
		t.Fatalf("more prizes than people: %v", err)
	}
	if stock(s, wine) != 3 {
		t.Fatalf("a refused draw takes no stock: %d", stock(s, wine))
	}
	all, _ := communities.Draws(ctx, s.db.R, g.ID, 0)
	if len(all) != 1 {
		t.Fatalf("a refused draw is not recorded: %d draws", len(all))
	}
	// Short stock is refused.
	_, err = s.draw(communities.DrawRequest{GroupID: g.ID, Title: "三轮", AllowPastWinners: true, Prizes: []communities.Prize{{GiftID: cup, Count: 1}}})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "库存不足") {
		t.Fatalf("short stock: %v", err)
	}
	acts, _ := communities.Activities(ctx, s.db.R, g.ID)
	if len(acts) != 1 || acts[0].Kind != "抽奖" || acts[0].Participants != 4 {
		t.Fatalf("the recorded draw is logged as the group's activity: %+v", acts)
	}
	// An event's pool is its checked-in guests only.
	s.must(s.tx(func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (id, name, kind, starts_at, ends_at, created_at, updated_at)
			VALUES (7, '秋季品鉴会', '品鉴会', '2026-10-01 19:00', '2026-10-01 21:00', ?, ?)`, store.Now(), store.Now()); err != nil {
			return err
		}
		for i, st := range []string{"checked_in", "checked_in", "confirmed", "no_show"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (7, ?, ?, ?, ?)`,
				ids[i+2], st, store.Now(), store.Now()); err != nil {
				return err
			}
		}
		return nil
	}))
	ev, err := s.draw(communities.DrawRequest{EventID: 7, Title: "品鉴会抽奖", Prizes: []communities.Prize{{GiftID: wine, Count: 2}}})
	s.must(err)
	got := []int64{ev.Winners[0].CustomerID, ev.Winners[1].CustomerID}
	slices.Sort(got)
	if ev.PoolSize != 2 || !slices.Equal(got, []int64{ids[2], ids[3]}) || stock(s, wine) != 1 {
		t.Fatalf("both checked-in guests win, nobody else: %+v, stock %d", ev, stock(s, wine))
	}
	// An event with nobody checked in has an empty pool.
	_, err = s.draw(communities.DrawRequest{EventID: 99, Title: "活动抽奖", Prizes: []communities.Prize{{GiftID: wine, Count: 1}}})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "没有可参与") || stock(s, wine) != 1 {
		t.Fatalf("empty pool: %v, stock %d", err, stock(s, wine))
	}
}

func TestEveryEligibleMemberCanWinADraw(t *testing.T) {
	s := newShop(t)
	g := s.group("公平群")
	ids := s.bulk("人", 4)
	_, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: ids})
	s.must(err)
	wine := s.gift("奖品", 1000)
	won := map[int64]bool{}
	for i := range 40 {
		d, err := s.draw(communities.DrawRequest{GroupID: g.ID, Title: fmt.Sprint("第", i), AllowPastWinners: true,
			Prizes: []communities.Prize{{GiftID: wine, Count: 1}}})
		s.must(err)
		won[d.Winners[0].CustomerID] = true
	}
	if len(won) != 4 {
		t.Fatalf("over 40 draws each of 4 members wins at least once (chance of failing ≈ 4×0.75^40): %v", won)
	}
}

func TestFissionRewardCanBeAGiftWhileInStock(t *testing.T) {
	s := newShop(t)
	g := s.group("礼品裂变群")
	cup := s.gift("定制酒杯", 1)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := communities.SaveSettings(ctx, tx, communities.Settings{RemarkPattern: "{name}-{last4}", JoinPoints: 30, FirstBuyPoints: 0, JoinGiftID: cup})
		return err
	}))
	inviter, a, b := s.customer("老王", ""), s.customer("甲", ""), s.customer("乙", "")
	_, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{inviter}})
	s.must(err)
	r, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{a}, InviterID: inviter})
	s.must(err)
	var redeemed int
	s.must(s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM redemptions WHERE customer_id = ? AND gift_id = ? AND cancelled_at IS NULL`, inviter, cup).Scan(&redeemed))
	if r.Rewarded != 1 || redeemed != 1 || stock(s, cup) != 0 || s.balance(inviter) != 0 {
		t.Fatalf("the gift is handed out (stock taken, balance unchanged): %+v redeemed=%d stock=%d balance=%d", r, redeemed, stock(s, cup), s.balance(inviter))
	}
	// Out of stock: the points are paid instead.
	r, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{b}, InviterID: inviter})
	s.must(err)
	if r.Rewarded != 1 || s.balance(inviter) != 30 {
		t.Fatalf("without stock the points are paid: %+v balance %d", r, s.balance(inviter))
	}
	// A reward gift must be in the catalogue.
	err = s.tx(func(tx *sql.Tx) error {
		_, err := communities.SaveSettings(ctx, tx, communities.Settings{RemarkPattern: "{name}", JoinGiftID: 999})
		return err
	})
	if errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("unknown gift: %v", err)
	}
}
