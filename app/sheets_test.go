package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sheets"
	"jiuke/backend/staff"
	"jiuke/backend/store/storetest"
)

type recorder struct {
	mu      sync.Mutex
	events  []ImportProgress
	onEvent func(ImportProgress)
}

func (r *recorder) Emit(name string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := data.(ImportProgress); ok && name == "import:progress" {
		r.events = append(r.events, p)
		if r.onEvent != nil {
			r.onEvent(p)
		}
	}
}

// signedInCore is a Core on a fresh database with the owner signed in.
func signedInCore(t *testing.T, events Emitter) *Core {
	t.Helper()
	db := storetest.Open(t)
	core, err := NewCore(context.Background(), db, events)
	if err != nil {
		t.Fatal(err)
	}
	owner, err := staff.OwnerOf(context.Background(), db.R)
	if err != nil {
		t.Fatal(err)
	}
	core.signIn(owner)
	return core
}

func TestImportFlowAsTheUIDrivesIt(t *testing.T) {
	rec := &recorder{}
	core := signedInCore(t, rec)
	s := &Sheets{core}
	csv := "客户台账\n姓名,手机,会员等级\n张三,13800138000,金卡\n李四,1380013800,\n"
	f, err := s.OpenUpload("台账.csv", "data:text/csv;base64,"+base64.StdEncoding.EncodeToString([]byte(csv)))
	if err != nil || f.Selected != "CSV" || f.Sheets[0].HeaderRow != 2 {
		t.Fatalf("open: %v %+v", err, f)
	}
	pv, err := s.Preview(PreviewRequest{FileID: f.FileID, Sheet: f.Selected})
	if err != nil || len(pv.Rows) != 2 || pv.Rows[1].Cells[1].Error == "" || pv.Columns[2].Field != "level" {
		t.Fatalf("preview: %v %+v", err, pv)
	}
	req := ImportRequest{JobID: "job-1", FileID: f.FileID, Sheet: f.Selected, Columns: pv.Columns, OnDuplicate: sheets.PolicySkip}
	dry, err := s.DryRun(req)
	if err != nil || !dry.DryRun || dry.Created != 1 || dry.Failed != 1 {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	rep, err := s.ErrorReport("job-1")
	if err != nil || rep.Rows != 1 || rep.Base64 == "" || !strings.HasSuffix(rep.Name, ".xlsx") {
		t.Fatalf("error report: %v %+v", err, rep)
	}
	req.JobID = "job-2"
	done, err := s.Import(req)
	if err != nil || done.BatchID == 0 || done.Created != 1 {
		t.Fatalf("import: %v %+v", err, done)
	}
	last := rec.events[len(rec.events)-1]
	if last.JobID != "job-2" || last.Phase != "done" || last.Percent != 100 {
		t.Fatalf("progress events %+v", rec.events)
	}
	// In the window the report goes where the save dialog says, and the answer says where.
	path := filepath.Join(t.TempDir(), "report.xlsx")
	s.core.UseDialogs(answer{path})
	if rep, err := s.BatchErrorReport(done.BatchID); err != nil || rep.SavedTo != path || rep.Base64 != "" {
		t.Fatalf("batch report: %v %+v", err, rep)
	}
	s.core.UseDialogs(answer{""})
	if rep, err := s.BatchErrorReport(done.BatchID); err != nil || !rep.Cancelled || rep.Base64 != "" {
		t.Fatalf("cancelled save dialog: %v %+v", err, rep)
	}
	s.core.UseDialogs(answer{s.core.DB.Path})
	if _, err := s.BatchErrorReport(done.BatchID); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("a report was saved over the database: %v", err)
	}
	s.core.UseDialogs(nil)
	batches, _ := s.Batches()
	if len(batches) != 1 || batches[0].Created != 1 || batches[0].StaffName != "店主" {
		t.Fatalf("batches %+v", batches)
	}
	if acts, err := s.UndoCheck(done.BatchID); err != nil || len(acts) != 0 {
		t.Fatalf("undo check %v %+v", err, acts)
	}
	if out, err := s.UndoBatch(done.BatchID); err != nil || out.Removed != 1 {
		t.Fatalf("undo: %v %+v", err, out)
	}
	if err := s.CancelImport("nobody"); errs.CodeOf(err) != errs.CodeNotFound {
		t.Fatalf("cancel unknown job: %v", err)
	}
	if _, err := s.Preview(PreviewRequest{FileID: "gone"}); errs.CodeOf(err) != errs.CodeNotFound {
		t.Fatalf("unknown file: %v", err)
	}
}

func TestTemplateAndExportsAreLoggedDownloads(t *testing.T) {
	core := signedInCore(t, nil)
	s := &Sheets{core}
	c := &Customers{core}
	for i := range 3 {
		if _, err := c.Create(customers.Input{Name: fmt.Sprintf("客户%d", i), Mobile: fmt.Sprintf("1380013800%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	tmpl, err := s.Template()
	if err != nil || tmpl.Name != "客户导入模板.xlsx" {
		t.Fatalf("template %v %+v", err, tmpl)
	}
	data, _ := base64.StdEncoding.DecodeString(tmpl.Base64)
	if b, err := sheets.Open(tmpl.Name, data); err != nil || b.Sheets[0] != "客户资料" || b.Sheets[1] != "填写说明" {
		t.Fatalf("template file: %v", err)
	}
	out, err := s.ExportCustomers(customers.ListQuery{})
	if err != nil || out.Rows != 3 {
		t.Fatalf("export %v %+v", err, out)
	}
	for _, fn := range []func() (ExportFile, error){
		func() (ExportFile, error) { return s.ExportMembers() },
		func() (ExportFile, error) { return s.ExportPoints() },
		func() (ExportFile, error) { return s.ExportPurchases("", "") },
	} {
		if _, err := fn(); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM export_log WHERE staff_id IS NOT NULL`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d exports logged", n)
	}
	// JSON shapes the UI relies on.
	raw, _ := json.Marshal(out)
	if !strings.Contains(string(raw), `"base64":`) || !strings.Contains(string(raw), `"rows":3`) {
		t.Fatalf("export JSON %s", raw)
	}
	if _, err := s.OpenUpload("x.csv", "@@@"); !errors.As(err, new(*errs.Error)) {
		t.Fatalf("bad base64: %v", err)
	}
}

func TestCancelImportRollsBackTheRunningJob(t *testing.T) {
	rec := &recorder{}
	core := signedInCore(t, rec)
	s := &Sheets{core}
	var csv strings.Builder
	csv.WriteString("姓名,手机\n")
	for i := range 20000 {
		fmt.Fprintf(&csv, "客户%d,138%08d\n", i, i)
	}
	f, err := s.OpenUpload("big.csv", base64.StdEncoding.EncodeToString([]byte(csv.String())))
	if err != nil {
		t.Fatal(err)
	}
	rec.onEvent = func(p ImportProgress) {
		if p.Phase == "importing" {
			go s.CancelImport("big")
		}
	}
	_, err = s.Import(ImportRequest{JobID: "big", FileID: f.FileID, Sheet: f.Selected})
	if err == nil || !strings.Contains(errs.ToPayload(err).Message, "已取消导入") {
		t.Fatalf("cancelled import: %v", err)
	}
	var n int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM customers`).Scan(&n)
	if n != 0 || rec.events[len(rec.events)-1].Phase != "failed" {
		t.Fatalf("%d customers after cancel; events %+v", n, rec.events[len(rec.events)-1])
	}
}

// answer stands in for the window's dialogs: every dialog answers path ("" = cancelled).
type answer struct{ path string }

func (a answer) OpenFile(string, string, string) (string, error)         { return a.path, nil }
func (a answer) SaveFile(string, string, string, string) (string, error) { return a.path, nil }
