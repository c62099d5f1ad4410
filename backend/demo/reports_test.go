package demo

import (
	"context"
	"testing"
	"time"

	"jiuke/backend/reports"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

func TestDemoShopFillsTheDashboardAndCharts(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 500); err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(store.Shop)
	d, err := reports.Load(ctx, db.R, now)
	if err != nil {
		t.Fatal(err)
	}
	if d.Members < 150 || d.NewThisMonth >= d.Members/4 || d.ActiveMembers == 0 || d.Outstanding <= 0 || d.Birthdays30 == 0 {
		t.Fatalf("demo dashboard: %+v", d)
	}
	c, err := reports.LoadCharts(ctx, db.R, reports.LastMonths(now, 12))
	if err != nil {
		t.Fatal(err)
	}
	months := 0
	for _, g := range c.Growth {
		if g.New > 0 {
			months++
		}
	}
	if months < 10 || len(c.ByCategory) < 4 {
		t.Fatalf("members joined in %d of 12 months; %d categories sold", months, len(c.ByCategory))
	}
}
