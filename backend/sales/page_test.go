package sales_test

import (
	"slices"
	"testing"

	"jiuke/backend/points"
	"jiuke/backend/sales"
)

// A long-standing member's purchases and points lines come a page at a time, newest first, and the
// pages together hold every row once: same-day purchases are told apart by their order of entry.
func TestPurchasesAndLedgerPageWithoutLosingRows(t *testing.T) {
	s := newShop(t)
	r := s.register("老会员", "13800138000", "普卡")
	wine := s.product("干红", "葡萄酒", 10000, nil)
	for _, date := range []string{"2026-01-05", "2026-03-01", "2026-03-01", "2026-03-01", "2026-06-18"} {
		if _, err := s.buy(sales.PurchaseInput{CustomerID: r.CustomerID, Date: date, Lines: []sales.LineInput{{ProductID: wine.ID, Qty: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	var seen []int64
	var dates []string
	pg := sales.Page{Limit: 2}
	for range 10 {
		list, err := sales.ForCustomer(ctx, s.db.R, r.CustomerID, pg)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			break
		}
		for _, p := range list {
			seen = append(seen, p.ID)
			dates = append(dates, p.Date)
		}
		last := list[len(list)-1]
		pg.BeforeDate, pg.BeforeID = last.Date, last.ID
	}
	if !slices.Equal(dates, []string{"2026-06-18", "2026-03-01", "2026-03-01", "2026-03-01", "2026-01-05"}) {
		t.Fatalf("pages in order %v", dates)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(seen)))) != 5 {
		t.Fatalf("pages repeat or lose purchases: %v", seen)
	}

	var ledger []int64
	before := int64(0)
	for range 10 {
		page, err := points.History(ctx, s.db.R, r.CustomerID, before, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, e := range page {
			ledger = append(ledger, e.ID)
		}
		before = page[len(page)-1].ID
	}
	shop, err := points.Recent(ctx, s.db.R, "", 0, 100)
	if err != nil || len(ledger) != len(shop) || len(ledger) < 5 || !slices.IsSortedFunc(ledger, func(a, b int64) int { return int(b - a) }) {
		t.Fatalf("ledger pages %v, whole ledger %d lines: %v", ledger, len(shop), err)
	}
	older, err := points.Recent(ctx, s.db.R, "", ledger[1], 100)
	if err != nil || len(older) != len(ledger)-2 || older[0].ID != ledger[2] {
		t.Fatalf("shop ledger after the second line: %d lines from %v, %v", len(older), older, err)
	}
}
