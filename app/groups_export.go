package app

import (
	"bytes"
	"context"
	"database/sql"

	"jiuke/backend/sheets"
)

// ExportGroupRoster exports a group's members with their remark names.
func (s *Sheets) ExportGroupRoster(groupID int64, path string) (ExportFile, error) {
	return s.export(sheets.ExportGroupRoster, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteGroupRoster(ctx, db, buf, groupID)
	})
}

// ExportGroupActivities exports a group's activity log.
func (s *Sheets) ExportGroupActivities(groupID int64, path string) (ExportFile, error) {
	return s.export(sheets.ExportGroupActivities, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteGroupActivities(ctx, db, buf, groupID)
	})
}

// ExportDraw exports a draw's winners and seed.
func (s *Sheets) ExportDraw(drawID int64, path string) (ExportFile, error) {
	return s.export(sheets.ExportDraw, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteDraw(ctx, db, buf, drawID)
	})
}
