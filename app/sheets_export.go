package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
)

// The list exports (客户、会员、积分、消费) and what every export shares: the file's name, its
// delivery (the window's save dialog, or base64 for a browser) and one line in the export log.

// ExportCustomers exports the customers the list shows with its current filters (every page).
func (s *Sheets) ExportCustomers(q customers.ListQuery) (ExportFile, error) {
	return s.export(sheets.ExportCustomers, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteCustomers(ctx, db, buf, q)
	})
}

func (s *Sheets) ExportMembers() (ExportFile, error) {
	return s.export(sheets.ExportMembers, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteMembers(ctx, db, buf)
	})
}

func (s *Sheets) ExportPoints() (ExportFile, error) {
	return s.export(sheets.ExportPoints, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WritePoints(ctx, db, buf)
	})
}

// ExportPurchases exports purchase lines dated from..to (YYYY-MM-DD; either may be empty).
func (s *Sheets) ExportPurchases(from, to string) (ExportFile, error) {
	return s.export(sheets.ExportPurchases, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WritePurchases(ctx, db, buf, from, to)
	})
}

// export writes a list and logs who exported how many rows.
func (s *Sheets) export(kind string, write func(context.Context, *sql.DB, *bytes.Buffer) (int, error)) (ExportFile, error) {
	return s.exportAbout(kind, nil, write)
}

// exportAbout is export for one event, group or draw: about names it, and the name goes into the
// file name, so a desk with several events' sign-in sheets can tell them apart.
func (s *Sheets) exportAbout(kind string, about func(context.Context, *sql.DB) (string, error),
	write func(context.Context, *sql.DB, *bytes.Buffer) (int, error)) (ExportFile, error) {
	// The permission gate comes first, once for the whole call: a refused caller never sees a dialog.
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	return s.exportAs(p, kind, about, write)
}

// exportAs is exportAbout for a call that already passed the gate.
func (s *Sheets) exportAs(p pass, kind string, about func(context.Context, *sql.DB) (string, error),
	write func(context.Context, *sql.DB, *bytes.Buffer) (int, error)) (ExportFile, error) {
	ctx, db := s.core.context(), s.core.DB.R
	stem := kind
	if about != nil {
		name, err := about(ctx, db)
		if err != nil {
			return ExportFile{}, err
		}
		stem = kind + "-" + fileSafe(name)
	}
	name := sheets.ExportName(stem)
	// The dialog is answered before the transaction, so the writer is not held while the user picks.
	dest, cancelled, err := s.core.saveTarget(name)
	if err != nil || cancelled {
		return ExportFile{Name: name, Cancelled: cancelled}, err
	}
	var out ExportFile
	// One transaction: the file is only handed out if its log line lands.
	err = s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var buf bytes.Buffer
		n, err := write(ctx, s.core.DB.R, &buf)
		if err != nil {
			return err
		}
		if out, err = deliverTo(name, dest, buf.Bytes(), n); err != nil {
			return err
		}
		if err := sheets.LogExport(ctx, tx, kind, n, out.Name, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "导出", "export", 0, out.Name, map[string]int{"rows": n})
	})
	if err != nil && dest != "" && out.SavedTo != "" {
		os.Remove(dest) // the log line did not land: take the file back
		out = ExportFile{}
	}
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

// saveTarget asks the window's save dialog where to write a file called name. A browser seat has no
// dialogs: dest is "" and the file goes back as a download.
func (c *Core) saveTarget(name string) (dest string, cancelled bool, err error) {
	if c.dialogs == nil {
		return "", false, nil
	}
	kind := saveKinds[strings.ToLower(filepath.Ext(name))]
	if kind[0] == "" {
		kind = saveKinds[".xlsx"]
	}
	dest, err = c.dialogs.SaveFile(kind[0], name, kind[1], "*"+filepath.Ext(name))
	if err != nil {
		return "", false, errs.Internal("save dialog", err)
	}
	if dest == "" {
		return "", true, nil
	}
	return dest, false, c.writable("file", dest)
}

// saveKinds titles the save dialog and names its filter by the file's extension.
var saveKinds = map[string][2]string{
	".xlsx": {"导出 Excel", "Excel 工作簿"},
	".zip":  {"保存压缩包", "ZIP 压缩包"},
	".pdf":  {"保存 PDF", "PDF 文件"},
	".png":  {"保存图片", "PNG 图片"},
}

// deliver hands a file back: through the window's save dialog, or as base64 for a browser.
func (c *Core) deliver(name string, data []byte, rows int) (ExportFile, error) {
	dest, cancelled, err := c.saveTarget(name)
	if err != nil || cancelled {
		return ExportFile{Name: name, Cancelled: cancelled}, err
	}
	return deliverTo(name, dest, data, rows)
}

// deliverTo writes data to dest, or returns it as base64 when dest is "".
func deliverTo(name, dest string, data []byte, rows int) (ExportFile, error) {
	out := ExportFile{Name: name, Rows: rows, Size: len(data)}
	if dest == "" {
		out.Base64 = base64.StdEncoding.EncodeToString(data)
		return out, nil
	}
	if err := writeFile(dest, data); err != nil {
		return out, fileError("file", "保存到", dest, err)
	}
	out.SavedTo, out.Name = dest, filepath.Base(dest)
	return out, nil
}
