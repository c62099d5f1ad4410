package sheets

import (
	"encoding/csv"
	"math/rand"
	"slices"
	"strings"
	"testing"
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
