package banquets_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"

	"jiuke/backend/banquets"
	"jiuke/backend/store/storetest"
)

func TestDeliveryCodesOncePerBanquetAndShop(t *testing.T) {
	f := newFixture(t)
	a := f.register(f.wedding())
	b := f.register(f.wedding2())
	codes := []banquets.CodeInput{{Code: " WLY-0001 ", ProductID: f.wuliang}, {Code: "WLY-0002", ProductID: f.wuliang}}
	if err := f.deliver(a.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 2}}, Codes: codes}); err != nil {
		t.Fatal(err)
	}
	d := f.detail(a.ID)
	if d.Banquet.State != "已送酒" || len(d.Codes) != 2 || d.Codes[0].Code != "WLY-0001" || d.Lines[0].Out != 12 {
		t.Fatalf("after delivery %+v %+v", d.Banquet, d.Codes)
	}
	_, err := banquets.CheckCode(f.ctx, f.db.R, a.ID, "WLY-0001")
	refused(t, "scanned twice", err, "code", "码「WLY-0001」已扫过")
	_, err = banquets.CheckCode(f.ctx, f.db.R, b.ID, "WLY-0002")
	refused(t, "on another banquet", err, "code", fmt.Sprintf("码「WLY-0002」已登记在宴席 #%d", a.ID))
	before := storetest.Snapshot(t, f.db, "banquet_codes", "stock_movements", "banquet_deliveries", "banquets")
	for _, c := range []struct {
		name, field, want string
		in                banquets.DeliveryInput
	}{
		{"code on another banquet", "code", "WLY-0002", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 1}},
			Codes: []banquets.CodeInput{{Code: "NEW-1"}, {Code: "WLY-0002"}}}},
		{"same code twice", "codes", "码「NEW-1」扫了两次", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 1}},
			Codes: []banquets.CodeInput{{Code: "NEW-1"}, {Code: "NEW-1"}}}},
		{"odd code", "code", "不能识别", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 1}},
			Codes: []banquets.CodeInput{{Code: "码<script>"}}}},
		{"wine not ordered", "lines.0", "不在本宴席的订单中", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: 999, Cases: 1}}}},
		{"nothing", "lines", "不能都为0", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang}}}},
		{"negative", "lines.0", "数量应在", banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Bottles: -3}}}},
	} {
		refused(t, c.name, f.deliver(b.ID, c.in), c.field, c.want)
	}
	if after := storetest.Snapshot(t, f.db, "banquet_codes", "stock_movements", "banquet_deliveries", "banquets"); after != before {
		t.Fatalf("refused deliveries changed the tables")
	}
	// A repeated request delivers once.
	in := banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.jian, Bottles: 5}}, IdemKey: "same"}
	f.deliver(a.ID, in)
	f.deliver(a.ID, in)
	if got := f.detail(a.ID).Lines[1].Out; got != 5 {
		t.Errorf("repeated delivery: 剑南春 out %d, want 5", got)
	}
}

func (f *fixture) wedding2() banquets.Input {
	in := f.wedding()
	in.Kind, in.Tables = "寿宴", 8
	return in
}

func TestSettlementCountsEveryBottleAndTheMoney(t *testing.T) {
	f := newFixture(t)
	b := f.register(f.wedding())
	f.tx(func(tx *sql.Tx) error {
		_, err := banquets.ReceiveStock(f.ctx, tx, f.wuliang, 60, "进货", "r1", 0)
		return err
	})
	codes := []banquets.CodeInput{{Code: "A1", ProductID: f.wuliang}, {Code: "A2", ProductID: f.wuliang}, {Code: "A3"}}
	if err := f.deliver(b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Cases: 2}, {ProductID: f.jian, Cases: 1}}, Codes: codes}); err != nil {
		t.Fatal(err)
	}
	pay := func(in banquets.PaymentInput) error {
		if in.IdemKey == "" {
			in.IdemKey = f.key()
		}
		return f.tx(func(tx *sql.Tx) error { _, _, err := banquets.AddPayment(f.ctx, tx, b.ID, in, 0); return err })
	}
	if err := pay(banquets.PaymentInput{Kind: "deposit", Method: "微信", AmountFen: 500000}); err != nil {
		t.Fatal(err)
	}
	refused(t, "balance before settlement", pay(banquets.PaymentInput{Kind: "settle", Method: "现金", AmountFen: 100}), "kind", "结算前只能收订金")
	refused(t, "unknown method", pay(banquets.PaymentInput{Kind: "deposit", Method: "比特币", AmountFen: 100}), "method", "付款方式")

	good := []banquets.SettleLine{{ProductID: f.wuliang, Opened: 2, Returned: 9, Lost: 1, CountedBy: "codes", OpenedCodes: []string{"A1", "A3"}},
		{ProductID: f.jian, Opened: 12, CountedBy: "caps"}}
	before := storetest.Snapshot(t, f.db, "banquet_settlements", "banquet_settlement_lines", "stock_movements", "banquets")
	bad := []struct {
		name, field, want string
		edit              func([]banquets.SettleLine) []banquets.SettleLine
	}{
		{"more opened than delivered", "lines.0", "「五粮液」开瓶13、退回0、损耗0，共13瓶，超过送出的12瓶", func(l []banquets.SettleLine) []banquets.SettleLine {
			l[0] = banquets.SettleLine{ProductID: f.wuliang, Opened: 13, CountedBy: "count"}
			return l
		}},
		{"more returned than delivered", "lines.1", "「剑南春」开瓶0、退回13", func(l []banquets.SettleLine) []banquets.SettleLine {
			l[1] = banquets.SettleLine{ProductID: f.jian, Returned: 13, CountedBy: "count"}
			return l
		}},
		{"bottles unaccounted", "lines.0", "还差1瓶", func(l []banquets.SettleLine) []banquets.SettleLine { l[0].Lost = 0; return l }},
		{"product left out", "lines", "「剑南春」送出12瓶", func(l []banquets.SettleLine) []banquets.SettleLine { return l[:1] }},
		{"codes do not match the count", "lines.0", "扫了2个码，开瓶数却是3", func(l []banquets.SettleLine) []banquets.SettleLine {
			l[0].Opened, l[0].Lost = 3, 0
			return l
		}},
		{"code of another wine", "lines.0", "不是本宴席送出的酒", func(l []banquets.SettleLine) []banquets.SettleLine {
			l[0].OpenedCodes = []string{"A1", "ZZ9"}
			return l
		}},
		{"method", "lines.1", "计数方式", func(l []banquets.SettleLine) []banquets.SettleLine { l[1].CountedBy = "guess"; return l }},
	}
	for _, c := range bad {
		lines := append([]banquets.SettleLine{}, good...)
		_, err := f.settle(b.ID, banquets.SettleInput{Lines: c.edit(lines)})
		refused(t, c.name, err, c.field, c.want)
	}
	if after := storetest.Snapshot(t, f.db, "banquet_settlements", "banquet_settlement_lines", "stock_movements", "banquets"); after != before {
		t.Fatal("refused settlements changed the tables")
	}
	s, err := f.settle(b.ID, banquets.SettleInput{Lines: good, Gifts: []banquets.Gift{{Name: "喜糖", PerTable: 2}}, RebateOutletFen: 12000, RebateHostFen: 5000, IdemKey: "s"})
	if err != nil {
		t.Fatal(err)
	}
	// Opened: 2 × ¥900 + 12 × ¥400 = ¥6,600; paid ¥5,000 → the host pays ¥1,600 more.
	if s.GoodsFen != 660000 || s.PaidBeforeFen != 500000 || s.AmountFen != 160000 || len(s.Gifts) != 1 || s.Gifts[0].Quantity != 40 {
		t.Fatalf("settlement %+v", s)
	}
	if again, err := f.settle(b.ID, banquets.SettleInput{Lines: good, IdemKey: "s"}); err != nil || again.AmountFen != s.AmountFen {
		t.Fatalf("repeated settlement: %v", err)
	}
	d := f.detail(b.ID)
	if d.Banquet.State != "已结算" || d.BalanceFen != 160000 || d.Lines[0].Returned != 9 || d.Lines[0].Lost != 1 || !d.Codes[0].Opened || d.Codes[1].Opened {
		t.Fatalf("after settlement %+v balance %d lines %+v codes %+v", d.Banquet, d.BalanceFen, d.Lines, d.Codes)
	}
	// Returned bottles are back in stock: 60 in − 12 out + 9 returned.
	levels, _ := banquets.StockLevels(f.ctx, f.db.R)
	for _, l := range levels {
		if l.ProductID == f.wuliang && (l.OnHand != 57 || l.AtBanquets != 0) {
			t.Errorf("五粮液 stock %+v, want 57 on hand", l)
		}
	}
	_, err = f.settle(b.ID, banquets.SettleInput{Lines: good})
	refused(t, "settle twice", err, "state", "只有已送酒或已办")
	refused(t, "collect more than owed", pay(banquets.PaymentInput{Kind: "settle", Method: "现金", AmountFen: 160001}), "amountFen", "尚欠的¥1600.00")
	refused(t, "refund nothing owed", pay(banquets.PaymentInput{Kind: "refund", Method: "现金", AmountFen: 1}), "amountFen", "应退的¥0.00")
	if err := pay(banquets.PaymentInput{Kind: "settle", Method: "现金", AmountFen: 160000}); err != nil {
		t.Fatal(err)
	}
	if d := f.detail(b.ID); d.BalanceFen != 0 || d.PaidFen != 660000 {
		t.Errorf("after paying: balance %d paid %d", d.BalanceFen, d.PaidFen)
	}
}

// For every banquet, after any sequence of deliveries, cancellations and settlements, every bottle
// out is accounted for once settled or cancelled: out = opened + returned + lost per product; and the
// shop's stock is what came in less what is still out or was opened or lost.
func TestPropertyStockOutEqualsOpenedReturnedLost(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		f := newFixture(t)
		r := rand.New(rand.NewPCG(seed, 7))
		prods := []int64{f.wuliang, f.jian}
		var ids []int64
		for i := 0; i < 6; i++ {
			ids = append(ids, f.register(f.wedding()).ID)
		}
		var received int64 = 500
		f.tx(func(tx *sql.Tx) error {
			_, err := banquets.ReceiveStock(f.ctx, tx, f.wuliang, 500, "", "in", 0)
			return err
		})
		for step := 0; step < 40; step++ {
			id := ids[r.IntN(len(ids))]
			switch r.IntN(4) {
			case 0, 1:
				f.deliver(id, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: prods[r.IntN(2)], Cases: int64(r.IntN(3)), Bottles: int64(r.IntN(5))}}})
			case 2:
				f.tx(func(tx *sql.Tx) error { _, _, err := banquets.Cancel(f.ctx, tx, id, "改期", 0); return err })
			case 3:
				d := f.detail(id)
				var lines []banquets.SettleLine
				for _, l := range d.Lines {
					if l.Out == 0 {
						continue
					}
					opened := int64(r.IntN(int(l.Out) + 1))
					lost := int64(r.IntN(int(l.Out-opened) + 1))
					// Sometimes a wrong count, which must be refused and change nothing.
					extra := int64(0)
					if r.IntN(4) == 0 {
						extra = 1
					}
					lines = append(lines, banquets.SettleLine{ProductID: l.ProductID, Opened: opened + extra, Lost: lost, Returned: l.Out - opened - lost, CountedBy: "count"})
				}
				f.settle(id, banquets.SettleInput{Lines: lines})
			}
		}
		var stillOut, consumed int64
		for _, id := range ids {
			d := f.detail(id)
			for _, l := range d.Lines {
				done := d.Banquet.State == "已结算" || d.Banquet.State == "取消"
				if done && l.Out != l.Opened+l.Returned+l.Lost {
					t.Fatalf("seed %d banquet %d (%s) %s: out %d ≠ opened %d + returned %d + lost %d",
						seed, id, d.Banquet.State, l.ProductName, l.Out, l.Opened, l.Returned, l.Lost)
				}
				if !done && (l.Opened+l.Returned+l.Lost != 0) {
					t.Fatalf("seed %d banquet %d settled partly: %+v", seed, id, l)
				}
				if d.Settlement != nil {
					for _, s := range d.Settlement.Lines {
						if s.ProductID == l.ProductID && (s.Delivered != l.Out || s.Opened != l.Opened) {
							t.Fatalf("settlement line %+v disagrees with movements %+v", s, l)
						}
					}
				}
				stillOut += l.Out - l.Opened - l.Returned - l.Lost
				consumed += l.Opened + l.Lost
			}
		}
		var onHand int64
		storetest.QueryRow(t, f.db.R, `SELECT COALESCE(SUM(stock_delta), 0) FROM stock_movements`).Scan(&onHand)
		if onHand != received-stillOut-consumed {
			t.Fatalf("seed %d: stock %d, want %d in − %d out − %d opened or lost", seed, onHand, received, stillOut, consumed)
		}
	}
}
