package sheets

import (
	"context"
	"io"

	"jiuke/backend/communities"
	"jiuke/backend/store"
)

// Export kinds of the community pages.
const (
	ExportGroupRoster     = "社群名单"
	ExportGroupActivities = "社群活动"
	ExportDraw            = "抽奖结果"
)

var rosterColumns = []ExportColumn{
	{"备注名", 16, KindText}, {"姓名", 10, KindText}, {"手机", 14, KindText}, {"客户类型", 10, KindText},
	{"会员等级", 10, KindText}, {"区域", 10, KindText}, {"群内角色", 10, KindText}, {"入群日期", 12, KindDate},
	{"邀请人", 10, KindText}, {"退群日期", 12, KindDate},
}

// WriteGroupRoster exports a group's members, those who left last, with the remark names staff set
// in the chat app.
func WriteGroupRoster(ctx context.Context, q store.Querier, w io.Writer, groupID int64) (int, error) {
	g, err := communities.Get(ctx, q, groupID)
	if err != nil {
		return 0, err
	}
	list, err := communities.Members(ctx, q, groupID, true)
	if err != nil {
		return 0, err
	}
	return writeRows(w, sheetName(g.Name), rosterColumns, len(list), func(i int) []any {
		m := list[i]
		return []any{m.RemarkName, m.Name, m.Mobile, m.Kind, m.Level, m.District, m.Role, m.JoinedOn, m.InviterName, m.LeftOn}
	})
}

var activityColumns = []ExportColumn{
	{"日期", 12, KindDate}, {"类型", 10, KindText}, {"标题", 24, KindText}, {"红包金额", 12, KindMoney},
	{"费用", 12, KindMoney}, {"参与人数", 10, KindInt}, {"记录人", 10, KindText}, {"备注", 30, KindText},
}

// WriteGroupActivities exports a group's activity log, newest first.
func WriteGroupActivities(ctx context.Context, q store.Querier, w io.Writer, groupID int64) (int, error) {
	g, err := communities.Get(ctx, q, groupID)
	if err != nil {
		return 0, err
	}
	list, err := communities.Activities(ctx, q, groupID)
	if err != nil {
		return 0, err
	}
	return writeRows(w, sheetName(g.Name), activityColumns, len(list), func(i int) []any {
		a := list[i]
		return []any{a.Date, a.Kind, a.Title, a.AmountFen, a.CostFen, a.Participants, a.StaffName, a.Notes}
	})
}

var drawColumns = []ExportColumn{
	{"名次", 8, KindInt}, {"姓名", 10, KindText}, {"手机", 14, KindText}, {"奖品", 20, KindText},
	{"抽奖", 20, KindText}, {"时间", 12, KindDate}, {"随机种子", 36, KindText}, {"参与人数", 10, KindInt},
}

// WriteDraw exports a draw's winners with its seed, so the result can be checked later.
func WriteDraw(ctx context.Context, q store.Querier, w io.Writer, drawID int64) (int, error) {
	d, err := communities.GetDraw(ctx, q, drawID)
	if err != nil {
		return 0, err
	}
	return writeRows(w, sheetName(d.Title), drawColumns, len(d.Winners), func(i int) []any {
		x := d.Winners[i]
		return []any{int64(x.Position), x.Name, x.Mobile, x.GiftName, d.Title, d.CreatedAt, d.Seed, int64(d.PoolSize)}
	})
}

func writeRows(w io.Writer, sheet string, cols []ExportColumn, n int, row func(int) []any) (int, error) {
	return writeBook(w, table{sheet, cols, func(add func(...any) error) error {
		for i := range n {
			if err := add(row(i)...); err != nil {
				return err
			}
		}
		return nil
	}})
}

// sheetName fits a title into Excel's 31-character sheet names without the characters it forbids.
func sheetName(s string) string {
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for _, c := range r {
		switch c {
		case ':', '\\', '/', '?', '*', '[', ']':
			continue
		}
		out = append(out, c)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}
