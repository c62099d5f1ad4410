package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// droppedScan reports whether e is a Scan call whose error is thrown away. storetest.QueryRow(...).Scan
// returns nothing: it fails the test itself.
func droppedScan(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Scan" {
		return false
	}
	if inner, ok := sel.X.(*ast.CallExpr); ok {
		switch f := inner.Fun.(type) {
		case *ast.SelectorExpr:
			if pkg, ok := f.X.(*ast.Ident); ok && pkg.Name == "storetest" && f.Sel.Name == "QueryRow" {
				return false
			}
		case *ast.Ident: // inside package storetest
			if f.Name == "QueryRow" {
				return false
			}
		}
	}
	return true
}

// A test that drops a Scan error reads a failed query as zero and can pass on a broken database.
func TestNoTestDropsAScanError(t *testing.T) {
	fset := token.NewFileSet()
	var dropped []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.ExprStmt:
				if droppedScan(s.X) {
					dropped = append(dropped, fset.Position(s.Pos()).String())
				}
			case *ast.AssignStmt:
				for i, r := range s.Rhs {
					if id, ok := s.Lhs[min(i, len(s.Lhs)-1)].(*ast.Ident); ok && id.Name == "_" && droppedScan(r) {
						dropped = append(dropped, fset.Position(s.Pos()).String())
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dropped) > 0 {
		t.Fatalf("Scan errors dropped (check them, or use storetest.QueryRow):\n%s", strings.Join(dropped, "\n"))
	}
}
