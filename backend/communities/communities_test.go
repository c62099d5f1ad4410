package communities_test

import (
	"context"
	"database/sql"
	"fmt"
	"jiuke/backend/segments"
	"strings"
	"testing"

	"jiuke/backend/communities"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/points"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

type shop struct {
	t  *testing.T
	db *store.DB
	n  int
	// product is the one wine test purchases buy.
	product int64
}

func newShop(t *testing.T) *shop { return &shop{t: t, db: storetest.Open(t)} }

func (s *shop) tx(fn func(tx *sql.Tx) error) error { return s.db.WithTx(ctx, fn) }

func (s *shop) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// customer creates a customer; an empty mobile gets a unique one.
func (s *shop) customer(name, mobile string) int64 {
	s.t.Helper()
	if mobile == "" {
		s.n++
		mobile = fmt.Sprintf("139%08d", s.n)
	}
	var c customers.Customer
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		c, err = customers.Create(ctx, tx, customers.Input{Name: name, Mobile: mobile}, 0)
		return err
	}))
	return c.ID
}

func (s *shop) group(name string) communities.Group {
	s.t.Helper()
	var g communities.Group
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		g, err = communities.Save(ctx, tx, communities.Group{Name: name, State: "活跃"})
		return err
	}))
	return g
}

func (s *shop) add(req communities.AddRequest) (communities.AddResult, error) {
	var r communities.AddResult
	err := s.tx(func(tx *sql.Tx) (err error) {
		r, err = communities.AddMembers(ctx, tx, req, 0)
		return err
	})
	return r, err
}

func (s *shop) balance(id int64) int64 {
	s.t.Helper()
	b, err := points.Balance(ctx, s.db.R, id)
	s.must(err)
	return b
}

// bulk inserts n customers quickly with one statement each, returning their ids.
func (s *shop) bulk(prefix string, n int) []int64 {
	s.t.Helper()
	var ids []int64
	s.must(s.tx(func(tx *sql.Tx) error {
		for i := range n {
			s.n++
			res, err := tx.ExecContext(ctx, `INSERT INTO customers (name, mobile, mobile_last4, created_at, updated_at) VALUES (?,?,?,?,?)`,
				fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("138%08d", s.n), fmt.Sprintf("%04d", s.n%10000), store.Now(), store.Now())
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			ids = append(ids, id)
		}
		return nil
	}))
	return ids
}

func TestAddingPastFiveHundredIsRefusedWhole(t *testing.T) {
	s := newShop(t)
	g := s.group("锦江白酒爱好者群")
	ids := s.bulk("客", 502)
	r, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: ids[:150]})
	s.must(err)
	if r.Added != 150 || r.Split != nil {
		t.Fatalf("150 members: added %d, split %v", r.Added, r.Split)
	}
	r, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: ids[:250]})
	s.must(err)
	if r.Added != 100 || r.Already != 150 || r.Members != 250 {
		t.Fatalf("second add: %+v", r)
	}
	if len(r.Split) != 3 || r.Split[0].By != "district" || r.Split[2].Buckets[0] != (communities.Bucket{Value: "个人", Count: 250}) {
		t.Fatalf("past 200 a split is suggested by district, level and kind: %+v", r.Split)
	}
	_, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: ids[250:502]})
	if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "500") {
		t.Fatalf("252 more would make 502: want a refusal naming the limit, got %v", err)
	}
	got, _ := communities.Get(ctx, s.db.R, g.ID)
	if got.Members != 250 {
		t.Fatalf("a refused add changes nothing: %d members", got.Members)
	}
	r, err = s.add(communities.AddRequest{GroupID: g.ID, IDs: ids[250:500]})
	s.must(err)
	if r.Members != 500 {
		t.Fatalf("exactly 500 is allowed: %+v", r)
	}
	// Someone leaving makes room for one.
	s.must(s.tx(func(tx *sql.Tx) error { return communities.Leave(ctx, tx, g.ID, ids[0], "") }))
	if _, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: ids[500:501]}); err != nil {
		t.Fatalf("after one left, one more fits: %v", err)
	}
}

func TestASegmentsCustomersInNoGroupYet(t *testing.T) {
	s := newShop(t)
	a, b, c := s.customer("甲", ""), s.customer("乙", ""), s.customer("丙", "")
	s.customer("丁", "") // not in the segment
	g := s.group("品鉴群")
	dead := s.group("旧群")
	_, err := s.add(communities.AddRequest{GroupID: g.ID, IDs: []int64{a}})
	s.must(err)
	_, err = s.add(communities.AddRequest{GroupID: dead.ID, IDs: []int64{b}})
	s.must(err)
	dead.State = "已解散"
	s.must(s.tx(func(tx *sql.Tx) error { _, err := communities.Save(ctx, tx, dead); return err }))
	var seg segments.Segment
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		if _, err = tx.Exec(`UPDATE customers SET district = '锦江区' WHERE id IN (?, ?, ?)`, a, b, c); err != nil {
			return err
		}
		seg, err = segments.Save(ctx, tx, 0, segments.Input{Name: "锦江", Definition: segments.Node{Op: "AND", Items: []segments.Node{{Field: "district", Cmp: "eq", Text: "锦江区"}}}}, 0)
		return err
	}))
	ids := func(f communities.Filter) string {
		cands, err := communities.Candidates(ctx, s.db.R, g.ID, f)
		s.must(err)
		out := []int64{}
		for _, c := range cands {
			out = append(out, c.ID)
		}
		return fmt.Sprint(out)
	}
	if got, want := ids(communities.Filter{SegmentID: seg.ID}), fmt.Sprint([]int64{a, b, c}); got != want {
		t.Fatalf("the segment's customers: want %s, got %s", want, got)
	}
	if got, want := ids(communities.Filter{SegmentID: seg.ID, NoGroupOnly: true}), fmt.Sprint([]int64{b, c}); got != want {
		t.Fatalf("in no live group (b only in a dissolved one): want %s, got %s", want, got)
	}
}

func TestPastedRemarkNamesAreMatched(t *testing.T) {
	s := newShop(t)
	g := s.group("熟客群")
	zhang := s.customer("张三", "13800008000")
	s.customer("张三", "13900001234")
	li := s.customer("李四", "13700005555")
	wang := s.customer("王五", "13600006666")
	got, err := communities.MatchPasted(ctx, s.db.R, g.ID, "张三-8000\n李四，张三、王五 6666；赵六-1111\n  张三1234x")
	s.must(err)
	want := []struct {
		text, status string
		id           int64
	}{{"张三-8000", "matched", zhang}, {"李四", "matched", li}, {"张三", "ambiguous", 0}, {"王五-6666", "matched", wang},
		{"赵六-1111", "unmatched", 0}, {"张三1234x", "unmatched", 0}}
	if len(got) != len(want) {
		t.Fatalf("want %d lines, got %+v", len(want), got)
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Status != w.status || got[i].CustomerID != w.id {
			t.Errorf("line %d: want %+v, got %+v", i, w, got[i])
		}
	}
	if len(got[2].Candidates) != 2 {
		t.Errorf("an ambiguous name shows both candidates: %+v", got[2].Candidates)
	}
	if r := communities.RemarkName("{name}-{last4}", "张三", "13800008000"); r != "张三-8000" {
		t.Errorf("remark name: %s", r)
	}
	if r := communities.RemarkName("{last4}{name}", "李四", "13700005555"); r != "5555李四" {
		t.Errorf("configured remark pattern: %s", r)
	}
}
