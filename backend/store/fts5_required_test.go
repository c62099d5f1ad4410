package store

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Built without the sqlite_fts5 tag, this package must fail to compile with a message naming the tag,
// rather than build and fail at run time with "no such module: fts5".
func TestBuildWithoutTheFTS5TagStopsWithAMessageNamingIt(t *testing.T) {
	const guard = "fts5_required.go"
	for _, tags := range [][]string{nil, {"sqlite_fts5"}} {
		ctx := build.Default
		ctx.BuildTags = tags
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := slices.Contains(pkg.GoFiles, guard), len(tags) == 0; got != want {
			t.Fatalf("tags %v: %s in the build = %v, want %v", tags, guard, got, want)
		}
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(".", guard), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var typeErrs []string
	conf := types.Config{Importer: importer.Default(), Error: func(err error) { typeErrs = append(typeErrs, err.Error()) }}
	conf.Check("store", fset, []*ast.File{f}, nil)
	if len(typeErrs) != 1 || !strings.Contains(typeErrs[0], "-tags sqlite_fts5") {
		t.Fatalf("compiling %s alone should fail once, naming -tags sqlite_fts5; got %q", guard, typeErrs)
	}
}
