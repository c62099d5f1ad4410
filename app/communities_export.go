package app

import (
	"bytes"
	"context"
	"database/sql"

	"jiuke/backend/communities"
	"jiuke/backend/sheets"
)

// ExportGroupRoster exports a group's members with their remark names.
func (s *Sheets) ExportGroupRoster(groupID int64) (ExportFile, error) {
	return s.exportAbout(sheets.ExportGroupRoster, groupName(groupID), func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteGroupRoster(ctx, db, buf, groupID)
	})
}

// ExportGroupActivities exports a group's activity log.
func (s *Sheets) ExportGroupActivities(groupID int64) (ExportFile, error) {
	return s.exportAbout(sheets.ExportGroupActivities, groupName(groupID), func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteGroupActivities(ctx, db, buf, groupID)
	})
}

// ExportDraw exports a draw's winners and seed.
func (s *Sheets) ExportDraw(drawID int64) (ExportFile, error) {
	return s.export(sheets.ExportDraw, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteDraw(ctx, db, buf, drawID)
	})
}

// groupName names an export after its group.
func groupName(id int64) func(context.Context, *sql.DB) (string, error) {
	return func(ctx context.Context, db *sql.DB) (string, error) {
		g, err := communities.Get(ctx, db, id)
		return g.Name, err
	}
}
