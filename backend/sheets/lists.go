package sheets

import (
	"context"
	"database/sql"
	"io"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/segments"
	"jiuke/backend/store"
)

// Export kinds, as logged and as the CLI names them.
const (
	ExportCustomers = "客户"
	ExportMembers   = "会员"
	ExportPoints    = "积分流水"
	ExportPurchases = "消费记录"
)

// The customer export's headers are the import's, so an exported list can be edited and imported back.
var customerColumns = []ExportColumn{
	{"姓名", 12, KindText}, {"手机号", 14, KindText}, {"其他电话", 16, KindText}, {"性别", 6, KindText},
	{"生日", 14, KindDate}, {"区域", 10, KindText}, {"地址", 30, KindText}, {"单位", 20, KindText},
	{"职务", 10, KindText}, {"来源", 8, KindText}, {"推荐人", 10, KindText}, {"会员等级", 10, KindText},
	{"会员卡号", 16, KindText}, {"剩余积分", 10, KindInt}, {"累计消费", 14, KindMoney}, {"备注", 30, KindText},
	{"建档日期", 12, KindDate}, {"客户类型", 10, KindText}, {"门店类型", 10, KindText}, {"门店名称", 20, KindText},
	{"联系人", 10, KindText},
}

// WriteCustomers exports the customers a list shows with its filters (all pages), oldest first.
// 累计消费 is net of refunds, as everywhere spend counts (purchases.refunded_fen, kept by triggers).
// The joins are on unique keys (one membership, one card in use, one referrer per customer), so
// counting the filtered customers counts the rows.
func WriteCustomers(ctx context.Context, q store.Querier, w io.Writer, f customers.ListQuery) (int, error) {
	cond, args, err := customers.WhereInIDOrder(ctx, q, f)
	if err != nil {
		return 0, err
	}
	return exportCounted(ctx, q, w, ExportCustomers, customerColumns, `SELECT COUNT(*) FROM customers c`+cond, customerRows(cond), args,
		customerScan())
}

// customerScan reads an export row into one slice of cells used again for every row (Stream writes
// a row out before the next is read). The text columns are scanned as the driver's own values, not
// copied into strings and boxed again (an allocation a cell).
func customerScan() func(rows *sql.Rows) ([]any, error) {
	cells := make([]any, len(customerColumns))
	var b customers.Birthday
	dest := make([]any, 0, len(customerColumns)+4)
	for i := range cells {
		switch i {
		case 4: // 生日 comes from five columns
			dest = append(dest, &b.Calendar, &b.Year, &b.Month, &b.Day, &b.Leap)
		default:
			dest = append(dest, &cells[i])
		}
	}
	return func(rows *sql.Rows) ([]any, error) {
		err := rows.Scan(dest...)
		cells[4] = exportBirthday(b)
		return cells, err
	}
}

// customerRows is the customer export's SELECT for the filter cond (customers.WhereInIDOrder).
func customerRows(cond string) string {
	return `SELECT c.name, COALESCE(c.mobile, ''), c.other_phone,
		CASE c.gender WHEN 'M' THEN '男' WHEN 'F' THEN '女' ELSE '' END,
		c.birth_calendar, COALESCE(c.birth_year, 0), COALESCE(c.birth_month, 0), COALESCE(c.birth_day, 0), c.birth_leap,
		c.district, c.address, c.company, c.title, c.source, COALESCE(r.name, ''), COALESCE(l.name, ''), COALESCE(k.number, ''),
		(SELECT COALESCE(SUM(e.points), 0) FROM points_entries e WHERE e.customer_id = c.id),
		` + segments.TotalSpendSQL + `,
		c.notes, c.created_at, c.kind, c.outlet_type, c.shop_name, c.contact_person
		FROM customers c LEFT JOIN customers r ON r.id = c.referrer_id
		LEFT JOIN memberships m ON m.customer_id = c.id LEFT JOIN member_levels l ON l.id = m.level_id
		LEFT JOIN cards k ON k.customer_id = c.id AND k.state != 'replaced'` + cond + ` ORDER BY c.id`
}

// exportBirthday is a real date for a full solar birthday, else text the import reads back.
func exportBirthday(b customers.Birthday) any {
	if b.Calendar == "solar" && b.Year != 0 && b.Month != 0 {
		return time.Date(b.Year, time.Month(b.Month), b.Day, 0, 0, 0, 0, time.UTC)
	}
	return birthdayText(b)
}

var memberColumns = []ExportColumn{
	{"会员卡号", 16, KindText}, {"姓名", 12, KindText}, {"手机号", 14, KindText}, {"会员等级", 10, KindText},
	{"入会日期", 12, KindDate}, {"卡状态", 8, KindText}, {"剩余积分", 10, KindInt}, {"近12个月消费", 14, KindMoney},
}

// WriteMembers exports every member with level, card, balance and 12-month spend.
func WriteMembers(ctx context.Context, q store.Querier, w io.Writer) (int, error) {
	today := store.Today()
	d, _ := time.Parse(time.DateOnly, today)
	since := d.AddDate(-1, 0, 0).Format(time.DateOnly)
	return exportQuery(ctx, q, w, ExportMembers, memberColumns, `SELECT COALESCE(k.number, ''), c.name, COALESCE(c.mobile, ''), l.name,
		m.registered_at, CASE k.state WHEN 'active' THEN '正常' WHEN 'frozen' THEN '冻结' ELSE '' END,
		(SELECT COALESCE(SUM(e.points), 0) FROM points_entries e WHERE e.customer_id = c.id),
		(SELECT COALESCE(SUM(p.total_fen - p.refunded_fen), 0)
			FROM purchases p WHERE p.customer_id = c.id AND p.date > ? AND p.date <= ?)
		FROM memberships m JOIN customers c ON c.id = m.customer_id JOIN member_levels l ON l.id = m.level_id
		LEFT JOIN cards k ON k.customer_id = c.id AND k.state != 'replaced'
		WHERE c.archived = 0 ORDER BY l.rank DESC, c.id`, []any{since, today},
		func(rows *sql.Rows) ([]any, error) {
			var card, name, mobile, level, since, state string
			var pts, spend int64
			err := rows.Scan(&card, &name, &mobile, &level, &since, &state, &pts, &spend)
			return []any{card, name, mobile, level, since, state, pts, spend}, err
		})
}

var pointsColumns = []ExportColumn{
	{"日期", 12, KindDate}, {"姓名", 12, KindText}, {"手机号", 14, KindText}, {"类型", 10, KindText},
	{"积分", 10, KindInt}, {"原因", 30, KindText}, {"到期日", 12, KindDate}, {"经办人", 10, KindText},
}

var kindNames = map[string]string{"earn": "消费积分", "redeem": "兑换", "bonus": "奖励", "adjust": "调整", "expire": "过期",
	"reverse": "冲回", "opening": "期初积分"}

// WritePoints exports the whole points ledger, oldest first.
func WritePoints(ctx context.Context, q store.Querier, w io.Writer) (int, error) {
	return exportQuery(ctx, q, w, ExportPoints, pointsColumns, `SELECT e.created_at, c.name, COALESCE(c.mobile, ''), e.kind, e.points,
		e.reason, COALESCE(e.expires_on, ''), COALESCE(s.name, '')
		FROM points_entries e JOIN customers c ON c.id = e.customer_id LEFT JOIN staff s ON s.id = e.staff_id ORDER BY e.id`, nil,
		func(rows *sql.Rows) ([]any, error) {
			var at, name, mobile, kind, reason, expires, staff string
			var pts int64
			err := rows.Scan(&at, &name, &mobile, &kind, &pts, &reason, &expires, &staff)
			return []any{at, name, mobile, kindNames[kind], pts, reason, expires, staff}, err
		})
}

var purchaseColumns = []ExportColumn{
	{"日期", 12, KindDate}, {"姓名", 12, KindText}, {"手机号", 14, KindText}, {"商品", 24, KindText}, {"数量", 6, KindInt},
	{"单价", 12, KindMoney}, {"金额", 12, KindMoney}, {"积分", 8, KindInt}, {"备注", 20, KindText}, {"经办人", 10, KindText},
	{"社群", 16, KindText},
}

// WritePurchases exports purchase lines dated from..to (YYYY-MM-DD, either may be empty), oldest first.
func WritePurchases(ctx context.Context, q store.Querier, w io.Writer, from, to string) (int, error) {
	if from == "" {
		from = "0000-00-00"
	}
	if to == "" {
		to = "9999-99-99"
	}
	return exportQuery(ctx, q, w, ExportPurchases, purchaseColumns, `SELECT p.date, c.name, COALESCE(c.mobile, ''), l.product_name, l.qty,
		l.unit_fen, l.amount_fen, l.points, p.note, COALESCE(s.name, ''), COALESCE(g.name, '')
		FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id JOIN customers c ON c.id = p.customer_id
		LEFT JOIN staff s ON s.id = p.staff_id LEFT JOIN communities g ON g.id = p.community_id WHERE p.date >= ? AND p.date <= ? ORDER BY p.date, p.id, l.id`, []any{from, to},
		func(rows *sql.Rows) ([]any, error) {
			var date, name, mobile, product, note, staff, group string
			var qty, unit, amount, pts int64
			err := rows.Scan(&date, &name, &mobile, &product, &qty, &unit, &amount, &pts, &note, &staff, &group)
			return []any{date, name, mobile, product, qty, unit, amount, pts, note, staff, group}, err
		})
}

// LogExport records who exported what and how many rows.
func LogExport(ctx context.Context, tx *sql.Tx, kind string, rows int, fileName string, staffID int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO export_log (kind, rows, file_name, staff_id, created_at) VALUES (?,?,?,?,?)`,
		kind, rows, fileName, store.Nullable(staffID), store.Now()); err != nil {
		return errs.Internal("log export", err)
	}
	return nil
}
