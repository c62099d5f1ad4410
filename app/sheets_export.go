package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
)

// The list exports (客户、会员、积分、消费) and what every export shares: the file's name, its
// delivery (written to a path, or base64 for a browser) and one line in the export log.

// ExportCustomers exports the customers the list shows with its current filters (every page).
func (s *Sheets) ExportCustomers(q customers.ListQuery, path string) (ExportFile, error) {
	return s.export(sheets.ExportCustomers, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteCustomers(ctx, db, buf, q)
	})
}

func (s *Sheets) ExportMembers(path string) (ExportFile, error) {
	return s.export(sheets.ExportMembers, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteMembers(ctx, db, buf)
	})
}

func (s *Sheets) ExportPoints(path string) (ExportFile, error) {
	return s.export(sheets.ExportPoints, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WritePoints(ctx, db, buf)
	})
}

// ExportPurchases exports purchase lines dated from..to (YYYY-MM-DD; either may be empty).
func (s *Sheets) ExportPurchases(from, to, path string) (ExportFile, error) {
	return s.export(sheets.ExportPurchases, path, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WritePurchases(ctx, db, buf, from, to)
	})
}

// export writes a list and logs who exported how many rows.
func (s *Sheets) export(kind, path string, write func(context.Context, *sql.DB, *bytes.Buffer) (int, error)) (ExportFile, error) {
	return s.exportAbout(kind, nil, path, write)
}

// exportAbout is export for one event, group or draw: about names it, and the name goes into the
// file name, so a desk with several events' sign-in sheets can tell them apart.
func (s *Sheets) exportAbout(kind string, about func(context.Context, *sql.DB) (string, error), path string,
	write func(context.Context, *sql.DB, *bytes.Buffer) (int, error)) (ExportFile, error) {
	var out ExportFile
	// One permission check and one transaction: the file is only handed out if its log line lands.
	err := s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var buf bytes.Buffer
		n, err := write(ctx, s.core.DB.R, &buf)
		if err != nil {
			return err
		}
		stem := kind
		if about != nil {
			name, err := about(ctx, s.core.DB.R)
			if err != nil {
				return err
			}
			stem = kind + "-" + fileSafe(name)
		}
		if out, err = deliver(sheets.ExportName(stem), path, buf.Bytes(), n); err != nil {
			return err
		}
		if err := sheets.LogExport(ctx, tx, kind, n, out.Name, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "导出", "export", 0, out.Name, map[string]int{"rows": n})
	})
	return out, err
}

// fileSafe keeps a name usable in a Windows file name: no path or reserved characters, not too long.
func fileSafe(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	if r := []rune(name); len(r) > 40 {
		name = string(r[:40])
	}
	return name
}

// deliver hands a file back: written to path, or as base64 when path is "".
func deliver(name, path string, data []byte, rows int) (ExportFile, error) {
	out := ExportFile{Name: name, Rows: rows, Size: len(data)}
	if path == "" {
		out.Base64 = base64.StdEncoding.EncodeToString(data)
		return out, nil
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return out, errs.Invalid("path", fmt.Sprintf("无法保存到 %s：%v", path, err))
	}
	out.Path, out.Name = path, filepath.Base(path)
	return out, nil
}
