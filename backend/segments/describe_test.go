package segments_test

import (
	"testing"

	"jiuke/backend/segments"
	"jiuke/backend/store/storetest"
)

func TestDescribeReadsADefinitionAsText(t *testing.T) {
	db := storetest.Open(t)
	res, err := db.W.ExecContext(ctx, `INSERT INTO tags (name, created_at) VALUES ('酱香爱好者', '')`)
	if err != nil {
		t.Fatal(err)
	}
	tagID, _ := res.LastInsertId()
	var gold int64
	if err := db.R.QueryRow(`SELECT id FROM member_levels WHERE name = '金卡'`).Scan(&gold); err != nil {
		t.Fatal(err)
	}
	f := func(v float64) *float64 { return &v }
	d := func(v int) *int { return &v }
	def := segments.Node{Op: "AND", Items: []segments.Node{
		{Field: "level", Cmp: "is", Num: f(float64(gold))},
		{Field: "spend", Cmp: "gte", Num: f(5000), Days: d(365)},
		{Op: "OR", Items: []segments.Node{
			{Field: "tag", Cmp: "has", Num: f(float64(tagID))},
			{Field: "district", Cmp: "ne", Text: "锦江区"},
			{Field: "gender", Cmp: "eq", Text: "F"},
		}},
		{Field: "lastPurchase", Cmp: "notWithin", Days: d(90)},
		{Field: "tag", Cmp: "not", Num: f(999)},
	}}
	got := segments.Describe(ctx, db.R, def)
	want := "等级=金卡 且 近365天消费≥¥5,000 且 （有标签「酱香爱好者」 或 区域≠锦江区 或 性别=女） 且 近90天没有消费 且 没有标签「#999」"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
