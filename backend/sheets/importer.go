package sheets

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/store"
)

// Duplicate policies: what a row does when its mobile or card number belongs to a customer in the
// archive, or to an earlier row of the same file.
const (
	PolicySkip      = "skip"      // 跳过：the existing customer stays as it is
	PolicyUpdate    = "update"    // 补全空白：only fields the customer has empty are filled
	PolicyOverwrite = "overwrite" // 覆盖：the row's values replace the customer's; empty cells erase nothing
	PolicyMerge     = "merge"     // 合并：empty fields filled, differing phones and texts kept beside the old ones, points added
)

// PolicyInfo is a duplicate policy as the UI offers it.
type PolicyInfo struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Hint  string `json:"hint"`
}

// Policies in the order the UI offers them.
var Policies = []PolicyInfo{
	{PolicySkip, "跳过", "已有的客户保持不变，表中这一行不导入"},
	{PolicyUpdate, "补全空白", "只填写已有客户空着的资料，不改动已填的内容"},
	{PolicyOverwrite, "覆盖", "以表中内容为准（表中空着的格子不会清空原有资料），积分改为表中余额，累计消费改为表中金额"},
	{PolicyMerge, "合并", "补全空白，不同的电话存入其他电话、不同的内容记入备注，表中积分和累计消费累加到现有的"},
}

// PolicyLabel is a policy's Chinese name.
func PolicyLabel(key string) string {
	for _, p := range Policies {
		if p.Key == key {
			return p.Label
		}
	}
	return key
}

// Request says what to import: which sheet, how its columns map to fields (nil: as guessed), and
// what to do with duplicates.
type Request struct {
	FileName    string
	Sheet       string
	Columns     []Column
	OnDuplicate string
	DryRun      bool
	StaffID     int64
	// AssignCards gives each imported member without a card one from the issuing card range, so
	// they can be scanned at the counter.
	AssignCards bool
}

// Progress of a running import, in rows of the sheet.
type Progress struct {
	Phase string `json:"phase"` // "importing", then "finishing"
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ReasonCount is how many rows one reason touched, and the first of them so a message can name them
// ("生日无法识别：第 4、9 行等 12 行").
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
	Rows   []int  `json:"rows"` // the first rowsShown distinct row numbers, in file order
	// lastRow is the row counted last: rows arrive in order, so a repeat is always the last one.
	lastRow int
}

// rowsShown is how many row numbers a reason keeps: enough to find the first ones in the sheet.
const rowsShown = 5

// listCap bounds each list of issues in the summary; the error report has every failed row.
const listCap = 200

// Summary is what an import (or its dry run) did.
type Summary struct {
	BatchID       int64  `json:"batchId"` // 0 for a dry run
	DryRun        bool   `json:"dryRun"`
	FileName      string `json:"fileName"`
	Sheet         string `json:"sheet"`
	HeaderRow     int    `json:"headerRow"`
	OnDuplicate   string `json:"onDuplicate"`
	Read          int    `json:"read"` // data rows, not counting blank, header and subtotal rows
	Created       int    `json:"created"`
	Updated       int    `json:"updated"`
	Merged        int    `json:"merged"`
	Skipped       int    `json:"skipped"`
	Failed        int    `json:"failed"`
	Members       int    `json:"members"`       // memberships registered
	Cards         int    `json:"cards"`         // cards issued
	OpeningPoints int64  `json:"openingPoints"` // points booked as opening balances (net)
	Purchases     int    `json:"purchases"`     // historical purchases recorded
	// OpeningSpendFen is the undated 累计消费 booked as opening spend (net, like OpeningPoints).
	OpeningSpendFen int64 `json:"openingSpendFen"`
	// Opening stored value (期初储值) booked, net, principal and bonus.
	OpeningPrincipalFen int64         `json:"openingPrincipalFen"`
	OpeningBonusFen     int64         `json:"openingBonusFen"`
	FailedBy            []ReasonCount `json:"failedByReason"`
	SkippedBy           []ReasonCount `json:"skippedByReason"`
	WarningsBy          []ReasonCount `json:"warningsByReason"`
	SubtotalRows        []int         `json:"subtotalRows"`
	Failures            []Issue       `json:"failures"` // the first 200
	Skips               []Issue       `json:"skips"`
	Warnings            []Issue       `json:"warnings"`
	WarningCount        int           `json:"warningCount"`
	Millis              int64         `json:"millis"`
}

// Failure is a row that could not be imported, with its cells as they were in the file.
type Failure struct {
	Issue
	Cells []string
}

// Result is a finished import: its summary and what the error report needs.
type Result struct {
	Summary  Summary
	Header   []string
	Failures []Failure
}

// ErrDryRun is returned by the caller's transaction function after a dry run, so the transaction
// rolls back; callers treat it as success.
var ErrDryRun = errors.New("dry run: rolled back")

// Import reads the sheet and imports every row in the caller's transaction, as one batch: the
// transaction commits all of it or nothing. Per-row problems are counted and reported, never fatal;
// the returned error is for bad input (no header, unknown sheet), cancellation and internal failures.
// Parsing runs on its own goroutine, ahead of the database work.
func Import(ctx context.Context, tx *sql.Tx, book *Book, req Request, progress func(Progress)) (_ *Result, err error) {
	start := time.Now()
	defer func() {
		// A statement interrupted by the cancel fails with the context's error: say what happened.
		if err != nil && ctx.Err() != nil {
			err = cancelled()
		}
	}()
	if req.OnDuplicate == "" {
		req.OnDuplicate = PolicySkip
	}
	if !slices.ContainsFunc(Policies, func(p PolicyInfo) bool { return p.Key == req.OnDuplicate }) {
		return nil, errs.Invalid("onDuplicate", "重复处理方式只能是：跳过、补全空白、覆盖、合并")
	}
	remembered, err := rememberedMappings(ctx, tx)
	if err != nil {
		return nil, err
	}
	sr, err := openSheet(book, req.Sheet, remembered)
	if err != nil {
		return nil, err
	}
	defer sr.Close()
	cols := req.Columns
	if cols == nil {
		cols = guessColumns(sr.header, remembered)
	}
	if err := checkColumns(cols); err != nil {
		return nil, err
	}
	levels, err := members.Levels(ctx, tx)
	if err != nil {
		return nil, err
	}
	im, err := newImporter(ctx, tx, req, sr, cols, levels)
	if err != nil {
		return nil, err
	}
	defer im.close()
	p := newParser(cols, levels, time.Now().In(store.Shop))
	if p.cards, err = members.NewCardChecker(ctx, tx); err != nil {
		return nil, err
	}
	if p.walletCap, err = openingCap(ctx, tx); err != nil {
		return nil, err
	}

	batches := make(chan []record, 8)
	readErr := make(chan error, 1)
	readCtx, stop := context.WithCancel(ctx)
	go func() {
		var err error
		// Deferred in reverse: recover a reader's panic, report the error, then end the stream.
		defer close(batches)
		defer func() {
			if err != nil {
				readErr <- err
			}
		}()
		defer recoverCorrupt(&err)
		batch := make([]record, 0, 256)
		for {
			num, cells, ok := sr.next()
			if !ok {
				break
			}
			switch {
			case isSubtotal(cells):
				batch = append(batch, record{row: num, subtotal: true})
			case p.blank(cells), isHeaderAgain(cells, sr.header), isExample(cells):
				continue
			default:
				batch = append(batch, p.parse(num, cells))
			}
			if len(batch) == cap(batch) {
				select {
				case batches <- batch:
				case <-readCtx.Done():
					return
				}
				batch = make([]record, 0, 256)
			}
		}
		if err = sr.rs.Err(); err == nil {
			batches <- batch
		}
	}()
	// On any return, stop the reader and wait for it before the sheet is closed.
	defer func() {
		stop()
		for range batches {
		}
	}()
	total := sr.rs.Total()
	for batch := range batches {
		if ctx.Err() != nil {
			return nil, cancelled()
		}
		for _, r := range batch {
			if err := im.apply(r); err != nil {
				return nil, err
			}
		}
		if len(batch) > 0 && progress != nil {
			progress(Progress{Phase: "importing", Done: batch[len(batch)-1].row, Total: max(total, batch[len(batch)-1].row)})
		}
	}
	select {
	case err := <-readErr:
		return nil, err
	default:
	}
	if ctx.Err() != nil {
		return nil, cancelled()
	}
	if progress != nil {
		progress(Progress{Phase: "finishing", Done: total, Total: total})
	}
	if err := im.finish(cols); err != nil {
		return nil, err
	}
	res := im.res
	res.Summary.Millis = time.Since(start).Milliseconds()
	return res, nil
}

func cancelled() error {
	return errs.Invalid("", "已取消导入，没有做任何修改")
}

// checkColumns refuses a mapping without a name column or with one field on two columns.
func checkColumns(cols []Column) error {
	seen := map[string]string{}
	for _, c := range cols {
		if c.Field == "" {
			continue
		}
		f, ok := fieldByKey(c.Field)
		if !ok {
			return errs.Invalid("columns", fmt.Sprintf("第 %s 列的字段「%s」不存在", colLetter(c.Index), c.Field))
		}
		if c.Index < 0 || c.Index > 16383 {
			return errs.Invalid("columns", "列号超出范围")
		}
		if prev, dup := seen[c.Field]; dup && !f.Repeat {
			return errs.Invalid("columns", fmt.Sprintf("「%s」和「%s」两列都设成了「%s」，请只保留一列", prev, c.Header, f.Label))
		}
		seen[c.Field] = c.Header
	}
	if _, ok := seen["name"]; !ok {
		return errs.Invalid("columns", "请指定哪一列是「姓名」")
	}
	return nil
}

// count adds row to reason's count, keeping first-seen order. Two issues of one reason on one row
// count once.
func count(list []ReasonCount, reason string, row int) []ReasonCount {
	for i := range list {
		r := &list[i]
		if r.Reason != reason {
			continue
		}
		if r.lastRow == row {
			return list
		}
		r.Count++
		r.lastRow = row
		if len(r.Rows) < rowsShown {
			r.Rows = append(r.Rows, row)
		}
		return list
	}
	return append(list, ReasonCount{Reason: reason, Count: 1, Rows: []int{row}, lastRow: row})
}
