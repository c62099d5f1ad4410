package demo

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// demoVenues are the hotels and restaurants banquets are held at.
var demoVenues = []struct{ name, kind string }{
	{"锦城大酒店", "酒店"}, {"喜宴楼", "餐饮"}, {"天府国际酒店", "酒店"},
}

// demoBanquet is one banquet of the season: its kind, days from today (negative: past), tables and
// the state it reached.
type demoBanquet struct {
	kind   string
	days   int
	tables int64
	state  string
}

var demoBanquets = []demoBanquet{
	{"婚宴", 12, 30, banquets.StateRegistered}, {"寿宴", 20, 12, banquets.StateRegistered}, {"升学宴", 35, 15, banquets.StateRegistered},
	{"婚宴", 2, 25, banquets.StateDelivered}, {"满月宴", 1, 8, banquets.StateDelivered},
	{"乔迁宴", -1, 10, banquets.StateHeld}, {"商务宴", -3, 6, banquets.StateHeld},
	{"婚宴", -8, 28, banquets.StateSettled}, {"寿宴", -15, 16, banquets.StateSettled}, {"升学宴", -22, 18, banquets.StateSettled},
	{"婚宴", -40, 36, banquets.StateClaimed}, {"满月宴", -48, 9, banquets.StateClaimed},
	{"婚宴", -70, 32, banquets.StateCleared}, {"寿宴", -85, 14, banquets.StateCleared},
	{"婚宴", 25, 20, banquets.StateCancelled},
}

// fillBanquets adds a season of banquets in every state at three venues, with deliveries, scanned
// codes, settlements, payments and generated photos kept beside the database.
func fillBanquets(ctx context.Context, tx *sql.Tx, r *rand.Rand, root string, staffIDs []int64) error {
	// Three customers at the end of the list run the venues (their shop names are the venues').
	var venues []int64
	vrows, err := tx.QueryContext(ctx, `SELECT id FROM customers WHERE kind = '个人' AND archived = 0 ORDER BY id DESC LIMIT ?`, len(demoVenues))
	if err != nil {
		return errs.Internal("demo venues", err)
	}
	for vrows.Next() {
		var id int64
		vrows.Scan(&id)
		venues = append(venues, id)
	}
	vrows.Close()
	for i, id := range venues {
		v := demoVenues[i]
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET kind = '终端门店', outlet_type = ?, shop_name = ?, contact_person = name
			WHERE id = ?`, v.kind, v.name, id); err != nil {
			return errs.Internal("demo venue", err)
		}
	}
	if len(venues) == 0 {
		return nil
	}
	var hosts, products []int64
	rows, err := tx.QueryContext(ctx, `SELECT id FROM customers WHERE kind = '个人' AND archived = 0 ORDER BY id LIMIT 40`)
	if err != nil {
		return errs.Internal("demo hosts", err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		hosts = append(hosts, id)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT id FROM products WHERE category = '白酒' AND service = 0 AND active = 1 ORDER BY id LIMIT 3`)
	if err != nil {
		return errs.Internal("demo banquet wine", err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		products = append(products, id)
	}
	rows.Close()
	if len(hosts) == 0 || len(products) < 2 {
		return nil
	}
	ts := store.Now()
	today := time.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO brand_programmes (brand, name, product_ids, starts_on, ends_on, created_by, created_at, updated_at)
		VALUES ('五粮液', '宴席推广政策（演示）', ?, ?, ?, ?, ?, ?)`, fmt.Sprintf("[%d,%d]", products[0], products[1]),
		today.AddDate(0, -4, 0).Format(time.DateOnly), today.AddDate(0, 4, 0).Format(time.DateOnly), staffIDs[0], ts, ts)
	if err != nil {
		return errs.Internal("demo programme", err)
	}
	programme, _ := res.LastInsertId()
	if err := setDemoRules(ctx, tx, programme, staffIDs[0]); err != nil {
		return err
	}
	for i, d := range demoBanquets {
		actor := staffIDs[i%len(staffIDs)]
		key := func(what string) string { return fmt.Sprintf("demo-%d-%s", i, what) }
		// Registered a week ahead of the date, then moved to the season's date (past dates beyond
		// the registration window are what the demo needs, not what a clerk may type).
		in := banquets.Input{HostID: hosts[(i*7)%len(hosts)], Kind: d.kind, HeldAt: today.AddDate(0, 0, 7).Format("2006-01-02") + " 18:00",
			VenueID: venues[i%len(venues)], Tables: d.tables, ContactName: "主家联系人", DepositFen: d.tables * 20000,
			Lines:   []banquets.LineInput{{ProductID: products[0], Cases: d.tables / 5}, {ProductID: products[1], Cases: 1 + d.tables/10}},
			StaffID: actor, IdemKey: key("reg")}
		if i%3 != 2 {
			in.ProgrammeID = programme
		}
		b, _, err := banquets.Register(ctx, tx, in, actor)
		if err != nil {
			return fmt.Errorf("演示宴席 %d: %w", i+1, err)
		}
		held := time.Date(today.Year(), today.Month(), today.Day(), 18, 0, 0, 0, time.FixedZone("CST", 8*3600)).AddDate(0, 0, d.days)
		created := held.AddDate(0, 0, -30).UTC().Format(time.RFC3339)
		if _, err := tx.ExecContext(ctx, `UPDATE banquets SET held_at = ?, created_at = ? WHERE id = ?`, held.UTC().Format(time.RFC3339), created, b.ID); err != nil {
			return errs.Internal("demo banquet date", err)
		}
		if in.DepositFen > 0 {
			if _, _, err := banquets.AddPayment(ctx, tx, b.ID, banquets.PaymentInput{Kind: "deposit", Method: "微信", AmountFen: in.DepositFen, IdemKey: key("dep")}, actor); err != nil {
				return err
			}
		}
		if d.state == banquets.StateRegistered {
			continue
		}
		if d.state == banquets.StateCancelled {
			if _, _, err := banquets.Cancel(ctx, tx, b.ID, "主家改期到明年", actor); err != nil {
				return err
			}
			continue
		}
		var codes []banquets.CodeInput
		for c := 0; c < 6; c++ {
			codes = append(codes, banquets.CodeInput{Code: fmt.Sprintf("WLY%04d%03d", i, c), ProductID: products[0]})
		}
		if _, _, err := banquets.Deliver(ctx, tx, b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{
			{ProductID: products[0], Cases: d.tables / 5}, {ProductID: products[1], Cases: 1 + d.tables/10}}, Codes: codes, IdemKey: key("dlv")}, actor); err != nil {
			return fmt.Errorf("演示送酒 %d: %w", i+1, err)
		}
		if d.state == banquets.StateDelivered {
			continue
		}
		if _, err := banquets.MarkHeld(ctx, tx, b.ID); err != nil {
			return err
		}
		for k, kind := range []string{"tables", "opened", "sign"} {
			if _, _, err := banquets.AddEvidence(ctx, tx, root, b.ID, banquets.EvidenceInput{Kind: kind, IdemKey: key("photo" + kind)},
				demoPhoto(r, i*3+k), actor); err != nil {
				return err
			}
		}
		if d.state == banquets.StateHeld {
			continue
		}
		var lines []banquets.SettleLine
		for j, pid := range products[:2] {
			var perCase int64
			tx.QueryRowContext(ctx, `SELECT bottles_per_case FROM products WHERE id = ?`, pid).Scan(&perCase)
			out := (d.tables / 5) * perCase
			if j == 1 {
				out = (1 + d.tables/10) * perCase
			}
			opened := out * int64(60+r.IntN(35)) / 100
			lost := int64(0)
			if out-opened > 2 && r.IntN(3) == 0 {
				lost = 1
			}
			lines = append(lines, banquets.SettleLine{ProductID: pid, Opened: opened, Returned: out - opened - lost, Lost: lost, CountedBy: "caps"})
		}
		st := banquets.SettleInput{Lines: lines, Gifts: []banquets.Gift{{Name: "喜糖礼盒", PerTable: 1}},
			RebateOutletFen: d.tables * 1000, RebateHostFen: d.tables * 500, IdemKey: key("stl")}
		// Under the programme the manager takes the figures it computes; once in a while the host
		// asks for more sweets and the shop pays for them, which the settlement records with a reason.
		if t, ok, err := banquets.ComputeTerms(ctx, tx, b.ID, lines); err != nil {
			return err
		} else if ok {
			st.Gifts, st.RebateOutletFen, st.RebateHostFen = t.Gifts, t.RebateOutletFen, t.RebateHostFen
			if i%4 == 1 && len(st.Gifts) > 0 {
				st.Gifts = append([]banquets.Gift{}, st.Gifts...)
				st.Gifts[0].Quantity += 2
				st.OverrideReason = "主家加要两盒喜糖，店里自付"
			}
		}
		s, _, err := banquets.Settle(ctx, tx, b.ID, st, staffIDs[0])
		if err != nil {
			return fmt.Errorf("演示结算 %d: %w", i+1, err)
		}
		if s.AmountFen > 0 {
			_, _, err = banquets.AddPayment(ctx, tx, b.ID, banquets.PaymentInput{Kind: "settle", Method: "现金", AmountFen: s.AmountFen, IdemKey: key("pay")}, actor)
		} else if s.AmountFen < 0 {
			_, _, err = banquets.AddPayment(ctx, tx, b.ID, banquets.PaymentInput{Kind: "refund", Method: "微信", AmountFen: -s.AmountFen, IdemKey: key("pay")}, actor)
		}
		if err != nil {
			return err
		}
		// 已申报 and 已核销 come from the claims filed in claims.go, as a shop would reach them.
	}
	return nil
}

// demoPhoto draws a small stand-in photo: a warm background with round "tables".
func demoPhoto(r *rand.Rand, n int) []byte {
	const w, h = 320, 240
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{uint8(150 + n*13%90), uint8(40 + n*7%60), 50, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, bg)
		}
	}
	for t := 0; t < 6+r.IntN(6); t++ {
		cx, cy, rad := 30+r.IntN(w-60), 30+r.IntN(h-60), 12+r.IntN(14)
		for y := cy - rad; y <= cy+rad; y++ {
			for x := cx - rad; x <= cx+rad; x++ {
				if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= rad*rad {
					img.Set(x, y, color.RGBA{245, 235, 220, 255})
				}
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
