package audit

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"os"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// The audit trail keeps the log lines that must outlive a restore (backups taken, restores done) in
// a small append-only file beside the database. A restore replaces the database file, and with it
// every line logged since the backup was made; Replay, run at every start, appends those lines again.

// TrailPath is the trail file of the database at dbPath: beside it, outside the file a restore replaces.
func TrailPath(dbPath string) string { return dbPath + ".audit-trail" }

// trailLine is one line of the trail: the log line as written, with its time.
type trailLine struct {
	StaffID     int64  `json:"staffId,omitempty"`
	StaffName   string `json:"staffName"`
	Action      string `json:"action"`
	TargetType  string `json:"targetType"`
	TargetID    int64  `json:"targetId,omitempty"`
	TargetLabel string `json:"targetLabel"`
	Details     string `json:"details,omitempty"`
	ApprovedBy  string `json:"approvedBy,omitempty"`
	CreatedAt   string `json:"createdAt"`
}

// maxTrail bounds what Replay reads; a shop makes a few backups a day, so this is decades of lines.
const maxTrail = 8 << 20

// LogKept logs r in tx like Log, and appends the same line to the trail beside the database.
func LogKept(ctx context.Context, tx *sql.Tx, dbPath string, r Record) error {
	details := ""
	if r.Details != nil {
		if s, ok := r.Details.(string); ok {
			details = s
		} else {
			b, err := json.Marshal(r.Details)
			if err != nil {
				return errs.Internal("audit details", err)
			}
			details = string(b)
		}
		r.Details = details
	}
	if err := Log(ctx, tx, r); err != nil {
		return err
	}
	var at string
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM audit_entries WHERE id = last_insert_rowid()`).Scan(&at); err != nil {
		return errs.Internal("read audit entry", err)
	}
	return appendTrail(dbPath, trailLine{StaffID: r.StaffID, StaffName: r.StaffName, Action: r.Action, TargetType: r.TargetType,
		TargetID: r.TargetID, TargetLabel: r.TargetLabel, Details: details, ApprovedBy: r.ApprovedBy, CreatedAt: at})
}

// AppendTrail keeps r in the trail only, timed now, for a change made while the database could not
// be opened (a damaged archive replaced from the command line); the next start logs it.
func AppendTrail(dbPath string, r Record) error {
	details, _ := r.Details.(string)
	return appendTrail(dbPath, trailLine{StaffID: r.StaffID, StaffName: r.StaffName, Action: r.Action, TargetType: r.TargetType,
		TargetID: r.TargetID, TargetLabel: r.TargetLabel, Details: details, ApprovedBy: r.ApprovedBy, CreatedAt: store.Now()})
}

func appendTrail(dbPath string, l trailLine) error {
	line, err := json.Marshal(l)
	if err != nil {
		return errs.Internal("audit trail line", err)
	}
	f, err := os.OpenFile(TrailPath(dbPath), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return errs.Internal("open audit trail", err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return errs.Internal("append audit trail", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return errs.Internal("sync audit trail", err)
	}
	return f.Close()
}

// Replay appends every trail line the database's log lacks (after a restore: those logged since the
// backup was made), with its original time. It returns how many it appended.
func Replay(ctx context.Context, db *store.DB) (int, error) {
	f, err := os.Open(TrailPath(db.Path))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var lines []trailLine
	sc := bufio.NewScanner(io.LimitReader(f, maxTrail))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var l trailLine
		// A line cut short by a crash while appending is skipped; the rest still count.
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Action != "" && l.CreatedAt != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	added := 0
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		for _, l := range lines {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_entries
				WHERE created_at = ? AND action = ? AND target_label = ? AND staff_name = ?`,
				l.CreatedAt, l.Action, l.TargetLabel, l.StaffName).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			// The staff member may not exist in an older backup; the name still says who it was.
			var staffID, target any
			if l.StaffID != 0 {
				staffID = l.StaffID
			}
			if l.TargetID != 0 {
				target = l.TargetID
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_entries (staff_id, staff_name, action, target_type, target_id,
				target_label, details, approved_by, created_at) VALUES ((SELECT id FROM staff WHERE id = ?),?,?,?,?,?,?,?,?)`, staffID, l.StaffName, l.Action,
				l.TargetType, target, l.TargetLabel, l.Details, l.ApprovedBy, l.CreatedAt); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}
