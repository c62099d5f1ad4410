package tags_test

import (
	"bytes"
	"database/sql"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/members"
	"jiuke/backend/segments"
	"jiuke/backend/sheets"
	"jiuke/backend/tags"
)

// The tag filter of the member list and the segment filter of the customer list and its export.
func TestTagAndSegmentFiltersInListsAndExport(t *testing.T) {
	s := newShop(t)
	var ids []int64
	levels, _ := members.Levels(ctx, s.db.R)
	for i, name := range []string{"会员甲", "会员乙", "会员丙"} {
		if err := s.tx(func(tx *sql.Tx) error {
			r, err := members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: "1390000000" + string(rune('1'+i)), LevelID: levels[0].ID}, 0)
			ids = append(ids, r.CustomerID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	s.customer("非会员")
	var wine tags.Tag
	var seg segments.Segment
	if err := s.tx(func(tx *sql.Tx) (err error) {
		if wine, err = tags.Save(ctx, tx, 0, tags.Input{Name: "红酒爱好者"}); err != nil {
			return err
		}
		if _, _, err = tags.Apply(ctx, tx, wine.ID, ids[1:]); err != nil {
			return err
		}
		f := float64(wine.ID)
		seg, err = segments.Save(ctx, tx, 0, segments.Input{Name: "不爱红酒的", Definition: segments.Node{Op: "AND",
			Items: []segments.Node{{Field: "tag", Cmp: "not", Num: &f}}}}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	mp, err := members.List(ctx, s.db.R, members.MemberQuery{TagIDs: []int64{wine.ID}})
	if err != nil || mp.Total != 2 {
		t.Fatalf("members with the tag: %d %v", mp.Total, err)
	}
	cp, err := customers.List(ctx, s.db.R, customers.ListQuery{SegmentID: seg.ID, Sort: "name"})
	if err != nil || cp.Total != 2 {
		t.Fatalf("customers in the segment: %+v %v", cp, err)
	}
	var buf bytes.Buffer
	n, err := sheets.WriteCustomers(ctx, s.db.R, &buf, customers.ListQuery{SegmentID: seg.ID})
	if err != nil || n != 2 {
		t.Fatalf("export of the segment: %d %v", n, err)
	}
	f, _ := excelize.OpenReader(&buf)
	rows, _ := f.GetRows(sheets.ExportCustomers)
	if len(rows) != 3 || rows[1][0] != "会员甲" || rows[2][0] != "非会员" {
		t.Fatalf("exported rows %v", rows)
	}
	if _, err := customers.List(ctx, s.db.R, customers.ListQuery{SegmentID: 999}); err == nil {
		t.Fatal("a missing segment filtered nothing silently")
	}
}
