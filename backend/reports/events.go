package reports

import (
	"context"
	"fmt"

	"jiuke/backend/events"
	"jiuke/backend/sheets"
	"jiuke/backend/store"
)

// ROIDays is the window after an event in which its guests' purchases count, as on the event page.
const ROIDays = 30

// eventROIs are the ended events that started in [fromDay, endDay), latest first, each measured
// the way the event's own page measures it.
func eventROIs(ctx context.Context, q store.Querier, fromDay, endDay string) ([]events.ROI, error) {
	all, err := events.ROIs(ctx, q, ROIDays)
	if err != nil {
		return nil, err
	}
	out := []events.ROI{}
	for _, r := range all {
		if r.Date >= fromDay && r.Date < endDay {
			out = append(out, r)
		}
	}
	return out, nil
}

func eventsTable(rows []events.ROI) sheets.Table {
	t := sheets.Table{Sheet: "活动效果", Cols: []sheets.ExportColumn{col("活动", 20, sheets.KindText), col("类型", 10, sheets.KindText),
		col("日期", 12, sheets.KindDate), col("实际费用", 14, sheets.KindMoney), col("到场人数", 10, sheets.KindInt),
		col(fmt.Sprintf("到场客户%d天内消费", ROIDays), 18, sheets.KindMoney), col("邀请未到人数", 12, sheets.KindInt),
		col(fmt.Sprintf("未到客户%d天内消费", ROIDays), 18, sheets.KindMoney), col("回报率", 10, sheets.KindText)}}
	for _, r := range rows {
		ret := "—" // no cost recorded: a return has no meaning
		if r.CostFen > 0 {
			ret = fmt.Sprintf("%.1f%%", r.ReturnPct)
		}
		t.Rows = append(t.Rows, []any{r.Name, r.Kind, r.Date, r.CostFen, r.Attendees, r.AttendeeFen, r.Absent, r.AbsentFen, ret})
	}
	return t
}
