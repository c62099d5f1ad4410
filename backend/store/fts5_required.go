//go:build !sqlite_fts5

package store

// Customer search is an SQLite FTS5 index, and mattn/go-sqlite3 compiles FTS5 in only with the build
// tag sqlite_fts5. Without it everything builds and then every database fails at its first migration
// with "no such module: fts5"; this deliberate type error stops the build instead, and the compiler
// prints the string, so the message names the fix. The Makefile passes the tag everywhere; by hand:
//
//	go test -tags sqlite_fts5 ./...
var _ int = "酒客通需要构建标签 sqlite_fts5（客户搜索用 SQLite FTS5），请加上 -tags sqlite_fts5，例如 go test -tags sqlite_fts5 ./..."
