package sheets

import (
	"context"
	"database/sql"
	"io"
	"time"

	"jiuke/backend/audit"
	"jiuke/backend/store"
)

// ExportAudit is the operation log's export kind.
const ExportAudit = "操作日志"

var auditColumns = []ExportColumn{
	{"时间", 18, KindText}, {"员工", 10, KindText}, {"操作", 14, KindText}, {"对象", 24, KindText},
	{"详情", 60, KindText}, {"授权人", 10, KindText},
}

// WriteAudit exports the log lines a filter selects, oldest first, times in shop time.
func WriteAudit(ctx context.Context, q store.Querier, w io.Writer, f audit.Filter) (int, error) {
	cond, args := audit.Where(f)
	return exportQuery(ctx, q, w, ExportAudit, auditColumns, `SELECT created_at, staff_name, action, target_label, details, approved_by
		FROM audit_entries`+cond+` ORDER BY id`, args,
		func(rows *sql.Rows) ([]any, error) {
			var at, who, action, target, details, by string
			err := rows.Scan(&at, &who, &action, &target, &details, &by)
			if t, perr := time.Parse(time.RFC3339, at); perr == nil {
				at = t.In(store.Shop).Format("2006-01-02 15:04:05")
			}
			return []any{at, who, action, target, audit.Text(details), by}, err
		})
}
