package app

import (
	"context"
	"strconv"

	"jiuke/backend/audit"
	"jiuke/backend/store"
)

// The operation log names what each line touched. These read that name where a method knows only an
// id; "#id" stands in when the row cannot be read (the log line is still written).

func nameOf(ctx context.Context, q store.Querier, query string, id int64) string {
	var name string
	if err := q.QueryRowContext(ctx, query, id).Scan(&name); err != nil || name == "" {
		return "#" + strconv.FormatInt(id, 10)
	}
	return name
}

// customerLabel is the customer's name.
func customerLabel(ctx context.Context, q store.Querier, id int64) string {
	return nameOf(ctx, q, `SELECT name FROM customers WHERE id = ?`, id)
}

// eventLabel is the event's name.
func eventLabel(ctx context.Context, q store.Querier, id int64) string {
	return nameOf(ctx, q, `SELECT name FROM events WHERE id = ?`, id)
}

// eventPartLabel names something inside an event (a guest, a table) after the event: 秋季品鉴会：张三.
func eventPartLabel(ctx context.Context, q store.Querier, eventID int64, part string) string {
	if part == "" {
		return eventLabel(ctx, q, eventID)
	}
	return eventLabel(ctx, q, eventID) + "：" + part
}

// purchaseLabel names a purchase by its customer, date and total: 张三 2026-11-23 消费 ¥1,234.00.
func purchaseLabel(ctx context.Context, q store.Querier, id int64) string {
	var name, date string
	var total int64
	err := q.QueryRowContext(ctx, `SELECT c.name, p.date, p.total_fen FROM purchases p JOIN customers c ON c.id = p.customer_id
		WHERE p.id = ?`, id).Scan(&name, &date, &total)
	if err != nil {
		return "消费 #" + strconv.FormatInt(id, 10)
	}
	return name + " " + date + " 消费 " + audit.Money(total)
}

// importLabel names an import batch by its file.
func importLabel(ctx context.Context, q store.Querier, id int64) string {
	return nameOf(ctx, q, `SELECT file_name FROM import_batches WHERE id = ?`, id)
}
