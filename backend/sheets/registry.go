package sheets

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"

	"jiuke/backend/errs"
)

// Registry keeps what the steps of the import flow share between calls: opened files by file id,
// running imports by the caller's job id (to cancel them), and finished results (for error reports).
// It keeps only the last few files and results, since each can be large.
type Registry struct {
	mu          sync.Mutex
	files       map[string]*Book
	fileOrder   []string
	running     map[string]context.CancelFunc
	results     map[string]*Result
	resultOrder []string
}

const (
	keepFiles   = 4
	keepResults = 20
)

func NewRegistry() *Registry {
	return &Registry{files: map[string]*Book{}, running: map[string]context.CancelFunc{}, results: map[string]*Result{}}
}

// AddFile keeps an opened file and returns its id; the oldest beyond the last few is closed.
func (r *Registry) AddFile(b *Book) string {
	var id [12]byte
	rand.Read(id[:])
	key := hex.EncodeToString(id[:])
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[key] = b
	r.fileOrder = append(r.fileOrder, key)
	for len(r.fileOrder) > keepFiles {
		if old, ok := r.files[r.fileOrder[0]]; ok {
			old.Close()
			delete(r.files, r.fileOrder[0])
		}
		r.fileOrder = r.fileOrder[1:]
	}
	return key
}

func (r *Registry) File(id string) (*Book, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b, ok := r.files[id]
	if !ok {
		return nil, errs.NotFound("文件已关闭或过期，请重新选择文件")
	}
	return b, nil
}

// CloseFile forgets a file. An import still reading it may fail, and then rolls back.
func (r *Registry) CloseFile(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.files[id]; ok {
		b.Close()
		delete(r.files, id)
	}
}

// Start registers a job under the caller's id and returns the context that cancelling it cancels.
func (r *Registry) Start(parent context.Context, jobID string) (context.Context, func(), error) {
	jobID = strings.TrimSpace(jobID)
	if jobID == "" {
		return nil, nil, errs.Invalid("jobId", "缺少任务编号，请刷新后重试")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, busy := r.running[jobID]; busy {
		return nil, nil, errs.Conflict("jobId", "该导入任务正在进行中", nil)
	}
	ctx, cancel := context.WithCancel(parent)
	r.running[jobID] = cancel
	return ctx, func() {
		r.mu.Lock()
		delete(r.running, jobID)
		r.mu.Unlock()
		cancel()
	}, nil
}

// Cancel stops a running job; its transaction rolls back.
func (r *Registry) Cancel(jobID string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	cancel, ok := r.running[jobID]
	if !ok {
		return errs.NotFound("没有正在进行的该导入任务")
	}
	cancel()
	return nil
}

// KeepResult keeps a finished job's result for its error report.
func (r *Registry) KeepResult(jobID string, res *Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.results[jobID]; !ok {
		r.resultOrder = append(r.resultOrder, jobID)
	}
	r.results[jobID] = res
	for len(r.resultOrder) > keepResults {
		delete(r.results, r.resultOrder[0])
		r.resultOrder = r.resultOrder[1:]
	}
}

func (r *Registry) Result(jobID string) (*Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res, ok := r.results[jobID]
	if !ok {
		return nil, errs.NotFound("找不到该次导入的结果，请重新试运行")
	}
	return res, nil
}
