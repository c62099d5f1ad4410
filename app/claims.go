package app

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/claims"
	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Claims is brand programmes (品牌政策) and the claims filed with brands (厂家费用核销): what each banquet
// and sponsored tasting earns, the claim packet with its proof, what brands still owe, and the
// rebates owed onwards to outlets and hosts.
type Claims struct{ core *Core }

// ReminderDays is how long after filing an unpaid claim shows on the home page.
const ReminderDays = 60

func (s *Claims) Programmes() ([]claims.Programme, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.Programmes(ctx, db)
}

// SaveProgramme creates or edits a programme, its rules and the tastings it sponsors.
func (s *Claims) SaveProgramme(p claims.Programme) (out claims.Programme, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		action := "修改品牌政策"
		if p.ID == 0 {
			action = "新建品牌政策"
		}
		if out, err = claims.SaveProgramme(ctx, tx, p, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, action, "programme", out.ID, out.Brand+" "+out.Name, map[string]any{"brand": out.Brand,
			"startsOn": out.StartsOn, "endsOn": out.EndsOn, "products": len(out.ProductIDs), "events": len(out.EventIDs)})
	})
	return out, err
}

// Candidates lists a programme's banquets and sponsored tastings with what each earns and lacks.
func (s *Claims) Candidates(programmeID int64) ([]claims.Item, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.Candidates(ctx, db, programmeID)
}

func (s *Claims) List(q claims.ClaimQuery) ([]claims.Claim, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.List(ctx, db, q)
}

func (s *Claims) Get(id int64) (claims.Claim, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return claims.Claim{}, err
	}
	return claims.Get(ctx, db, id)
}

// Build makes a claim (待申报) of the chosen banquets and events.
func (s *Claims) Build(in claims.BuildInput) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Build(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "生成申报单", "claim", out.ID, out.Title,
			map[string]any{"claimedFen": out.Claimed, "rows": len(out.Items), "brand": out.Brand})
	})
	return out, err
}

// Discard removes a claim not yet filed.
func (s *Claims) Discard(id int64) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Discard(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除申报单", "claim", id, out.Title, map[string]any{"claimedFen": out.Claimed})
	})
	return out, err
}

// File marks a claim as sent to the brand; its banquets' evidence is fixed from then on.
func (s *Claims) File(id int64) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.File(ctx, tx, id, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "提交申报", "claim", id, out.Title, map[string]any{"claimedFen": out.Claimed})
	})
	return out, err
}

// Approve records the amount the brand approved (部分核销 when less than claimed).
func (s *Claims) Approve(id, approvedFen int64, note string) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Approve(ctx, tx, id, approvedFen, note, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "登记核销", "claim", id, out.Title,
			map[string]any{"claimedFen": out.Claimed, "approvedFen": approvedFen, "notes": note})
	})
	return out, err
}

// Reject records the brand's refusal and its reason; the banquets can be claimed again.
func (s *Claims) Reject(id int64, reason string) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Reject(ctx, tx, id, reason, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "申报被驳回", "claim", id, out.Title, map[string]any{"reason": reason})
	})
	return out, err
}

// Receive records money the brand sent for a claim.
func (s *Claims) Receive(in claims.ReceiveInput) (out claims.Claim, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Receive(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "登记到账", "claim", out.ID, out.Title,
			map[string]any{"amountFen": in.Amount, "method": in.Method, "date": in.ReceivedOn})
	})
	return out, err
}

// Packet writes a claim's packet for the brand (.zip: the claim sheet, the proof files named by row
// and their SHA-256 list), logged like every export.
func (s *Claims) Packet(id int64) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	ctx, db := s.core.context(), s.core.DB.R
	c, err := claims.Get(ctx, db, id)
	if err != nil {
		return ExportFile{}, err
	}
	name := fmt.Sprintf("%s-%s.zip", fileSafe(c.Title), time.Now().In(store.Shop).Format("20060102-1504"))
	dest, cancelled, err := s.core.saveTarget(name)
	if err != nil || cancelled {
		return ExportFile{Name: name, Cancelled: cancelled}, err
	}
	var out ExportFile
	err = s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var buf bytes.Buffer
		if _, err := claims.WritePacket(ctx, db, id, s.sources(db), &buf); err != nil {
			return err
		}
		if out, err = deliverTo(name, dest, buf.Bytes(), len(c.Items)); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "导出申报材料", "claim", id, c.Title, map[string]any{"rows": len(c.Items), "name": out.Name})
	})
	return out, err
}

// sources finds a packet's proof: photos in the evidence folder beside the database, and sign-in
// sheets written by the events package.
func (s *Claims) sources(db *sql.DB) claims.Sources {
	dir := banquets.EvidenceRoot(s.core.DB.Path)
	return claims.Sources{
		EvidencePath: func(id int64, name string) string { return filepath.Join(dir, fmt.Sprint(id), filepath.Base(name)) },
		SignIn: func(ctx context.Context, eventID int64, w io.Writer) error {
			_, err := events.WriteSignIn(ctx, db, w, eventID)
			return err
		},
	}
}

// Receivables is what every brand still owes, by age.
func (s *Claims) Receivables() ([]claims.Receivable, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.Receivables(ctx, db, time.Now())
}

// Reminders lists claims unpaid more than ReminderDays after filing, for the home page.
func (s *Claims) Reminders() ([]claims.Reminder, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.Overdue(ctx, db, time.Now(), ReminderDays)
}

// Payables lists rebates owed to outlets and hosts.
func (s *Claims) Payables(unpaidOnly bool) ([]claims.Payable, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.Payables(ctx, db, unpaidOnly)
}

// Pay marks a rebate (or part of it) paid to an outlet or a host.
func (s *Claims) Pay(in claims.PayInput) (out claims.Payable, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = claims.Pay(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "支付返利", "banquet", in.BanquetID, out.Title+" "+out.Customer,
			map[string]any{"amountFen": in.Amount, "method": in.Method, "party": in.Party})
	})
	return out, err
}

// BanquetStats groups banquets held from..to by month and kind, district, outlet or staff.
func (s *Claims) BanquetStats(from, to, by string) ([]claims.BanquetStat, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.BanquetStats(ctx, db, from, to, by)
}

// ProgrammeROIs sets each programme's cost against the sales it brought within days.
func (s *Claims) ProgrammeROIs(days int) ([]claims.ProgrammeROI, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return claims.ProgrammeROIs(ctx, db, days)
}

// ExportReport writes one banquet/claims report to .xlsx: banquets (by month and by), roi, receivables.
func (s *Claims) ExportReport(kind, from, to, by string, days int) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	name, ok := claims.ReportNames[kind]
	if !ok {
		return ExportFile{}, errs.Invalid("kind", "没有这种报表")
	}
	return (&Sheets{s.core}).exportAs(p, name, nil, func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		return claims.WriteReport(ctx, db, buf, kind, claims.ReportArgs{From: from, To: to, By: by, Days: days, Now: time.Now()})
	})
}
