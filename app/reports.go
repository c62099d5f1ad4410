package app

import (
	"bytes"
	"context"
	"database/sql"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/reports"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// Reports is the home page's figures and the reports page (报表): charts and their exports.
type Reports struct{ core *Core }

// Dashboard is every figure of the home page in one read, for today in the shop's time zone.
func (s *Reports) Dashboard() (reports.Dashboard, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return reports.Dashboard{}, err
	}
	return reports.Load(ctx, db, time.Now().In(store.Shop))
}

// Charts is every report for a range of months: member growth, sales by level and by category,
// points flow and staff performance.
func (s *Reports) Charts(r reports.Range) (reports.Charts, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return reports.Charts{}, err
	}
	return reports.LoadCharts(ctx, db, r)
}

// Export writes one report (growth, sales, points, staff) for a range to .xlsx, logged like every export.
func (s *Reports) Export(kind string, r reports.Range) (ExportFile, error) {
	// The kind is checked after the permission check (a clerk learns nothing about kinds) and before
	// the save dialog.
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	name, ok := reports.ExportName(kind)
	if !ok {
		return ExportFile{}, errs.Invalid("kind", "没有这种报表")
	}
	sh := &Sheets{s.core}
	return sh.exportAs(p, name, nil, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		c, err := reports.LoadCharts(ctx, db, r)
		if err != nil {
			return 0, err
		}
		tables, err := reports.Tables(kind, c)
		if err != nil {
			return 0, err
		}
		return sheets.WriteTables(buf, tables)
	})
}
