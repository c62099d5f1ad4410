package figures

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The README's table must be what Table writes from build/bench.json: same heading, and every row's
// cells in the shapes Table gives them. The numbers themselves are whatever the last run measured.
func TestReadmeTableHasTheGeneratedShape(t *testing.T) {
	data, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows, ok := Rows(string(data))
	if !ok {
		t.Fatalf("README.md has no generated performance table between %q and %q with heading %v", BeginMarker, EndMarker, Header)
	}
	for _, r := range rows {
		checkRow(t, r)
	}
}

var (
	valueCell  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)? \S+$`)
	floorCell  = regexp.MustCompile(`^(—|[0-9]+(\.[0-9]+)? \S+（.+）)$`)
	ratioCell  = regexp.MustCompile(`^(—|[0-9]+(\.[0-9]+)?×)$`)
	targetCell = regexp.MustCompile(`^[≤<] [0-9]+(\.[0-9]+)?(× 基线| \S+)$`)
)

func checkRow(t *testing.T, r []string) {
	t.Helper()
	if len(r) != len(Header) {
		t.Fatalf("row %v has %d cells, want %d", r, len(r), len(Header))
	}
	for i, re := range map[int]*regexp.Regexp{1: valueCell, 2: floorCell, 3: ratioCell, 4: targetCell} {
		if !re.MatchString(r[i]) {
			t.Errorf("row %q: %s %q is not in the generated shape", r[0], Header[i], r[i])
		}
	}
	if (r[2] == "—") != (r[3] == "—") {
		t.Errorf("row %q: a floor and its ratio come together: %q, %q", r[0], r[2], r[3])
	}
	if r[5] != "达标" && r[5] != "**未达标**" {
		t.Errorf("row %q: result %q", r[0], r[5])
	}
	if _, err := time.Parse(time.DateTime, r[6]); err != nil {
		t.Errorf("row %q: measured %q: %v", r[0], r[6], err)
	}
}

// What Table writes reads back as rows of the same shape, with the numbers as given.
func TestTableRoundTrips(t *testing.T) {
	fs := []Figure{
		Figure{Name: "导入 10 万客户（8 列）", Value: 6.5, Unit: "s", Floor: 5, FloorName: "excelize 读取 | 一个事务写入", Limit: 1.5, OnRatio: true}.Settle(),
		Figure{Name: "客群实时计数 p99", Value: 250, Unit: "ms", Limit: 200, Below: true, Note: "另一核满载"}.Settle(),
	}
	for i := range fs {
		fs[i].Measured = "2026-12-04T18:00:00Z"
	}
	doc, err := Replace("前言\n"+BeginMarker+"\nold\n"+EndMarker+"\n后记", Table(fs))
	if err != nil {
		t.Fatal(err)
	}
	rows, ok := Rows(doc)
	if !ok || len(rows) != 2 {
		t.Fatalf("rows %v ok %v in\n%s", rows, ok, doc)
	}
	for _, r := range rows {
		checkRow(t, r)
	}
	want := [][]string{
		{"导入 10 万客户（8 列）", "6.5 s", "5 s（excelize 读取 | 一个事务写入）", "1.3×", "≤ 1.5× 基线", "达标", "2026-12-04 18:00:00"},
		{"客群实时计数 p99（另一核满载）", "250 ms", "—", "—", "< 200 ms", "**未达标**", "2026-12-04 18:00:00"},
	}
	for i := range want {
		if strings.Join(rows[i], "¦") != strings.Join(want[i], "¦") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
	if !strings.HasPrefix(doc, "前言\n") || !strings.HasSuffix(doc, EndMarker+"\n后记") {
		t.Errorf("text around the markers changed:\n%s", doc)
	}
}

// A ratio exactly at its limit passes; "<" targets do not pass at the limit.
func TestSettleJudgesAtTheLimit(t *testing.T) {
	if f := (Figure{Value: 3, Floor: 2, Limit: 1.5, OnRatio: true}).Settle(); !f.Pass || f.Ratio != 1.5 {
		t.Errorf("1.5× against ≤ 1.5×: %+v", f)
	}
	if f := (Figure{Value: 3.1, Floor: 2, Limit: 1.5, OnRatio: true}).Settle(); f.Pass {
		t.Errorf("1.55× against ≤ 1.5× passed: %+v", f)
	}
	if f := (Figure{Value: 200, Unit: "ms", Limit: 200, Below: true}).Settle(); f.Pass || f.Target != "< 200 ms" {
		t.Errorf("200 ms against < 200 ms: %+v", f)
	}
}
