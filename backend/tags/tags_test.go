package tags_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
	"jiuke/backend/tags"
)

var ctx = context.Background()

type shop struct {
	t  *testing.T
	db *store.DB
	n  int
}

func newShop(t *testing.T) *shop { return &shop{t: t, db: storetest.Open(t)} }

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
	return s.exec(`INSERT INTO customers (name, created_at, updated_at) VALUES (?, ?, ?)`, name, store.Now(), store.Now())
}

// buy records a purchase daysAgo shop days ago with one line of category (service for 服务).
func (s *shop) buy(cid int64, daysAgo int, yuan int64, category string) int64 {
	s.n++
	date := segments.DaysBefore(store.Today(), daysAgo)
	pid := s.exec(`INSERT INTO purchases (customer_id, date, total_fen, idem_key, created_at) VALUES (?, ?, ?, ?, ?)`,
		cid, date, yuan*100, fmt.Sprintf("k%d", s.n), store.Now())
	service := 0
	if category == "服务" {
		service = 1
	}
	s.exec(`INSERT INTO purchase_lines (purchase_id, product_name, category, service, qty, unit_fen, amount_fen) VALUES (?, ?, ?, ?, 1, ?, ?)`,
		pid, category+"商品", category, service, yuan*100, yuan*100)
	return pid
}

func (s *shop) attend(cid int64, times int) {
	for range times {
		s.n++
		eid := s.exec(`INSERT INTO events (name, kind, starts_at, ends_at, created_at, updated_at) VALUES (?, '品鉴会', '2026-01-01 18:00', '2026-01-01 21:00', ?, ?)`,
			fmt.Sprintf("活动%d", s.n), store.Now(), store.Now())
		s.exec(`INSERT INTO event_guests (event_id, customer_id, status, status_at, created_at) VALUES (?, ?, 'checked_in', ?, ?)`, eid, cid, store.Now(), store.Now())
	}
}

func (s *shop) tx(fn func(tx *sql.Tx) error) error { return s.db.WithTx(ctx, fn) }

// carriers names the active customers carrying tag id, sorted.
func (s *shop) carriers(id int64) []string {
	s.t.Helper()
	rows, err := s.db.R.QueryContext(ctx, `SELECT c.name FROM customer_tags ct JOIN customers c ON c.id = ct.customer_id WHERE ct.tag_id = ? ORDER BY c.name`, id)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			s.t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return out
}

func (s *shop) tagByName(name string) tags.Tag {
	s.t.Helper()
	all, err := tags.List(ctx, s.db.R)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, t := range all {
		if t.Name == name {
			return t
		}
	}
	s.t.Fatalf("no tag %s", name)
	return tags.Tag{}
}

func f(v float64) *float64 { return &v }
func d(v int) *int         { return &v }

func TestEverySmartRuleKind(t *testing.T) {
	s := newShop(t)
	big, small, old, never, fan, guest, svc, wine, bday, gold := s.customer("大户"), s.customer("小户"), s.customer("老客"),
		s.customer("新人"), s.customer("推荐人"), s.customer("常客"), s.customer("服务客"), s.customer("红酒客"), s.customer("十月生"), s.customer("金卡客")
	s.buy(big, 10, 15000, "白酒")
	s.buy(big, 100, 6000, "白酒")
	s.buy(big, 400, 90000, "白酒") // outside 365 days
	refunded := s.buy(small, 5, 25000, "白酒")
	s.exec(`INSERT INTO refunds (purchase_id, amount_fen, points_reversed, shortfall_points, deduct_fen, paid_fen, idem_key, created_at) VALUES (?, 1000000, 0, 0, 0, 0, 'r1', ?)`, refunded, store.Now())
	s.buy(old, 200, 300, "啤酒")
	s.exec(`UPDATE customers SET referrer_id = ? WHERE id IN (?, ?)`, fan, never, small)
	s.attend(guest, 2)
	s.attend(fan, 1)
	s.buy(svc, 30, 800, "服务")
	s.buy(wine, 3, 500, "葡萄酒")
	s.exec(`UPDATE customers SET birth_month = 10 WHERE id = ?`, bday)
	s.exec(`INSERT INTO memberships (customer_id, level_id, level_since, registered_at) SELECT ?, id, ?, ? FROM member_levels WHERE name = '金卡'`, gold, store.Today(), store.Now())
	var goldID float64
	storetest.QueryRow(s.t, s.db.R, `SELECT id FROM member_levels WHERE name = '金卡'`).Scan(&goldID)

	cases := []struct {
		rule segments.Node
		want []string
	}{
		{segments.Node{Field: "spend", Cmp: "gte", Num: f(20000), Days: d(365)}, []string{"大户"}}, // 小户 spent 25000 but 10000 came back
		{segments.Node{Field: "spend", Cmp: "gte", Num: f(15000), Days: d(365)}, []string{"大户", "小户"}},
		{segments.Node{Field: "lastPurchase", Cmp: "olderThan", Days: d(180)}, []string{"老客"}},
		{segments.Node{Field: "events", Cmp: "gte", Num: f(2)}, []string{"常客"}},
		{segments.Node{Field: "referrals", Cmp: "gte", Num: f(2)}, []string{"推荐人"}},
		{segments.Node{Field: "category", Cmp: "bought", Text: "葡萄酒"}, []string{"红酒客"}},
		{segments.Node{Field: "service", Cmp: "bought"}, []string{"服务客"}},
		{segments.Node{Field: "birthMonth", Cmp: "eq", Num: f(10)}, []string{"十月生"}},
		{segments.Node{Field: "level", Cmp: "is", Num: f(goldID)}, []string{"金卡客"}},
	}
	for i, c := range cases {
		var tag tags.Tag
		rule := c.rule
		if err := s.tx(func(tx *sql.Tx) (err error) {
			tag, err = tags.Save(ctx, tx, 0, tags.Input{Name: fmt.Sprintf("规则%d", i), Rule: &rule})
			return err
		}); err != nil {
			t.Fatalf("%s: %v", c.rule.Field, err)
		}
		if got := s.carriers(tag.ID); !slices.Equal(got, c.want) {
			t.Errorf("%s %s: carriers %v, want %v", c.rule.Field, c.rule.Cmp, got, c.want)
		}
		if tag.Count != len(c.want) || tag.Kind != "smart" {
			t.Errorf("%s: tag says %d carriers, kind %s", c.rule.Field, tag.Count, tag.Kind)
		}
	}
}

func TestShippedSmartTagsRecomputeWhenDataChanges(t *testing.T) {
	s := newShop(t)
	sleeper, buyer := s.customer("沉睡的"), s.customer("活跃的")
	s.buy(sleeper, 200, 100, "白酒")
	s.buy(buyer, 1, 100, "白酒")
	for _, name := range []string{"消费2万元以上", "愿意转介绍", "常参加线下活动", "购买服务类产品", "沉睡客户"} {
		if tg := s.tagByName(name); tg.Kind != "smart" || tg.Rule == nil {
			t.Fatalf("default smart tag %s missing its rule: %+v", name, tg)
		}
	}
	stale, _ := tags.Stale(ctx, s.db.R)
	if !stale {
		t.Fatal("never computed smart tags should be stale")
	}
	var progress []tags.Progress
	if err := s.tx(func(tx *sql.Tx) error {
		_, err := tags.RecomputeAll(ctx, tx, store.Today(), func(p tags.Progress) { progress = append(progress, p) })
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(progress) != 5 || progress[4].Done != 5 || progress[4].Total != 5 {
		t.Fatalf("progress %+v", progress)
	}
	sleeping := s.tagByName("沉睡客户")
	if got := s.carriers(sleeping.ID); !slices.Equal(got, []string{"沉睡的"}) {
		t.Fatalf("沉睡客户 = %v", got)
	}
	if stale, _ := tags.Stale(ctx, s.db.R); stale {
		t.Fatal("fresh recompute still stale")
	}
	s.buy(sleeper, 0, 100, "白酒") // the sleeper comes back
	if stale, _ := tags.Stale(ctx, s.db.R); !stale {
		t.Fatal("a new purchase did not mark smart tags stale")
	}
	if err := s.tx(func(tx *sql.Tx) error { _, err := tags.RecomputeAll(ctx, tx, store.Today(), nil); return err }); err != nil {
		t.Fatal(err)
	}
	if got := s.carriers(sleeping.ID); len(got) != 0 {
		t.Fatalf("沉睡客户 after a purchase = %v", got)
	}
}

func TestBadRulesAndDuplicateNamesSaveNothing(t *testing.T) {
	s := newShop(t)
	before, _ := tags.List(ctx, s.db.R)
	bad := []struct {
		in   tags.Input
		want string
	}{
		{tags.Input{Name: "大客户", Rule: &segments.Node{Field: "spend", Cmp: "gte", Days: d(365)}}, "缺少数值"},
		{tags.Input{Name: "大客户", Rule: &segments.Node{Field: "spend", Cmp: "gte", Num: f(-5), Days: d(365)}}, "不能为负数"},
		{tags.Input{Name: "大客户", Rule: &segments.Node{Field: "spend", Cmp: "gte", Num: f(100)}}, "缺少统计天数"},
		{tags.Input{Name: "常来", Rule: &segments.Node{Field: "events", Cmp: "gte", Num: f(0)}}, "参加活动次数应为不小于 1 的整数"},
		{tags.Input{Name: "沉睡客户"}, "已有名为“沉睡客户”的标签"},
		{tags.Input{Name: " "}, "请填写标签名称"},
		{tags.Input{Name: "红", Colour: "red"}, "颜色格式"},
	}
	for _, b := range bad {
		err := s.tx(func(tx *sql.Tx) error { _, err := tags.Save(ctx, tx, 0, b.in); return err })
		if err == nil || !strings.Contains(errs.ToPayload(err).Message, b.want) {
			t.Errorf("%+v: got %v, want message with %q", b.in, err, b.want)
		}
	}
	after, _ := tags.List(ctx, s.db.R)
	if len(after) != len(before) {
		t.Fatalf("bad input saved a tag: %d -> %d", len(before), len(after))
	}
}

func TestBulkTaggingIsAllOrNothingAndMergeKeepsTags(t *testing.T) {
	s := newShop(t)
	a, b, c := s.customer("甲"), s.customer("乙"), s.customer("丙")
	var vip tags.Tag
	if err := s.tx(func(tx *sql.Tx) (err error) {
		vip, err = tags.Save(ctx, tx, 0, tags.Input{Name: "VIP圈", Colour: "#F56C6C", Group: "圈层"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	err := s.tx(func(tx *sql.Tx) error { _, _, err := tags.Apply(ctx, tx, vip.ID, []int64{a, b, 99999}); return err })
	if errs.CodeOf(err) != errs.CodeNotFound || len(s.carriers(vip.ID)) != 0 {
		t.Fatalf("bulk with a missing customer: %v, carriers %v", err, s.carriers(vip.ID))
	}
	var added int
	if err := s.tx(func(tx *sql.Tx) (err error) { _, added, err = tags.Apply(ctx, tx, vip.ID, []int64{a, b}); return err }); err != nil || added != 2 {
		t.Fatalf("apply: %d %v", added, err)
	}
	if err := s.tx(func(tx *sql.Tx) (err error) { _, added, err = tags.Apply(ctx, tx, vip.ID, []int64{b, c}); return err }); err != nil || added != 1 {
		t.Fatalf("apply again: %d %v", added, err)
	}
	sleeping := s.tagByName("沉睡客户")
	if err := s.tx(func(tx *sql.Tx) error { _, _, err := tags.Apply(ctx, tx, sleeping.ID, []int64{a}); return err }); err == nil ||
		!strings.Contains(errs.ToPayload(err).Message, "智能标签") {
		t.Fatalf("a smart tag was applied by hand: %v", err)
	}
	// 丙 is merged into 甲: 甲 keeps one VIP圈 tag, 丙's goes with the merge.
	if err := s.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: a, MergedID: c}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := s.carriers(vip.ID); !slices.Equal(got, []string{"乙", "甲"}) {
		t.Fatalf("after merge carriers %v", got)
	}
	page, err := customers.List(ctx, s.db.R, customers.ListQuery{TagIDs: []int64{vip.ID}})
	if err != nil || page.Total != 2 {
		t.Fatalf("tag filter: %d %v", page.Total, err)
	}
	if err := s.tx(func(tx *sql.Tx) error { _, _, err := tags.Remove(ctx, tx, vip.ID, []int64{b}); return err }); err != nil {
		t.Fatal(err)
	}
	if got := s.carriers(vip.ID); !slices.Equal(got, []string{"甲"}) {
		t.Fatalf("after remove %v", got)
	}
	// The tags page counts active customers only: an archived carrier drops out of the count.
	if err := s.tx(func(tx *sql.Tx) error { _, _, err := tags.Apply(ctx, tx, vip.ID, []int64{b}); return err }); err != nil {
		t.Fatal(err)
	}
	s.exec(`UPDATE customers SET archived = 1, archive_reason = '离店' WHERE id = ?`, b)
	list, err := tags.List(ctx, s.db.R)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range list {
		if tg.ID == vip.ID && tg.Count != 1 {
			t.Fatalf("VIP圈 counts %d active carriers, want 1", tg.Count)
		}
	}
	if tg, err := tags.Get(ctx, s.db.R, vip.ID); err != nil || tg.Count != 1 {
		t.Fatalf("Get counts %d, %v; want 1", tg.Count, err)
	}
}
