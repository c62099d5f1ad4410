package claims

// BanquetFacts are what a banquet did, as its settlement recorded it.
type BanquetFacts struct {
	Cases  int64 // whole cases the banquet kept (delivered less returned)
	Tables int64
	Opened int64            // bottles opened
	Handed map[string]int64 // gifts handed out by name; nil when the settlement recorded none
}

// GiftLine is one gift a banquet earned and what of it is claimed.
type GiftLine struct {
	Name    string `json:"name"`
	Earned  int64  `json:"earned"`  // quantity the programme grants
	Handed  int64  `json:"handed"`  // quantity handed out at the banquet
	Claimed int64  `json:"claimed"` // min(earned, handed): only gifts that reached the tables are claimed
	Value   int64  `json:"value"`   // fen each
}

// BanquetEarning is what one banquet earns under a programme. Claimable is what the brand owes the
// distributor for it; Outlet and Host are parts of the rebate the distributor passes on.
type BanquetEarning struct {
	Tier         int        `json:"tier"` // index of the tier reached, -1 for none
	Gifts        []GiftLine `json:"gifts"`
	GiftValue    int64      `json:"giftValue"`
	GiftCapped   bool       `json:"giftCapped"`
	Rebate       int64      `json:"rebate"`
	RebateCapped bool       `json:"rebateCapped"`
	Distributor  int64      `json:"distributor"`
	Outlet       int64      `json:"outlet"`
	Host         int64      `json:"host"`
	Claimable    int64      `json:"claimable"`
}

// BanquetEarns computes what a banquet earns. The highest tier whose case and table thresholds are both met
// counts; per-table gifts are multiplied by the tables. Gifts are claimed only as far as they were
// handed out (brands refuse claims for gifts kept back, 截留礼品), and their value is capped per banquet.
// The rebate is opened bottles times the rebate per bottle, capped per banquet; when capped, each
// party's share shrinks in proportion, rounded down, and the distributor takes the fen left over.
func (r Rules) BanquetEarns(f BanquetFacts) BanquetEarning {
	b := r.Banquet
	out := BanquetEarning{Tier: -1}
	for i, t := range b.Tiers {
		if f.Cases >= t.MinCases && f.Tables >= t.MinTables && (out.Tier < 0 || better(t, b.Tiers[out.Tier])) {
			out.Tier = i
		}
	}
	if out.Tier >= 0 {
		t := b.Tiers[out.Tier]
		add := func(g Gift, qty int64) {
			for i := range out.Gifts {
				if out.Gifts[i].Name == g.Name {
					out.Gifts[i].Earned += qty
					return
				}
			}
			out.Gifts = append(out.Gifts, GiftLine{Name: g.Name, Earned: qty, Value: g.Value})
		}
		for _, g := range t.PerTable {
			add(g, g.Qty*f.Tables)
		}
		for _, g := range t.Extra {
			add(g, g.Qty)
		}
	}
	var gifts int64
	for i := range out.Gifts {
		g := &out.Gifts[i]
		g.Handed = f.Handed[g.Name]
		g.Claimed = min(g.Earned, g.Handed)
		gifts += g.Claimed * g.Value
	}
	out.GiftValue = gifts
	if b.GiftCap > 0 && gifts > b.GiftCap {
		out.GiftValue, out.GiftCapped = b.GiftCap, true
	}

	s := b.Split
	var d, o, h int64 // uncapped shares
	switch s.Mode {
	case SplitAmount:
		d, o, h = f.Opened*s.Distributor, f.Opened*s.Outlet, f.Opened*s.Host
	case SplitPercent:
		total := f.Opened * b.RebatePerBottle
		o, h = total*s.Outlet/100, total*s.Host/100
		d = total - o - h
	}
	full := d + o + h
	out.Rebate = full
	if b.RebateCap > 0 && full > b.RebateCap {
		out.Rebate, out.RebateCapped = b.RebateCap, true
		o, h = o*b.RebateCap/full, h*b.RebateCap/full
		d = b.RebateCap - o - h
	}
	out.Distributor, out.Outlet, out.Host = d, o, h
	out.Claimable = out.GiftValue + out.Rebate
	return out
}

// better says whether tier a asks more than tier b, so that reaching it is worth more.
func better(a, b Tier) bool {
	if a.MinCases != b.MinCases {
		return a.MinCases > b.MinCases
	}
	return a.MinTables > b.MinTables
}

// EventFacts are what a sponsored tasting did.
type EventFacts struct {
	ID        int64
	Attendees int64 // guests checked in
}

// EventEarning is what one sponsored event earns.
type EventEarning struct {
	ID        int64 `json:"id"`
	Earned    int64 `json:"earned"`    // per event + per attendee, before the budget
	Claimable int64 `json:"claimable"` // what is left of the budget for it
	Capped    bool  `json:"capped"`
}

// EventsEarn computes the sponsorship of a programme's events in the order given (by date): each earns its
// per-event and per-attendee amounts, and the programme's budget is spent in that order, so a late
// event may get only what is left, or nothing.
func (r Rules) EventsEarn(used int64, evs []EventFacts) []EventEarning {
	e := r.Event
	out := make([]EventEarning, 0, len(evs))
	for _, f := range evs {
		earned := e.PerEvent + e.PerAttendee*f.Attendees
		got := earned
		if e.Budget > 0 {
			left := max(e.Budget-used, 0)
			got = min(earned, left)
		}
		used += got
		out = append(out, EventEarning{ID: f.ID, Earned: earned, Claimable: got, Capped: got < earned})
	}
	return out
}
