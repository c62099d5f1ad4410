package demo

import (
	"context"
	"database/sql"
	"fmt"
	"jiuke/backend/banquets"
	"math/rand/v2"
	"time"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/settings"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Seed is the demo archive's seed: change it and every screenshot in the manual changes.
const Seed = 20261123

// The demo shop's sign-in secrets, shown on the sign-in screen of the demo database.
const (
	OwnerPassword = "jiuke123"
	StaffPIN      = "6688"
)

// Fill writes the demo shop into an empty database in one transaction: staff, settings, n customers
// with referrals and follow-ups.
func Fill(ctx context.Context, db *store.DB, n int) error {
	owner, err := staff.EnsureOwner(ctx, db)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		var existing int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers`).Scan(&existing); err != nil {
			return errs.Internal("count customers", err)
		}
		if existing > 0 {
			return errs.Conflict("", "演示数据只能写入空的数据库", nil)
		}
		if _, err := settings.Save(ctx, tx, settings.Shop{Name: "蜀香酒行（演示）", City: "成都", Districts: Districts}); err != nil {
			return err
		}
		if _, err := staff.Setup(ctx, tx, owner, staff.SetupInput{ShopName: "蜀香酒行（演示）", OwnerName: "王老板", Password: OwnerPassword}); err != nil {
			return err
		}
		staffIDs := []int64{owner.ID}
		for _, s := range []staff.StaffInput{{Name: "刘店长", Role: staff.Manager, Active: true, Secret: StaffPIN},
			{Name: "小王", Role: staff.Clerk, Active: true, Secret: StaffPIN}, {Name: "小陈", Role: staff.Clerk, Active: true, Secret: StaffPIN},
			{Name: "赵业务", Role: staff.Clerk, Active: true, Secret: StaffPIN}} {
			m, err := staff.Create(ctx, tx, s)
			if err != nil {
				return err
			}
			staffIDs = append(staffIDs, m.ID)
		}
		bulk, err := customers.NewBulk(ctx, tx, owner.ID)
		if err != nil {
			return err
		}
		defer bulk.Close()
		r := rand.New(rand.NewPCG(Seed, 7))
		var ids []int64
		for i, p := range People(Seed, n) {
			p.Input.OwnerStaffID = staffIDs[r.IntN(len(staffIDs))]
			if p.Referrer >= 0 {
				p.Input.ReferrerID = ids[p.Referrer]
			}
			id, err := bulk.Add(p.Input)
			if err != nil {
				return fmt.Errorf("演示客户 %d: %w", i+1, err)
			}
			ids = append(ids, id)
		}
		if err := followUps(ctx, tx, r, ids, staffIDs); err != nil {
			return err
		}
		if err := fillShop(ctx, tx, r, ids, staffIDs); err != nil {
			return err
		}
		if err := fillEvents(ctx, tx, r, staffIDs); err != nil {
			return err
		}
		if err := fillWalkIns(ctx, tx); err != nil {
			return err
		}
		if err := fillPrint(ctx, tx, staffIDs); err != nil {
			return err
		}
		if err := fillGroups(ctx, tx, r, ids, staffIDs); err != nil {
			return err
		}
		if err := fillWine(ctx, tx, staffIDs); err != nil {
			return err
		}
		if err := fillBanquets(ctx, tx, r, banquets.EvidenceRoot(db.Path), staffIDs); err != nil {
			return err
		}
		if err := fillClaims(ctx, tx, staffIDs); err != nil {
			return err
		}
		// its own random source, so the shop's other demo data stays as it was
		if err := fillWallet(ctx, tx, rand.New(rand.NewPCG(Seed, 15)), staffIDs); err != nil {
			return err
		}
		if err := fillCoupons(ctx, tx, r, staffIDs); err != nil {
			return err
		}
		if err := spreadRegistrations(ctx, tx); err != nil {
			return err
		}
		// last, so smart tags see the events and the groups' sales
		return fillTags(ctx, tx, ids)
	})
}

var followUpTexts = []string{
	"电话回访，对上次购买的酱香型很满意，下月有宴请需求",
	"微信发送新到的波尔多干红介绍，客户表示有兴趣",
	"上门拜访，公司年会需要白酒约20箱，待报价",
	"到店品鉴新品，购买两瓶送礼",
	"邀请参加品鉴会，客户答应出席",
	"节日问候，客户近期出差",
}

func followUps(ctx context.Context, tx *sql.Tx, r *rand.Rand, ids, staffIDs []int64) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO follow_ups (customer_id, date, staff_id, channel, content, next_date, created_at)
		VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return errs.Internal("prepare follow-ups", err)
	}
	defer stmt.Close()
	base := time.Date(2026, 1, 5, 0, 0, 0, 0, store.Shop)
	for i := 0; i < len(ids)*3/5; i++ {
		d := base.AddDate(0, 0, r.IntN(300))
		var next any
		if r.IntN(3) == 0 {
			next = d.AddDate(0, 0, 7+r.IntN(60)).Format(time.DateOnly)
		}
		if _, err := stmt.ExecContext(ctx, ids[r.IntN(len(ids))], d.Format(time.DateOnly), staffIDs[r.IntN(len(staffIDs))],
			customers.Channels[r.IntN(len(customers.Channels))], followUpTexts[r.IntN(len(followUpTexts))], next, store.Now()); err != nil {
			return errs.Internal("insert follow-up", err)
		}
	}
	return nil
}
