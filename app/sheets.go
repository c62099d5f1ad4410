package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
)

// Sheets is the Excel service (导入导出): importing old ledgers step by step, the import history
// with undo, the template, and exports of every list.
//
// The import flow for a UI: OpenUpload (browser) or OpenPicked (the window's file dialog) → Preview, as often as the
// mapping changes → DryRun → Import, each with a job id made by the caller, who listens to the
// "import:progress" event and may call CancelImport → ErrorReport for the rows that failed.
//
// Files come back as ExportFile: in a browser the content is base64 to download; in the window it is
// written where the user chose in the save dialog, and the answer says where.
type Sheets struct{ core *Core }

// flow holds this seat's opened files, running jobs and results between calls.
func (s *Sheets) flow() *sheets.Registry { return s.core.sess.files }

// ImportOptions is what the mapping and policy steps offer.
type ImportOptions struct {
	Fields    []sheets.Field      `json:"fields"`
	Policies  []sheets.PolicyInfo `json:"policies"`
	MaxFileMB int                 `json:"maxFileMb"`
}

// OpenedFile is an uploaded or picked file, kept open for the next steps under FileID. Cancelled when
// the user closed the window's file dialog without picking one.
type OpenedFile struct {
	FileID    string `json:"fileId"`
	Cancelled bool   `json:"cancelled"`
	sheets.FileInfo
}

// PreviewRequest asks for the first rows of a sheet; Columns null means "as guessed".
type PreviewRequest struct {
	FileID  string          `json:"fileId"`
	Sheet   string          `json:"sheet"`
	Columns []sheets.Column `json:"columns"`
	Rows    int             `json:"rows"`
}

// ImportRequest runs a dry run or an import. JobID is made by the caller, to match progress events
// and to cancel.
type ImportRequest struct {
	JobID       string          `json:"jobId"`
	FileID      string          `json:"fileId"`
	Sheet       string          `json:"sheet"`
	Columns     []sheets.Column `json:"columns"`
	OnDuplicate string          `json:"onDuplicate"`
	// AssignCards gives imported members without a card one from the issuing card range.
	AssignCards bool `json:"assignCards"`
}

// ImportProgress is the payload of the "import:progress" event, at most every 100 ms.
type ImportProgress struct {
	JobID   string `json:"jobId"`
	Phase   string `json:"phase"` // importing, finishing, done, failed
	Done    int    `json:"done"`
	Total   int    `json:"total"`
	Percent int    `json:"percent"`
	DryRun  bool   `json:"dryRun"`
}

// ExportFile is a written spreadsheet: Base64 for a browser to download; in the window, SavedTo is
// where the save dialog put it (for display), or Cancelled when the user closed the dialog.
type ExportFile struct {
	Name      string `json:"name"`
	SavedTo   string `json:"savedTo"`
	Cancelled bool   `json:"cancelled"`
	Base64    string `json:"base64"`
	Rows      int    `json:"rows"`
	Size      int    `json:"size"`
}

func (s *Sheets) ImportOptions() (ImportOptions, error) {
	if err := s.core.check(); err != nil {
		return ImportOptions{}, err
	}
	return ImportOptions{Fields: sheets.Fields, Policies: sheets.Policies, MaxFileMB: sheets.MaxFileMB}, nil
}

// OpenUpload opens a file sent as base64 (a data: URL prefix is accepted), as a browser sends it.
func (s *Sheets) OpenUpload(name, contentBase64 string) (OpenedFile, error) {
	if err := s.core.check(); err != nil {
		return OpenedFile{}, err
	}
	if i := strings.Index(contentBase64, "base64,"); i >= 0 && i < 100 {
		contentBase64 = contentBase64[i+len("base64,"):]
	}
	if base64.StdEncoding.DecodedLen(len(contentBase64)) > sheets.MaxFileSize+3 {
		return OpenedFile{}, sheets.TooBig()
	}
	data, err := base64.StdEncoding.DecodeString(contentBase64)
	if err != nil {
		return OpenedFile{}, errs.Invalid("file", "文件上传不完整，请重新选择文件")
	}
	book, err := sheets.Open(filepath.Base(name), data)
	if err != nil {
		return OpenedFile{}, err
	}
	return s.keep(book)
}

// OpenPicked opens the window's file dialog and the spreadsheet picked there. A browser seat has no
// dialogs and is refused: it uploads the file with OpenUpload.
func (s *Sheets) OpenPicked() (OpenedFile, error) {
	if err := s.core.check(); err != nil {
		return OpenedFile{}, err
	}
	if s.core.dialogs == nil {
		return OpenedFile{}, errs.Conflict("", "浏览器中请上传文件", nil)
	}
	path, err := s.core.dialogs.OpenFile("选择要导入的客户表", "Excel 或 CSV 表格", "*.xlsx;*.xls;*.csv")
	if err != nil {
		return OpenedFile{}, errs.Internal("open dialog", err)
	}
	if path == "" {
		return OpenedFile{Cancelled: true}, nil
	}
	if err := regularFile("file", path); err != nil {
		return OpenedFile{}, err
	}
	book, err := sheets.OpenFile(path)
	if err != nil {
		return OpenedFile{}, fileError("file", "读取", path, err)
	}
	return s.keep(book)
}

func (s *Sheets) keep(book *sheets.Book) (OpenedFile, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		book.Close()
		return OpenedFile{}, err
	}
	info, err := sheets.Inspect(ctx, db, book)
	if err != nil {
		book.Close()
		return OpenedFile{}, err
	}
	return OpenedFile{FileID: s.flow().AddFile(book), FileInfo: info}, nil
}

// CloseFile forgets an opened file (the server keeps only the last few anyway). openedID is the
// random id OpenUpload or OpenPicked gave this seat, never a path: an unknown id closes nothing.
func (s *Sheets) CloseFile(openedID string) error {
	if err := s.core.check(); err != nil {
		return err
	}
	s.flow().CloseFile(openedID)
	return nil
}

func (s *Sheets) Preview(req PreviewRequest) (sheets.Preview, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return sheets.Preview{}, err
	}
	book, err := s.flow().File(req.FileID)
	if err != nil {
		return sheets.Preview{}, err
	}
	return sheets.PreviewSheet(ctx, db, book, req.Sheet, req.Columns, req.Rows)
}

// DryRun runs the whole import and rolls it back: the summary is exactly what Import would do now.
func (s *Sheets) DryRun(req ImportRequest) (sheets.Summary, error) {
	return s.run(req, true)
}

// Import runs the import as one batch: all of it lands, or (on error or cancel) none of it.
func (s *Sheets) Import(req ImportRequest) (sheets.Summary, error) {
	return s.run(req, false)
}

func (s *Sheets) run(req ImportRequest, dryRun bool) (sheets.Summary, error) {
	// One gate pass for the whole import: checked before the backup and the long work, spent once.
	p, err := s.core.gate()
	if err != nil {
		return sheets.Summary{}, err
	}
	book, err := s.flow().File(req.FileID)
	if err != nil {
		return sheets.Summary{}, err
	}
	ctx, done, err := s.flow().Start(s.core.context(), req.JobID)
	if err != nil {
		return sheets.Summary{}, err
	}
	defer done()
	emit := s.progress(req.JobID, dryRun)
	if !dryRun {
		// A real import is preceded by a copy of the archive.
		if _, err := s.core.DB.EventBackup(ctx, "before-import"); err != nil {
			return sheets.Summary{}, errs.Internal("backup before import", err)
		}
	}
	var res *sheets.Result
	err = s.core.writeAs(p, func(logCtx context.Context, tx *sql.Tx, a staff.Member) error {
		var err error
		res, err = sheets.Import(ctx, tx, book, sheets.Request{FileName: book.Name, Sheet: req.Sheet, Columns: req.Columns, AssignCards: req.AssignCards,
			OnDuplicate: req.OnDuplicate, DryRun: dryRun, StaffID: a.ID}, func(p sheets.Progress) { emit(p, false) })
		if err == nil && dryRun {
			return sheets.ErrDryRun
		}
		if err != nil {
			return err
		}
		sm := res.Summary
		details := map[string]any{"read": sm.Read,
			"created": sm.Created, "updated": sm.Updated, "merged": sm.Merged, "skipped": sm.Skipped, "failed": sm.Failed}
		if sm.OpeningPrincipalFen != 0 || sm.OpeningBonusFen != 0 {
			details["openingPrincipalFen"], details["openingPrincipalWords"] = sm.OpeningPrincipalFen, audit.Yuan(sm.OpeningPrincipalFen)
			details["openingBonusFen"], details["openingBonusWords"] = sm.OpeningBonusFen, audit.Yuan(sm.OpeningBonusFen)
		}
		return s.core.log(logCtx, tx, a, "导入客户", "import", sm.BatchID, book.Name, details)
	})
	if errors.Is(err, sheets.ErrDryRun) {
		err = nil
	}
	if err != nil {
		emit(sheets.Progress{Phase: "failed"}, true)
		return sheets.Summary{}, err
	}
	emit(sheets.Progress{Phase: "done", Done: 1, Total: 1}, true)
	s.flow().KeepResult(req.JobID, res)
	return res.Summary, nil
}

// progress emits import:progress at most every 100 ms; final events always go out.
func (s *Sheets) progress(jobID string, dryRun bool) func(sheets.Progress, bool) {
	var last time.Time
	return func(p sheets.Progress, final bool) {
		if s.core.Events == nil || (!final && time.Since(last) < 100*time.Millisecond) {
			return
		}
		last = time.Now()
		pct := 0
		if p.Total > 0 {
			pct = min(100, p.Done*100/p.Total)
		}
		s.core.Events.Emit("import:progress", ImportProgress{JobID: jobID, Phase: p.Phase, Done: p.Done, Total: p.Total, Percent: pct, DryRun: dryRun})
	}
}

// CancelImport stops a running dry run or import; its transaction rolls back.
func (s *Sheets) CancelImport(jobID string) error {
	if err := s.core.check(); err != nil {
		return err
	}
	return s.flow().Cancel(jobID)
}

// ErrorReport is the .xlsx of the rows a dry run or import (by its job id, on this seat) could not take.
func (s *Sheets) ErrorReport(jobID string) (ExportFile, error) {
	if err := s.core.check(); err != nil {
		return ExportFile{}, err
	}
	res, err := s.flow().Result(jobID)
	if err != nil {
		return ExportFile{}, err
	}
	return s.errorReport(res)
}

// BatchErrorReport is the error report of an earlier import, from the history.
func (s *Sheets) BatchErrorReport(batchID int64) (ExportFile, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return ExportFile{}, err
	}
	res, err := sheets.BatchFailures(ctx, db, batchID)
	if err != nil {
		return ExportFile{}, err
	}
	return s.errorReport(res)
}

func (s *Sheets) errorReport(res *sheets.Result) (ExportFile, error) {
	if len(res.Failures) == 0 {
		return ExportFile{}, errs.Invalid("", "没有导入失败的行")
	}
	var buf bytes.Buffer
	n, err := sheets.WriteErrorReport(&buf, res)
	if err != nil {
		return ExportFile{}, err
	}
	return s.core.deliver(sheets.ErrorReportName(res.Summary.FileName), buf.Bytes(), n)
}

func (s *Sheets) Batches() ([]sheets.Batch, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return sheets.Batches(ctx, db, 100)
}

// UndoCheck lists what happened to a batch's customers since it landed; undo needs it empty.
func (s *Sheets) UndoCheck(batchID int64) ([]sheets.Activity, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	b, err := sheets.GetBatch(ctx, db, batchID)
	if err != nil {
		return nil, err
	}
	return sheets.Activities(ctx, db, b)
}

// UndoBatch takes a whole import back. It is refused (conflict, data.activities listing them) when
// any of its customers has had activity since.
func (s *Sheets) UndoBatch(batchID int64) (out sheets.UndoResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = sheets.Undo(ctx, tx, batchID, a.ID); err != nil {
			return err
		}
		if out.WalletPrincipalFen != 0 || out.WalletBonusFen != 0 {
			out.WalletWords = audit.Yuan(out.WalletPrincipalFen + out.WalletBonusFen)
		}
		return s.core.log(ctx, tx, a, "撤销导入", "import", batchID, importLabel(ctx, tx, batchID), out)
	})
	return out, err
}

// Template is the import template: recommended columns, an example row, and how to fill each column.
func (s *Sheets) Template() (ExportFile, error) {
	if err := s.core.check(); err != nil {
		return ExportFile{}, err
	}
	var buf bytes.Buffer
	if err := sheets.WriteTemplate(&buf); err != nil {
		return ExportFile{}, err
	}
	return s.core.deliver("客户导入模板.xlsx", buf.Bytes(), 1)
}
