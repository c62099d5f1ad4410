package app

import (
	"bytes"
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
)

// Staff is the owner's page of accounts.
type Staff struct{ core *Core }

func (s *Staff) List() ([]staff.Member, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return staff.ListAll(ctx, db)
}

func (s *Staff) Create(in staff.StaffInput) (out staff.Member, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = staff.Create(ctx, tx, in); err != nil {
			return err
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: a.ID, StaffName: a.Name, Action: "新增员工", TargetType: "staff",
			TargetID: out.ID, TargetLabel: out.Name, Details: map[string]any{"role": out.Role}})
	})
	return out, err
}

func (s *Staff) Update(id int64, in staff.StaffInput) (out staff.Member, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := staff.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if out, err = staff.Update(ctx, tx, id, in); err != nil {
			return err
		}
		details := map[string]any{}
		if old.Role != out.Role {
			details["role"] = audit.Change{Old: old.Role, New: out.Role}
		}
		if old.Active != out.Active {
			details["active"] = audit.Change{Old: old.Active, New: out.Active}
		}
		if in.Secret != "" {
			details["secret"] = "已重设"
		}
		return audit.Log(ctx, tx, audit.Record{StaffID: a.ID, StaffName: a.Name, Action: "修改员工", TargetType: "staff",
			TargetID: out.ID, TargetLabel: out.Name, Details: details})
	})
	return out, err
}

// Audit is the owner's view of the operation log.
type Audit struct{ core *Core }

// Export writes the log lines the filter selects to .xlsx (the window's save dialog, or a download).
func (s *Audit) Export(f audit.Filter) (ExportFile, error) {
	return (&Sheets{s.core}).export(sheets.ExportAudit, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return sheets.WriteAudit(ctx, db, buf, f)
	})
}

func (s *Audit) List(f audit.Filter) (audit.Page, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return audit.Page{}, err
	}
	return audit.List(ctx, db, f)
}
