package events_test

import (
	"database/sql"
	"jiuke/backend/segments"
	"slices"
	"testing"

	"jiuke/backend/events"
)

func names(cs []events.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	slices.Sort(out)
	return out
}

func TestCandidatesNarrowByLevelDistrictTagAndLastPurchase(t *testing.T) {
	f := newFixture(t)
	ev := f.event(0, "2026-12-05 19:00")
	gold, _ := f.member("金卡甲", "13500000001", 3)
	silver, _ := f.member("银卡乙", "13500000002", 2)
	plain := f.customer("散客丙", "13500000003", "F")
	f.purchase(gold, "2026-03-01", 10000, 0, "g1")
	f.purchase(silver, "2026-10-01", 10000, 0, "s1")
	f.tx(func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET district = '武侯区' WHERE id = ?`, silver); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tags (id, name, created_at) VALUES (7, '商务宴请', '2026-01-01T00:00:00Z')`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag_id, created_at) VALUES (?, 7, '2026-01-01T00:00:00Z')`, plain); err != nil {
			return err
		}
		_, err := events.AddGuests(ctx, tx, ev.ID, []int64{gold}, 0, 0)
		return err
	})
	// a saved segment: tagged 商务宴请 or living in 武侯区
	var seg segments.Segment
	f.tx(func(tx *sql.Tx) (err error) {
		seg, err = segments.Save(ctx, tx, 0, segments.Input{Name: "商务或武侯", Definition: segments.Node{Op: "OR", Items: []segments.Node{
			{Field: "tag", Cmp: "has", Num: ptr(7.0)}, {Field: "district", Cmp: "eq", Text: "武侯区"},
		}}}, 0)
		return err
	})
	find := func(fl events.Filter) []events.Candidate {
		t.Helper()
		cs, err := events.Candidates(ctx, f.db.R, ev.ID, fl)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	for _, c := range []struct {
		what string
		f    events.Filter
		want []string
	}{
		{"everyone", events.Filter{}, []string{"散客丙", "金卡甲", "银卡乙"}},
		{"a level", events.Filter{LevelID: 3}, []string{"金卡甲"}},
		{"a district", events.Filter{District: "武侯区"}, []string{"银卡乙"}},
		{"a tag", events.Filter{TagID: 7}, []string{"散客丙"}},
		{"bought since", events.Filter{LastPurchaseAfter: "2026-06-01"}, []string{"银卡乙"}},
		{"not bought since (or never)", events.Filter{LastPurchaseBefore: "2026-06-01"}, []string{"散客丙", "金卡甲"}},
		{"a mobile fragment", events.Filter{Text: "0002"}, []string{"银卡乙"}},
		{"a saved segment", events.Filter{SegmentID: seg.ID}, []string{"散客丙", "银卡乙"}},
		{"a segment narrowed by level", events.Filter{SegmentID: seg.ID, LevelID: 2}, []string{"银卡乙"}},
	} {
		if got := names(find(c.f)); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.what, got, c.want)
		}
	}
	all := find(events.Filter{LevelID: 3})
	if len(all) != 1 || !all[0].OnList {
		t.Fatalf("a guest already on the list is marked so: %+v", all)
	}
}

func ptr[T any](v T) *T { return &v }
