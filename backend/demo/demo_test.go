package demo

import (
	"context"
	"reflect"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

func TestPeopleAreDeterministic(t *testing.T) {
	if !reflect.DeepEqual(People(Seed, 300), People(Seed, 300)) {
		t.Fatal("the same seed gave different people")
	}
}

func TestFillMakesARealisticShop(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 500); err != nil {
		t.Fatal(err)
	}
	var total, lunar, rare, referred, followUps, districts int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), SUM(birth_calendar = 'lunar'), SUM(referrer_id IS NOT NULL), COUNT(DISTINCT district) FROM customers`).
		Scan(&total, &lunar, &referred, &districts)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers WHERE substr(name, 1, 1) IN ('曾','单','解','仇','区','朴','查','乐') OR substr(name, 1, 2) IN ('尉迟','欧阳','诸葛','司马','上官','令狐')`).Scan(&rare)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM follow_ups`).Scan(&followUps)
	if total != 500 || lunar < 50 || rare < 10 || referred < 20 || followUps < 100 || districts != len(Districts) {
		t.Fatalf("total=%d lunar=%d rare=%d referred=%d followUps=%d districts=%d", total, lunar, rare, referred, followUps, districts)
	}
	var memberCount, purchases, upgraded, balances int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM memberships`).Scan(&memberCount)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM purchases`).Scan(&purchases)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM memberships m JOIN member_levels l ON l.id = m.level_id WHERE l.rank > 1`).Scan(&upgraded)
	storetest.QueryRow(t, db.R, `SELECT COUNT(DISTINCT customer_id) FROM points_entries`).Scan(&balances)
	if memberCount < 150 || purchases < 300 || upgraded < 10 || balances < 100 {
		t.Fatalf("members=%d purchases=%d upgraded=%d with points=%d", memberCount, purchases, upgraded, balances)
	}
	var evs, ended, arrived, eventFollowUps, eventCosts int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), SUM(state = 'ended') FROM events`).Scan(&evs, &ended)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM event_guests WHERE status = 'checked_in'`).Scan(&arrived)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM follow_ups WHERE event_id IS NOT NULL AND channel = '活动'`).Scan(&eventFollowUps)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM event_costs WHERE actual_fen > 0`).Scan(&eventCosts)
	if evs != 3 || ended != 2 || arrived < 20 || eventFollowUps != arrived || eventCosts < 5 {
		t.Fatalf("events=%d ended=%d arrived=%d follow-ups=%d costs=%d", evs, ended, arrived, eventFollowUps, eventCosts)
	}
	var groups, groupMembers, invited, activities, draws, outlets int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM communities`).Scan(&groups)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), COUNT(inviter_id) FROM community_members`).Scan(&groupMembers, &invited)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM community_activities`).Scan(&activities)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM draw_winners`).Scan(&draws)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customers WHERE kind = '终端门店' AND shop_name != ''`).Scan(&outlets)
	if groups != 4 || groupMembers < 80 || invited < 50 || activities < 18 || draws != 3 || outlets < 5 {
		t.Fatalf("groups=%d members=%d invited=%d activities=%d winners=%d outlets=%d", groups, groupMembers, invited, activities, draws, outlets)
	}
	// Rare surnames are searchable by their surname reading (the seeded demo always has a 曾).
	var name string
	storetest.QueryRow(t, db.R, `SELECT name FROM customers WHERE name LIKE '曾%' LIMIT 1`).Scan(&name)
	hits, err := customers.Search(ctx, db.R, "zeng", 100, false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || h.Name == name
	}
	if !found {
		t.Fatalf("%s not found by zeng", name)
	}
	if err := Fill(ctx, db, 10); err == nil {
		t.Fatal("demo data was written over an existing archive")
	}
}

func TestFillTagsAndSegments(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 500); err != nil {
		t.Fatal(err)
	}
	var tagged, smartTagged, segs int
	storetest.QueryRow(t, db.R, `SELECT COUNT(DISTINCT customer_id) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.kind = 'manual'`).Scan(&tagged)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.kind = 'smart'`).Scan(&smartTagged)
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM segments`).Scan(&segs)
	if tagged < 200 || smartTagged < 50 || segs != 2 {
		t.Fatalf("tagged=%d smart=%d segments=%d", tagged, smartTagged, segs)
	}
}

// The demo's coupons fill every coupon screen: each state, a birthday campaign, several campaigns.
func TestFillGivesCouponsInEveryState(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := Fill(ctx, db, 300); err != nil {
		t.Fatal(err)
	}
	var types, birthday, campaigns int
	storetest.QueryRow(t, db.R, `SELECT COUNT(*), SUM(auto_on = 'birthday') FROM coupon_types`).Scan(&types, &birthday)
	storetest.QueryRow(t, db.R, `SELECT COUNT(DISTINCT campaign) FROM coupons`).Scan(&campaigns)
	for _, state := range []string{"issued", "used", "voided", "expired"} {
		var n int
		storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM coupons WHERE state = ?`, state).Scan(&n)
		if n == 0 {
			t.Errorf("no %s coupons in the demo", state)
		}
	}
	if types < 5 || birthday != 1 || campaigns < 4 {
		t.Fatalf("types=%d birthday=%d campaigns=%d", types, birthday, campaigns)
	}
}
