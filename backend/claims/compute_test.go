package claims

import (
	"reflect"
	"testing"

	"jiuke/backend/errs"
)

// A wedding programme worked by hand: two tiers, ¥10 a bottle shared 20/30/50, capped at ¥3,000 of
// rebate and ¥1,000 of gifts per banquet.
var wedding = Rules{Banquet: BanquetRules{
	Tiers: []Tier{
		{MinCases: 5, MinTables: 10, PerTable: []Gift{{Name: "喜糖盒", Qty: 1, Value: 2000}}},
		{MinCases: 10, MinTables: 20, PerTable: []Gift{{Name: "喜糖盒", Qty: 1, Value: 2000}, {Name: "红包", Qty: 1, Value: 500}},
			Extra: []Gift{{Name: "主桌摆台酒", Qty: 1, Value: 68000}}},
	},
	RebatePerBottle: 1000,
	Split:           Split{Mode: SplitPercent, Distributor: 20, Outlet: 30, Host: 50},
	RebateCap:       300000,
	GiftCap:         100000,
}}

func TestBanquetEarningsWorkedByHand(t *testing.T) {
	cases := []struct {
		name  string
		rules Rules
		facts BanquetFacts
		want  BanquetEarning
	}{
		{"first tier, everything handed out", wedding,
			BanquetFacts{Cases: 6, Tables: 12, Opened: 40, Handed: map[string]int64{"喜糖盒": 12}},
			// gifts 12 × ¥20 = ¥240; rebate 40 × ¥10 = ¥400 → 30% ¥120, 50% ¥200, rest ¥80
			BanquetEarning{Tier: 0, Gifts: []GiftLine{{Name: "喜糖盒", Earned: 12, Handed: 12, Claimed: 12, Value: 2000}},
				GiftValue: 24000, Rebate: 40000, Distributor: 8000, Outlet: 12000, Host: 20000, Claimable: 64000}},
		{"top tier, two boxes kept back, both caps reached", wedding,
			BanquetFacts{Cases: 12, Tables: 22, Opened: 400, Handed: map[string]int64{"喜糖盒": 20, "红包": 22, "主桌摆台酒": 1}},
			// gifts 20×¥20 + 22×¥5 + ¥680 = ¥1,190 → capped ¥1,000; rebate ¥4,000 → capped ¥3,000:
			// outlet ¥1,200×3/4 = ¥900, host ¥2,000×3/4 = ¥1,500, distributor the rest ¥600
			BanquetEarning{Tier: 1, Gifts: []GiftLine{
				{Name: "喜糖盒", Earned: 22, Handed: 20, Claimed: 20, Value: 2000},
				{Name: "红包", Earned: 22, Handed: 22, Claimed: 22, Value: 500},
				{Name: "主桌摆台酒", Earned: 1, Handed: 1, Claimed: 1, Value: 68000}},
				GiftValue: 100000, GiftCapped: true, Rebate: 300000, RebateCapped: true,
				Distributor: 60000, Outlet: 90000, Host: 150000, Claimable: 400000}},
		{"below every tier still earns the rebate", wedding,
			BanquetFacts{Cases: 4, Tables: 12, Opened: 10},
			BanquetEarning{Tier: -1, Rebate: 10000, Distributor: 2000, Outlet: 3000, Host: 5000, Claimable: 10000}},
		{"cases met but tables not: no tier", wedding,
			BanquetFacts{Cases: 15, Tables: 8, Opened: 0},
			BanquetEarning{Tier: -1}},
		{"no gifts recorded as handed: none claimed", wedding,
			BanquetFacts{Cases: 5, Tables: 10, Opened: 0},
			BanquetEarning{Tier: 0, Gifts: []GiftLine{{Name: "喜糖盒", Earned: 10, Value: 2000}}}},
		{"percent shares round down, the distributor takes the odd fen",
			Rules{Banquet: BanquetRules{RebatePerBottle: 333, Split: Split{Mode: SplitPercent, Distributor: 20, Outlet: 30, Host: 50}}},
			BanquetFacts{Opened: 3},
			// ¥9.99: outlet 299.7 → 299, host 499.5 → 499, distributor 201
			BanquetEarning{Tier: -1, Rebate: 999, Distributor: 201, Outlet: 299, Host: 499, Claimable: 999}},
		{"amount mode capped shrinks each share in proportion",
			Rules{Banquet: BanquetRules{Split: Split{Mode: SplitAmount, Distributor: 300, Outlet: 200, Host: 500}, RebateCap: 5000}},
			BanquetFacts{Opened: 7},
			// ¥70 → ¥50: outlet 1400×5/7 = 1000, host 3500×5/7 = 2500, distributor 1500
			BanquetEarning{Tier: -1, Rebate: 5000, RebateCapped: true, Distributor: 1500, Outlet: 1000, Host: 2500, Claimable: 5000}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.rules.BanquetEarns(c.facts)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
			if got.Distributor+got.Outlet+got.Host != got.Rebate {
				t.Fatalf("shares %d+%d+%d do not add up to the rebate %d", got.Distributor, got.Outlet, got.Host, got.Rebate)
			}
		})
	}
}

func TestEventSponsorshipSpendsTheBudgetInDateOrder(t *testing.T) {
	r := Rules{Event: EventRules{PerEvent: 50000, PerAttendee: 3000, Budget: 200000}}
	got := r.EventsEarn(0, []EventFacts{{ID: 1, Attendees: 30}, {ID: 2, Attendees: 20}, {ID: 3, Attendees: 10}})
	want := []EventEarning{
		{ID: 1, Earned: 140000, Claimable: 140000},
		{ID: 2, Earned: 110000, Claimable: 60000, Capped: true},
		{ID: 3, Earned: 80000, Claimable: 0, Capped: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	// ¥1,500 already claimed before: the first event gets the ¥500 left.
	if got := r.EventsEarn(150000, []EventFacts{{ID: 1, Attendees: 30}}); got[0].Claimable != 50000 {
		t.Fatalf("with budget used: %+v", got)
	}
	// No budget: everything earned is claimable.
	r.Event.Budget = 0
	if got := r.EventsEarn(10_000_000, []EventFacts{{ID: 1, Attendees: 2}}); got[0].Claimable != 56000 || got[0].Capped {
		t.Fatalf("no budget: %+v", got)
	}
}

func TestRulesRefuseWhatAShopCannotMean(t *testing.T) {
	bad := []struct {
		field string
		edit  func(r *Rules)
	}{
		{"rules.banquet.split", func(r *Rules) { r.Banquet.Split.Host = 40 }},
		{"rules.banquet.split.mode", func(r *Rules) { r.Banquet.Split.Mode = "" }},
		{"rules.banquet.rebateCap", func(r *Rules) { r.Banquet.RebateCap = -1 }},
		{"rules.banquet.tiers[1].gifts[2].name", func(r *Rules) { r.Banquet.Tiers[1].Extra[0].Name = "" }},
		{"rules.banquet.tiers[0].gifts[0].qty", func(r *Rules) { r.Banquet.Tiers[0].PerTable[0].Qty = 0 }},
		{"rules.event.budget", func(r *Rules) { r.Event.Budget = errs.MaxFen + 1 }},
		{"rules.proof.photos[0]", func(r *Rules) { r.Proof.Photos = []string{"selfie"} }},
	}
	if err := wedding.Validate(); err != nil {
		t.Fatalf("the worked example is valid: %v", err)
	}
	for _, b := range bad {
		r := clone(wedding)
		b.edit(&r)
		err := r.Validate()
		var e *errs.Error
		if err == nil || !asErr(err, &e) || e.Field != b.field {
			t.Fatalf("%s: got %v", b.field, err)
		}
		if e.Message == "" || e.Message[0] < 0x80 {
			t.Fatalf("%s: message should be Chinese: %q", b.field, e.Message)
		}
	}
}
