package segments

// SliceMin lets tests on a few hundred customers count in several slices (a tag's, and the span of
// several tags' common ids); it returns the undo.
func SliceMin(n int) func() {
	old, oldSpan := sliceMin, spanSlice
	sliceMin, spanSlice = n, int64(n)
	return func() { sliceMin, spanSlice = old, oldSpan }
}

// TagCountSQL is the query one slice of a tag-driven count runs, for plan checks.
func TagCountSQL(rest []Node, today string) (string, []any) { return tagCountSQL(rest, today) }

// ListCountSQL is the query a slice of a count over several tags' common customers runs.
func ListCountSQL(rest []Node, today string) (string, []any) { return listCountSQL(rest, today) }
