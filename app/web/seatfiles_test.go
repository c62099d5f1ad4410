package web_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func csvUpload(rows int) string {
	var b strings.Builder
	b.WriteString("姓名,手机\n")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "客户%d,139%08d\n", i, i)
	}
	return base64.StdEncoding.EncodeToString([]byte(b.String()))
}

// Opened files and running imports belong to the seat that made them: another browser's uploads do
// not push them out, and another seat cannot read, close or cancel them.
func TestOpenFilesAndImportJobsBelongToTheirSeat(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	manager, _ := s.staffBrowser(owner, "刘店长", "manager", "5928")
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")

	mine := manager.must("Sheets/OpenUpload", "台账.csv", csvUpload(5000))["fileId"].(string)
	for i := 0; i < 6; i++ {
		clerk.must("Sheets/OpenUpload", fmt.Sprintf("店员%d.csv", i), csvUpload(3))
	}
	preview := map[string]any{"fileId": mine, "sheet": "CSV", "rows": 5}
	manager.must("Sheets/Preview", preview)
	if status, _, raw := clerk.call("Sheets/Preview", preview); status != http.StatusNotFound {
		t.Fatalf("a clerk read the manager's file: %d %s", status, raw)
	}
	clerk.must("Sheets/CloseFile", mine)
	manager.must("Sheets/Preview", preview)

	// The clerk keeps trying to cancel the manager's dry run by its id while it runs.
	job := map[string]any{"jobId": "job-1", "fileId": mine, "sheet": "CSV", "onDuplicate": "skip"}
	var running atomic.Bool
	var during, cancelled atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !running.Load() {
			time.Sleep(time.Millisecond)
		}
		for running.Load() {
			status, _, _ := clerk.call("Sheets/CancelImport", "job-1")
			if !running.Load() {
				break
			}
			during.Add(1)
			if status == http.StatusOK {
				cancelled.Add(1)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	running.Store(true)
	status, body, raw := manager.call("Sheets/DryRun", job)
	running.Store(false)
	wg.Wait()
	if cancelled.Load() > 0 || status != http.StatusOK || body["read"].(float64) != 5000 {
		t.Fatalf("the clerk cancelled the manager's import %d times: %d %.200s", cancelled.Load(), status, raw)
	}
	if during.Load() == 0 {
		t.Fatal("the dry run ended before the clerk could try: make the file larger")
	}
	t.Logf("%d refused cancels during the dry run", during.Load())
	// The same job id on the clerk's own seat is the clerk's own job.
	theirs := clerk.must("Sheets/OpenUpload", "店员.csv", csvUpload(3))["fileId"].(string)
	clerk.must("Sheets/DryRun", map[string]any{"jobId": "job-1", "fileId": theirs, "sheet": "CSV", "onDuplicate": "skip"})
}
