package segments

// SliceMin lets tests on a few hundred customers count in several slices (of a tag's customers, and
// of the span of several tags' common ids); it returns the undo.
func SliceMin(n int) func() {
	old := sliceMin
	sliceMin = n
	return func() { sliceMin = old }
}

// TagCountSQL is the query one slice of a tag-driven count runs, for plan checks.
func TagCountSQL(rest []Node, today string) (string, []any) { return tagCountSQL(rest, today) }

// CommonCountSQL is the query a slice of a count over n tags' common customers runs.
func CommonCountSQL(n int, rest []Node, today string) (string, []any) {
	return commonCountSQL(n, rest, today)
}
