package claims_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/claims"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// counter is a shop with a programme and banquets made through the banquets package, as the
// settlement form meets them.
type counter struct {
	t                 *testing.T
	db                *store.DB
	host, hotel, wine int64
	programme         int64
}

// tieredRules: 3 cases and 8 tables earn a candy box per table; 8 cases and 20 tables also two display
// bottles; ¥10 an opened bottle shared 20/30/50, capped at ¥100 a banquet.
var tieredRules = claims.Rules{Banquet: claims.BanquetRules{
	Tiers: []claims.Tier{
		{MinCases: 3, MinTables: 8, PerTable: []claims.Gift{{Name: "喜糖盒", Qty: 1, Value: 2000}}},
		{MinCases: 8, MinTables: 20, PerTable: []claims.Gift{{Name: "喜糖盒", Qty: 1, Value: 2000}}, Extra: []claims.Gift{{Name: "摆台酒", Qty: 2, Value: 49900}}},
	},
	RebatePerBottle: 1000,
	Split:           claims.Split{Mode: claims.SplitPercent, Distributor: 20, Outlet: 30, Host: 50},
	RebateCap:       10000,
}}

func newCounter(t *testing.T) *counter {
	c := &counter{t: t, db: storetest.Open(t)}
	c.tx(func(tx *sql.Tx) error {
		host, err := customers.Create(ctx, tx, customers.Input{Name: "王新郎", Mobile: "13800000001"}, 0)
		if err != nil {
			return err
		}
		hotel, err := customers.Create(ctx, tx, customers.Input{Name: "金源大酒店", Kind: "终端门店", OutletType: "酒店"}, 0)
		if err != nil {
			return err
		}
		p, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "国窖1573", Category: "白酒", RetailFen: 100000, Active: true, BottlesPerCase: 6})
		if err != nil {
			return err
		}
		c.host, c.hotel, c.wine = host.ID, hotel.ID, p.ID
		if _, err := banquets.ReceiveStock(ctx, tx, p.ID, 600, "进货", "in", 0); err != nil {
			return err
		}
		today := time.Now().In(store.Shop)
		prog, err := claims.SaveProgramme(ctx, tx, claims.Programme{Brand: "泸州老窖", Name: "婚宴政策", ProductIDs: []int64{p.ID},
			StartsOn: today.AddDate(0, 0, -30).Format(time.DateOnly), EndsOn: today.AddDate(0, 2, 0).Format(time.DateOnly), Rules: tieredRules, Active: true}, 0)
		c.programme = prog.ID
		return err
	})
	return c
}

func (c *counter) tx(fn func(tx *sql.Tx) error) {
	c.t.Helper()
	if err := c.db.WithTx(ctx, fn); err != nil {
		c.t.Fatal(err)
	}
}

// delivered registers a banquet of tables under the programme (or none) and delivers cases of the wine.
func (c *counter) delivered(key string, tables, cases, programme int64) int64 {
	var id int64
	c.tx(func(tx *sql.Tx) error {
		b, _, err := banquets.Register(ctx, tx, banquets.Input{HostID: c.host, Kind: "婚宴", VenueID: c.hotel, Tables: tables, ProgrammeID: programme,
			HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00", Lines: []banquets.LineInput{{ProductID: c.wine, Cases: cases}}, IdemKey: key}, 0)
		if err != nil {
			return err
		}
		id = b.ID
		_, _, err = banquets.Deliver(ctx, tx, id, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: c.wine, Cases: cases}}, IdemKey: key + "d"}, 0)
		return err
	})
	return id
}

func (c *counter) terms(id, opened, returned int64) (banquets.Terms, bool) {
	c.t.Helper()
	t, ok, err := banquets.ComputeTerms(ctx, c.db.R, id, []banquets.SettleLine{{ProductID: c.wine, Opened: opened, Returned: returned}})
	if err != nil {
		c.t.Fatal(err)
	}
	return t, ok
}

func (c *counter) settle(id int64, in banquets.SettleInput) (banquets.Settlement, error) {
	var s banquets.Settlement
	err := c.db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		s, _, err = banquets.Settle(ctx, tx, id, in, 0)
		return err
	})
	return s, err
}

func TestSettlementTermsFollowTheProgramme(t *testing.T) {
	c := newCounter(t)
	small := c.delivered("small", 10, 5, c.programme) // 30 bottles out
	big := c.delivered("big", 20, 10, c.programme)    // 60 bottles out
	none := c.delivered("none", 10, 5, 0)             // no programme
	candy := func(n int64) banquets.Gift { return banquets.Gift{Name: "喜糖盒", PerTable: 1, Quantity: n} }
	cases := []struct {
		name                 string
		id, opened, returned int64
		gifts                []banquets.Gift
		outlet, host         int64
		notes                string
	}{
		// 20 opened, 10 back: 20 bottles kept = 3 whole cases, 10 tables → the first tier; ¥200 of
		// rebate capped at ¥100: outlet 30% and host 50% shrink to ¥30 and ¥50.
		{"first tier, rebate capped", small, 20, 10, []banquets.Gift{candy(10)}, 3000, 5000, "封顶"},
		// 5 opened, 25 back: no whole case kept → no gifts; ¥50 rebate: ¥15 and ¥25.
		{"below the thresholds", small, 5, 25, nil, 1500, 2500, "未达到礼品门槛（本场0箱、10桌）"},
		// 50 opened of 60, 10 back: 8 cases, 20 tables → the second tier with its extra bottles.
		{"second tier", big, 50, 10, []banquets.Gift{candy(20), {Name: "摆台酒", Quantity: 2}}, 3000, 5000, ""},
		// 6 opened, none back yet (the form half filled): 30 kept = 5 cases → the first tier; ¥60 uncapped.
		{"nothing back", small, 6, 0, []banquets.Gift{candy(10)}, 1800, 3000, ""},
	}
	for _, tc := range cases {
		got, ok := c.terms(tc.id, tc.opened, tc.returned)
		if !ok || got.Programme != "泸州老窖 婚宴政策" {
			t.Fatalf("%s: no terms (%v) %+v", tc.name, ok, got)
		}
		if len(got.Gifts) != len(tc.gifts) || got.RebateOutletFen != tc.outlet || got.RebateHostFen != tc.host {
			t.Errorf("%s: got gifts %+v outlet %d host %d, want %+v %d %d", tc.name, got.Gifts, got.RebateOutletFen, got.RebateHostFen, tc.gifts, tc.outlet, tc.host)
			continue
		}
		for i := range tc.gifts {
			if got.Gifts[i] != tc.gifts[i] {
				t.Errorf("%s: gift %d %+v, want %+v", tc.name, i, got.Gifts[i], tc.gifts[i])
			}
		}
		if tc.notes != "" && !strings.Contains(strings.Join(got.Notes, "；"), tc.notes) {
			t.Errorf("%s: notes %v lack %q", tc.name, got.Notes, tc.notes)
		}
	}
	if _, ok := c.terms(none, 20, 10); ok {
		t.Fatal("a banquet without a programme got terms")
	}

	// Settling with other figures than the programme's needs a reason, and nothing changes without one.
	lines := []banquets.SettleLine{{ProductID: c.wine, Opened: 20, Returned: 10, CountedBy: "caps"}}
	tables := []string{"banquet_settlements", "banquet_settlement_lines", "banquet_gifts", "stock_movements", "banquets"}
	before := storetest.Snapshot(t, c.db, tables...)
	_, err := c.settle(small, banquets.SettleInput{Lines: lines, Gifts: []banquets.Gift{candy(12)}, RebateOutletFen: 3000, RebateHostFen: 0, IdemKey: "s1"})
	p := errs.ToPayload(err)
	if p.Field != "overrideReason" || !strings.Contains(p.Message, "主家返利填¥0.00，政策计算¥50.00") || !strings.Contains(p.Message, "「喜糖盒」填12份，政策计算10份") ||
		strings.Contains(p.Message, "门店返利") {
		t.Fatalf("an override without a reason: %+v", p)
	}
	if storetest.Snapshot(t, c.db, tables...) != before {
		t.Fatal("a refused settlement changed something")
	}
	s, err := c.settle(small, banquets.SettleInput{Lines: lines, Gifts: []banquets.Gift{candy(12)}, RebateOutletFen: 3000, RebateHostFen: 0,
		OverrideReason: "主家不要返利，多要两盒喜糖", IdemKey: "s2"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Computed == nil || s.Computed.RebateHostFen != 5000 || s.Computed.Gifts[0].Quantity != 10 || s.RebateHostFen != 0 || s.OverrideReason != "主家不要返利，多要两盒喜糖" {
		t.Fatalf("the settlement keeps both figures and the reason: %+v computed %+v", s, s.Computed)
	}

	// The programme's own figures need no reason; a banquet without a programme is entered freely.
	s, err = c.settle(big, banquets.SettleInput{Lines: []banquets.SettleLine{{ProductID: c.wine, Opened: 50, Returned: 10, CountedBy: "caps"}},
		Gifts: []banquets.Gift{candy(0), {Name: "摆台酒", Quantity: 2}}, RebateOutletFen: 3000, RebateHostFen: 5000, IdemKey: "s3"})
	if err != nil || s.OverrideReason != "" || s.Computed == nil {
		t.Fatalf("settled as computed: %v %+v", err, s)
	}
	s, err = c.settle(none, banquets.SettleInput{Lines: lines, RebateOutletFen: 800, IdemKey: "s4"})
	if err != nil || s.Computed != nil {
		t.Fatalf("settled without a programme: %v %+v", err, s)
	}
	d, err := banquets.GetDetail(ctx, c.db.R, small)
	if err != nil || d.Settlement.Computed == nil || d.Settlement.OverrideReason == "" {
		t.Fatalf("the detail page reads the computed figures back: %v %+v", err, d.Settlement)
	}
}
