package communities_test

import (
	"database/sql"
	"testing"

	"jiuke/backend/communities"
	"jiuke/backend/customers"
)

func TestMergingCustomersMovesTheirGroupPlaces(t *testing.T) {
	s := newShop(t)
	both, onlyMerged := s.group("两人都在的群"), s.group("只有旧档案在的群")
	keep, gone, friend := s.customer("张三", ""), s.customer("张三（旧）", ""), s.customer("李四", "")
	for _, r := range []communities.AddRequest{{GroupID: both.ID, IDs: []int64{keep, gone}}, {GroupID: onlyMerged.ID, IDs: []int64{gone}},
		{GroupID: onlyMerged.ID, IDs: []int64{friend}, InviterID: gone}} {
		if _, err := s.add(r); err != nil {
			t.Fatal(err)
		}
	}
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: keep, MergedID: gone}, 0)
		return err
	}))
	// The group both were in keeps one row (the survivor's); the other moves to the survivor.
	for g, want := range map[communities.Group]int{both: 1, onlyMerged: 2} {
		got, err := communities.Get(ctx, s.db.R, g.ID)
		s.must(err)
		ms, err := communities.Members(ctx, s.db.R, g.ID, true)
		s.must(err)
		if len(ms) != want {
			t.Fatalf("%s lists %d members, want %d: %+v", g.Name, len(ms), want, ms)
		}
		for _, m := range ms {
			if m.CustomerID == gone {
				t.Fatalf("%s still lists the merged record: %+v", g.Name, ms)
			}
		}
		if got.Members != want {
			t.Fatalf("%s: %d members, want %d", g.Name, got.Members, want)
		}
	}
	tree, _ := communities.CustomerInvites(ctx, s.db.R, keep)
	if len(tree) != 1 || tree[0].ID != friend {
		t.Fatalf("the survivor is now the friend's inviter: %+v", tree)
	}
}
