package segments_test

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store/storetest"
)

func TestBadDefinitionsNameTheCondition(t *testing.T) {
	cases := []struct {
		def  segments.Node
		want string
	}{
		{segments.Node{Op: "AND", Items: []segments.Node{}}, "条件组：条件组不能为空"},
		{segments.Node{Op: "AND", Items: []segments.Node{
			{Field: "district", Cmp: "eq", Text: "锦江区"},
			{Op: "OR", Items: []segments.Node{{Field: "spend", Cmp: "gte", Days: ip(365)}}},
		}}, "条件 2.1：缺少数值"},
		{segments.Node{Op: "OR", Items: []segments.Node{{Op: "AND", Items: []segments.Node{}}}}, "条件 1：条件组不能为空"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "points", Cmp: "gte", Num: fp(-1)}}}, "条件 1：积分余额不能为负数"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "created", Cmp: "before", Text: "2026/1/1"}}}, "条件 1：日期格式应为"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "kind", Cmp: "eq", Text: "学校"}}}, "条件 1：客户类型“学校”无效"},
		{segments.Node{Op: "XOR", Items: []segments.Node{{Field: "service", Cmp: "bought"}}}, "请选择“且”或“或”"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "totalSpend", Cmp: "gte", Num: fp(0)}}}, "条件 1：累计消费应大于 0"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "totalSpend", Cmp: "lte", Num: fp(-5)}}}, "条件 1：累计消费不能为负数"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "totalSpend", Cmp: "within", Num: fp(5)}}}, "条件 1：请选择累计消费的比较方式"},
		// Bounds: a definition from the shop network cannot be huge or hold amounts that overflow.
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "spend", Cmp: "gte", Num: fp(1e300), Days: ip(365)}}}, "条件 1：消费金额不能超过 ¥100000000"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "points", Cmp: "gte", Num: fp(1e19)}}}, "条件 1：积分余额不能超过100000000"},
		{segments.Node{Op: "AND", Items: []segments.Node{{Field: "district", Cmp: "eq", Text: strings.Repeat("区", 201)}}}, "条件 1：区域不能超过200个字"},
		{segments.Node{Op: "OR", Items: slices.Repeat([]segments.Node{{Field: "service", Cmp: "bought"}}, 101)}, "客群条件过多"},
		{nested(6), "客群条件过多"},
	}
	for _, c := range cases {
		err := segments.Validate(c.def)
		if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(errs.ToPayload(err).Message, c.want) {
			t.Errorf("%+v: %v, want %q", c.def, err, c.want)
		}
	}
}

func TestSavedSegmentsFindTheirCustomers(t *testing.T) {
	db := storetest.Open(t)
	exec := func(q string, args ...any) int64 {
		res, err := db.W.ExecContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	a := exec(`INSERT INTO customers (name, district, created_at, updated_at) VALUES ('甲', '锦江区', '', '')`)
	exec(`INSERT INTO customers (name, district, created_at, updated_at) VALUES ('乙', '青羊区', '', '')`)
	gone := exec(`INSERT INTO customers (name, district, archived, created_at, updated_at) VALUES ('丙', '锦江区', 1, '', '')`)
	def := segments.Node{Op: "AND", Items: []segments.Node{{Field: "district", Cmp: "eq", Text: "锦江区"}}}
	var s segments.Segment
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		s, err = segments.Save(ctx, tx, 0, segments.Input{Name: "锦江客户", Definition: def}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if s.Count != 1 {
		t.Fatalf("count %d, want 1 (the archived one does not count)", s.Count)
	}
	ids, err := segments.CustomerIDs(ctx, db.R, s.ID)
	if err != nil || !slices.Equal(ids, []int64{a}) || slices.Contains(ids, gone) {
		t.Fatalf("CustomerIDs = %v, %v", ids, err)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := segments.Save(ctx, tx, 0, segments.Input{Name: "锦江客户", Definition: def}, 0)
		return err
	})
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("duplicate name: %v", err)
	}
	found, err := segments.FindByName(ctx, db.R, "锦江客户")
	if err != nil || found.ID != s.ID {
		t.Fatalf("FindByName: %+v %v", found, err)
	}
	if _, err := segments.FindByName(ctx, db.R, "不存在"); errs.CodeOf(err) != errs.CodeNotFound {
		t.Fatalf("missing segment: %v", err)
	}
}

// nested is a definition of depth groups, each holding the next.
func nested(depth int) segments.Node {
	n := segments.Node{Op: "AND", Items: []segments.Node{{Field: "service", Cmp: "bought"}}}
	for range depth - 1 {
		n = segments.Node{Op: "AND", Items: []segments.Node{n}}
	}
	return n
}
