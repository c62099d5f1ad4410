package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"jiuke/backend/communities"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

var outletShops = []struct{ kind, name string }{
	{"烟酒店", "好运烟酒行"}, {"烟酒店", "金牛名烟名酒"}, {"餐饮", "蜀味轩酒楼"}, {"餐饮", "老码头火锅"}, {"酒店", "锦江宾馆中餐厅"},
	{"商超", "红旗连锁（玉林店）"}, {"烟酒店", "天府烟酒超市"}, {"餐饮", "川西坝子"}, {"商超", "舞东风超市"}, {"其他", "茶马古道茶楼"},
}

var demoGroups = []communities.Group{
	{Name: "锦江酱香品鉴群", Platform: "微信", Theme: "酱香白酒品鉴", Audience: "锦江区 30-55 岁爱喝酱香的老客户", MemberKind: "个人",
		OwnerAccount: "蜀香酒行-客服1", Admins: "刘店长、小王", Rules: "1. 不发广告\n2. 每周五晚 8 点品鉴分享\n3. 红包随缘，禁止刷屏", State: "活跃"},
	{Name: "商务宴请团购群", Platform: "企业微信", Theme: "企业团购与宴请用酒", Audience: "企业采购、行政负责人", MemberKind: "企业",
		OwnerAccount: "蜀香酒行-企业微信", Admins: "王老板", Rules: "团购报价私聊，群内只发活动", State: "活跃"},
	{Name: "烟酒店老板联盟", Platform: "微信", Theme: "终端门店进货与政策", Audience: "合作的烟酒店、餐饮和商超", MemberKind: "终端门店",
		OwnerAccount: "蜀香酒行-业务", Admins: "赵业务", Rules: "每月政策在群公告", State: "活跃"},
	{Name: "葡萄酒入门群", Platform: "微信", Theme: "葡萄酒知识", Audience: "刚开始喝葡萄酒的年轻客户", MemberKind: "个人",
		OwnerAccount: "蜀香酒行-客服2", State: "沉寂"},
}

var demoActivities = []struct{ kind, title string }{
	{"红包", "周五晚红包雨"}, {"话题", "聊聊你喝过最难忘的一瓶酒"}, {"线上品鉴", "飞天茅台线上品鉴"}, {"知识分享", "酱香酒的12987工艺"},
	{"限时优惠", "群专享：普五限时 9.5 折"}, {"视频", "酒厂参观短视频"}, {"抽奖", "开群抽奖"},
}

// fillGroups marks some customers as outlets and companies and adds four groups with members (some
// invited by other members), activities, sales that came from the groups and one past draw.
func fillGroups(ctx context.Context, tx *sql.Tx, r *rand.Rand, ids, staffIDs []int64) error {
	today := time.Now().In(store.Shop)
	day := func(back int) string { return today.AddDate(0, 0, -back).Format(time.DateOnly) }
	var outlets, companies []int64
	for i, id := range ids {
		var err error
		switch {
		case i%40 == 7 && len(outlets) < len(outletShops):
			o := outletShops[len(outlets)]
			_, err = tx.ExecContext(ctx, `UPDATE customers SET kind = '终端门店', outlet_type = ?, shop_name = ?, contact_person = name WHERE id = ?`, o.kind, o.name, id)
			outlets = append(outlets, id)
		case i%25 == 3:
			_, err = tx.ExecContext(ctx, `UPDATE customers SET kind = '企业' WHERE id = ?`, id)
			companies = append(companies, id)
		}
		if err != nil {
			return errs.Internal("demo kinds", err)
		}
	}
	pools := [][]int64{pickN(r, ids, 60), companies, outlets, pickN(r, ids, 25)}
	for gi, g := range demoGroups {
		g.StaffID = staffIDs[gi%len(staffIDs)]
		g.CreatedOn = day(150 - gi*20)
		saved, err := communities.Save(ctx, tx, g)
		if err != nil {
			return fmt.Errorf("演示社群: %w", err)
		}
		pool := pools[gi]
		if len(pool) == 0 {
			continue
		}
		// The first few join on the first day; the rest are invited by earlier members over the months.
		seedN := min(len(pool), 5)
		if _, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: saved.ID, IDs: pool[:seedN], Role: "成员", JoinedOn: g.CreatedOn}, g.StaffID); err != nil {
			return fmt.Errorf("演示社群成员: %w", err)
		}
		for i, id := range pool[seedN:] {
			inviter := pool[r.IntN(seedN+i)]
			joined := day(r.IntN(140 - gi*20))
			if _, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: saved.ID, IDs: []int64{id}, InviterID: inviter, JoinedOn: joined}, g.StaffID); err != nil {
				return fmt.Errorf("演示社群邀请: %w", err)
			}
		}
		if err := communities.SetRole(ctx, tx, saved.ID, pool[0], "群主"); err != nil {
			return err
		}
		if g.State == "沉寂" {
			continue // nothing logged lately: the health page flags it
		}
		for n := 0; n < 6+r.IntN(6); n++ {
			a := demoActivities[r.IntN(len(demoActivities))]
			act := communities.Activity{GroupID: saved.ID, Kind: a.kind, Title: a.title, Date: day(r.IntN(60)), Participants: int64(5 + r.IntN(len(pool)))}
			if a.kind == "红包" {
				act.AmountFen = int64(50+r.IntN(150)) * 100
			} else if a.kind == "线上品鉴" {
				act.CostFen = 60000
			}
			if _, err := communities.AddActivity(ctx, tx, act, g.StaffID); err != nil {
				return fmt.Errorf("演示社群活动: %w", err)
			}
		}
		// A third of the members' recent purchases came from the group.
		if _, err := tx.ExecContext(ctx, `UPDATE purchases SET community_id = ? WHERE date > ? AND community_id IS NULL AND id % 3 = 0
			AND customer_id IN (SELECT customer_id FROM community_members WHERE community_id = ?)`, saved.ID, day(90), saved.ID); err != nil {
			return errs.Internal("demo attributed sales", err)
		}
		if gi == 0 {
			var giftID int64
			if err := tx.QueryRowContext(ctx, `SELECT id FROM gifts ORDER BY id LIMIT 1`).Scan(&giftID); err != nil {
				return errs.Internal("demo prize", err)
			}
			if _, err := communities.DrawSeeded(ctx, tx, communities.DrawRequest{GroupID: saved.ID, Title: "开群百日抽奖",
				Prizes: []communities.Prize{{GiftID: giftID, Count: 3}}}, g.StaffID, fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())); err != nil {
				return fmt.Errorf("演示抽奖: %w", err)
			}
		}
	}
	return nil
}

// pickN is n distinct ids in a seeded order.
func pickN(r *rand.Rand, ids []int64, n int) []int64 {
	perm := r.Perm(len(ids))
	out := make([]int64, 0, n)
	for _, i := range perm[:min(n, len(perm))] {
		out = append(out, ids[i])
	}
	return out
}
