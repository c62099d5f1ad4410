package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/claims"
	"jiuke/backend/errs"
)

// demoRules are the demo programme's banquet, tasting and proof rules.
func demoRules() claims.Rules {
	candy := claims.Gift{Name: "喜糖礼盒", Qty: 1, Value: 2000}
	return claims.Rules{
		Banquet: claims.BanquetRules{
			Tiers: []claims.Tier{
				{MinCases: 3, MinTables: 8, PerTable: []claims.Gift{candy}},
				{MinCases: 8, MinTables: 20, PerTable: []claims.Gift{candy}, Extra: []claims.Gift{{Name: "主桌摆台酒", Qty: 2, Value: 49900}}},
			},
			RebatePerBottle: 1000,
			Split:           claims.Split{Mode: claims.SplitPercent, Distributor: 20, Outlet: 30, Host: 50},
			RebateCap:       500000,
		},
		Event: claims.EventRules{PerEvent: 50000, PerAttendee: 3000, Budget: 300000},
		Proof: claims.Proof{Photos: []string{"tables", "opened"}, Codes: true, SignIn: true},
	}
}

// setDemoRules gives the programme its rules as soon as it exists, so its banquets settle with the
// gifts and rebates it computes.
func setDemoRules(ctx context.Context, tx *sql.Tx, pid, staffID int64) error {
	p, err := claims.GetProgramme(ctx, tx, pid)
	if err != nil {
		return err
	}
	p.Rules, p.Active = demoRules(), true
	if _, err := claims.SaveProgramme(ctx, tx, p, staffID); err != nil {
		return fmt.Errorf("演示品牌政策: %w", err)
	}
	return nil
}

// fillClaims gives the demo's brand programme its rules and a sponsored tasting, then files the
// season's two claims: the oldest banquets approved in part and paid, the next ones filed 75 days ago
// and still owed (so the home page's reminder shows).
func fillClaims(ctx context.Context, tx *sql.Tx, staffIDs []int64) error {
	var pid int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM brand_programmes WHERE name = '宴席推广政策（演示）'`).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return errs.Internal("demo programme", err)
	}
	p, err := claims.GetProgramme(ctx, tx, pid)
	if err != nil {
		return err
	}
	p.Rules = demoRules()
	p.Active = true
	// The latest ended tasting inside the programme's dates, with guests signed in, is sponsored.
	var event int64
	err = tx.QueryRowContext(ctx, `SELECT e.id FROM events e WHERE e.state = 'ended' AND substr(e.starts_at, 1, 10) >= ?
		AND EXISTS (SELECT 1 FROM event_guests g WHERE g.event_id = e.id AND g.status = 'checked_in') ORDER BY e.starts_at DESC LIMIT 1`, p.StartsOn).Scan(&event)
	if err == nil {
		p.EventIDs = []int64{event}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return errs.Internal("demo sponsored event", err)
	}
	if p, err = claims.SaveProgramme(ctx, tx, p, staffIDs[0]); err != nil {
		return fmt.Errorf("演示品牌政策: %w", err)
	}
	refs := map[string][]claims.Ref{}
	for i, d := range demoBanquets {
		if d.state != banquets.StateClaimed && d.state != banquets.StateCleared {
			continue
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM banquets WHERE idem_key = ? AND programme_id = ?`, fmt.Sprintf("demo-%d-reg", i), p.ID).Scan(&id); err != nil {
			continue // registered without the programme
		}
		refs[d.state] = append(refs[d.state], claims.Ref{Kind: claims.KindBanquet, ID: id})
	}
	if event != 0 {
		refs[banquets.StateCleared] = append(refs[banquets.StateCleared], claims.Ref{Kind: claims.KindEvent, ID: event})
	}
	owner := staffIDs[0]
	if rs := refs[banquets.StateCleared]; len(rs) > 0 {
		c, err := claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: p.ID, Items: rs, Title: "五粮液 第三季度宴席申报", Key: "demo-claim-paid"}, owner)
		if err != nil {
			return fmt.Errorf("演示申报单: %w", err)
		}
		if _, err := claims.File(ctx, tx, c.ID, owner); err != nil {
			return err
		}
		approved := c.Claimed * 9 / 10
		if _, err := claims.Approve(ctx, tx, c.ID, approved, "一场礼品照片不清，按九成核销", owner); err != nil {
			return err
		}
		if _, err := claims.Receive(ctx, tx, claims.ReceiveInput{ClaimID: c.ID, Amount: approved, Method: "冲抵货款", Key: "demo-claim-paid-in"}, owner); err != nil {
			return err
		}
		if err := backdate(ctx, tx, c.ID, 95); err != nil {
			return err
		}
	}
	if rs := refs[banquets.StateClaimed]; len(rs) > 0 {
		c, err := claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: p.ID, Items: rs, Title: "五粮液 十月宴席申报", Key: "demo-claim-owed"}, owner)
		if err != nil {
			return fmt.Errorf("演示申报单: %w", err)
		}
		if _, err := claims.File(ctx, tx, c.ID, owner); err != nil {
			return err
		}
		if err := backdate(ctx, tx, c.ID, 75); err != nil {
			return err
		}
	}
	return nil
}

// backdate moves a demo claim's filing into the past, as if the season had really been run.
func backdate(ctx context.Context, tx *sql.Tx, id int64, days int) error {
	at := time.Now().AddDate(0, 0, -days).UTC().Format(time.RFC3339)
	_, err := tx.ExecContext(ctx, `UPDATE claims SET created_at = ?, filed_at = ? WHERE id = ?`, at, at, id)
	return err
}
