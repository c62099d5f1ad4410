package sheets

import (
	"encoding/csv"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// The CSV scanner replaced encoding/csv to bound its memory; on any text within the limits it must
// cut the same records, so random texts of quotes, delimiters and line ends are read by both.
func TestCSVScanCutsRecordsAsEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	parts := []string{"a", "张", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "b c"}
	compared := 0
	for n := range 20000 {
		var sb strings.Builder
		for range rng.Intn(14) {
			sb.WriteString(parts[rng.Intn(len(parts))])
		}
		text := sb.String()
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord, r.LazyQuotes = -1, true
		want, err := r.ReadAll()
		if err != nil {
			continue // a text encoding/csv refuses even lazily; ours reads it some way, as long as it does not panic
		}
		compared++
		s := &csvScan{text: text, comma: ',', collect: true}
		var got [][]string
		for s.Next() {
			got = append(got, s.Cells())
		}
		if s.Err() != nil || !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("case %d %q: got %q, want %q (%v)", n, text, got, want, s.Err())
		}
	}
	if compared < 10000 {
		t.Fatalf("only %d texts compared", compared)
	}
}

// A row kept after reading (an error report keeps failed rows) holds its own cells, not the text of
// the whole file, so twenty kept reports do not hold twenty uploads.
func TestCSVRowsDoNotHoldTheWholeText(t *testing.T) {
	text := "姓名,手机\n" + strings.Repeat("张三,13800138000\n", 100_000)
	s := &csvScan{text: text, comma: ',', collect: true}
	s.Next()
	s.Next()
	cell := s.Cells()[0]
	if unsafe.StringData(cell) == unsafe.StringData(text[len("姓名,手机\n"):]) {
		t.Fatal("the cell is a slice of the file's text")
	}
	if s.Cells()[0] != "张三" || s.Cells()[1] != "13800138000" {
		t.Fatalf("cells %q", s.Cells())
	}
}
