package web_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"jiuke/app"
	"jiuke/backend/demo"
)

// ids runs a query of one integer column on the shop's database.
func (s *shop) ids(query string) []int64 {
	s.t.Helper()
	rows, err := s.db.R.Query(query)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			s.t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return out
}

func (s *shop) strings(query string) []string {
	s.t.Helper()
	rows, err := s.db.R.Query(query)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			s.t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return out
}

// TestClerkNeverReadsAFullMobile signs a clerk into the demo shop (members, purchases, points, events
// with seating, groups with draws, referrals) and calls every method a clerk may call that reads
// customers, for every customer, event, group and draw: no answer may hold any customer's full mobile.
// Every AnyStaff method must be called here or be named as a change, so a new read cannot be missed.
func TestClerkNeverReadsAFullMobile(t *testing.T) {
	s := newShop(t)
	if err := demo.Fill(context.Background(), s.db, 80); err != nil {
		t.Fatal(err)
	}
	mobiles := s.strings(`SELECT mobile FROM customers WHERE mobile IS NOT NULL AND mobile != ''`)
	if len(mobiles) < 50 {
		t.Fatalf("the demo shop has %d mobiles", len(mobiles))
	}
	clerkID := s.ids(`SELECT id FROM staff WHERE name = '小王'`)[0]
	clerk := s.browser()
	clerk.must("Auth/SignIn", clerkID, demo.StaffPIN)

	called := map[string]bool{}
	read := func(path string, args ...any) {
		t.Helper()
		called[strings.ReplaceAll(path, "/", ".")] = true
		status, _, raw := clerk.call(path, args...)
		if status == http.StatusForbidden {
			t.Fatalf("%s%v refused to a clerk: %s", path, args, raw)
		}
		for _, m := range mobiles {
			if strings.Contains(string(raw), m) {
				t.Fatalf("%s%v shows a clerk the full mobile %s: %.300s", path, args, m, raw)
			}
		}
	}
	customerIDs := s.ids(`SELECT id FROM customers`)
	eventIDs := s.ids(`SELECT id FROM events`)
	groupIDs := s.ids(`SELECT id FROM communities`)
	drawIDs := s.ids(`SELECT id FROM draws`)
	purchaseIDs := s.ids(`SELECT id FROM purchases ORDER BY id LIMIT 30`)
	cards := s.strings(`SELECT number FROM cards WHERE state = 'active' LIMIT 30`)
	if len(eventIDs) == 0 || len(groupIDs) == 0 || len(drawIDs) == 0 || len(purchaseIDs) == 0 || len(cards) == 0 {
		t.Fatalf("demo shop too thin: events=%d groups=%d draws=%d purchases=%d cards=%d", len(eventIDs), len(groupIDs), len(drawIDs), len(purchaseIDs), len(cards))
	}

	read("Customers/List", map[string]any{"pageSize": 200})
	read("Customers/List", map[string]any{"pageSize": 200, "archived": "all"})
	read("Customers/Districts")
	read("Members/List", map[string]any{"pageSize": 200})
	read("Members/Birthdays")
	read("Members/Levels")
	read("Members/CardSettings")
	read("Members/ReviewPreview")
	read("Points/Recent", "", 0)
	read("Points/ExpiryPreview")
	read("Points/Gifts", false)
	read("Points/Rules")
	read("Sales/Products", false)
	read("Scoring/Ranking", 500)
	read("Scoring/Weights")
	read("Events/List", "")
	read("Events/Options")
	read("Communities/List")
	read("Communities/Health")
	read("Communities/Settings")
	read("Communities/Options")
	read("Tags/List")
	read("Banquets/Options")
	read("Banquets/Stock")
	read("Banquets/List", map[string]any{"pageSize": 100})
	banquetIDs := s.ids(`SELECT id FROM banquets`)
	if len(banquetIDs) == 0 {
		t.Fatal("the demo shop has no banquets")
	}
	for _, id := range banquetIDs {
		read("Banquets/Detail", id)
		// The settle form's programme figures name the programme and its notes, never a customer's number.
		read("Banquets/Terms", id, []map[string]any{})
	}
	photo := s.ids(`SELECT banquet_id FROM banquet_evidence LIMIT 1`)
	read("Banquets/Photo", photo[0], s.ids(`SELECT id FROM banquet_evidence LIMIT 1`)[0], true)
	read("Segments/List")
	read("Reports/Dashboard")
	read("Sheets/ImportOptions")
	read("Sheets/Batches")
	// The demo holds no import batch; whatever UndoCheck answers (here: not found) must not be a refusal
	// or carry a number. Its lines name customers by name only (sheets.Activity).
	read("Sheets/UndoCheck", 1)
	read("Auth/Status")
	read("Claims/Programmes")
	read("Claims/List", map[string]any{"state": "", "brand": ""})
	read("Claims/Reminders")
	// Claim rows carry customer ids and names, never numbers; id 1 is read even when the demo has none.
	for _, id := range append(s.ids(`SELECT id FROM brand_programmes`), 1) {
		read("Claims/Candidates", id)
	}
	for _, id := range append(s.ids(`SELECT id FROM claims`), 1) {
		read("Claims/Get", id)
	}
	// Printed material: posters name guests, never their numbers; the host's phone is a staff member's.
	read("Print/Options")
	read("Print/Image", "logo", "")
	read("Print/HostPhone", s.ids(`SELECT id FROM staff LIMIT 1`)[0])
	read("Print/Preview", map[string]any{"eventId": eventIDs[0]})
	read("Print/Poster", eventIDs[0], s.ids(fmt.Sprintf(`SELECT id FROM event_guests WHERE event_id = %d LIMIT 1`, eventIDs[0]))[0], "png")
	read("Print/TableCards", eventIDs[0])
	read("Print/DoorStand", eventIDs[0])
	read("System/Info")
	read("Wallet/Packages", false)
	read("Wallet/Rules")
	read("Wallet/Agreement")
	for _, m := range mobiles[:10] {
		read("Customers/Search", m, true)
		read("Customers/Search", m[:3], true)
	}
	for _, id := range customerIDs {
		c := clerk.must("Customers/Get", id)
		read("Customers/Get", id)
		read("Customers/Search", c["name"], true)
		read("Customers/PossibleDuplicates", c["name"], "", c["district"], c["company"], 0)
		read("Customers/Merges", id)
		read("Customers/FollowUps", id)
		read("Members/View", id)
		read("Members/Referrals", id)
		read("Sales/Purchases", id, "", 0)
		read("Sales/Quote", id)
		read("Points/History", id, 0)
		read("Points/Redemptions", id)
		read("Scoring/Score", id)
		read("Communities/CustomerInvites", id)
		read("Communities/OfCustomer", id)
		read("Tags/Of", id)
		read("Wallet/Balance", id)
		read("Wallet/Ledger", id, 0)
		read("Wallet/PlanClose", id)
		read("Wine/Balances", id)
		read("Wine/Ledger", id, 0)
		read("Wine/Sources", id)
	}
	read("Wine/Holders", map[string]any{"pageSize": 100})
	read("Wine/Expiring", 3650)
	read("Wine/Stock")
	read("Receipts/Paper")
	for _, id := range purchaseIDs {
		read("Receipts/Print", "purchase", id, "58")
		read("Receipts/Preview", "purchase", id, "")
	}
	for _, id := range s.ids(`SELECT id FROM wine_entries WHERE kind != 'merge' LIMIT 20`) {
		read("Receipts/Print", "wine", id, "80")
	}
	// Every other kind of receipt names the customer too: recharges, stored-value spends and coupons.
	for kind, query := range map[string]string{
		"recharge": `SELECT id FROM wallet_entries WHERE kind = 'recharge' LIMIT 10`,
		"spend":    `SELECT id FROM wallet_entries WHERE kind = 'spend' LIMIT 10`,
		"coupon":   `SELECT id FROM coupons LIMIT 10`,
	} {
		ids := s.ids(query)
		if len(ids) == 0 {
			t.Fatalf("the demo shop has no %s to print", kind)
		}
		for _, id := range ids {
			read("Receipts/Print", kind, id, "58")
		}
	}
	for _, n := range cards {
		read("Members/Scan", n)
	}
	for _, id := range purchaseIDs {
		read("Sales/PlanRefund", map[string]any{"purchaseId": id, "all": true})
	}
	for _, id := range eventIDs {
		read("Events/Detail", id)
		read("Events/Candidates", id, map[string]any{})
		read("Events/Invitations", id)
		read("Events/Live", id)
		read("Events/FollowUpTasks", id)
		read("Events/WalkInRequests", id)
		read("Events/CheckInLinks", id)
	}
	for _, id := range groupIDs {
		read("Communities/Get", id)
		read("Communities/Members", id, true)
		read("Communities/Candidates", id, map[string]any{})
		read("Communities/Activities", id)
		read("Communities/Invites", id)
		read("Communities/DrawPool", map[string]any{"groupId": id})
		read("Communities/Draws", id, 0)
		read("Communities/MatchPasted", id, strings.Join(s.strings(fmt.Sprintf(
			`SELECT c.name FROM community_members m JOIN customers c ON c.id = m.customer_id WHERE m.community_id = %d`, id)), "\n"))
	}
	for _, id := range drawIDs {
		read("Communities/VerifyDraw", id)
	}
	for _, id := range s.ids(`SELECT id FROM segments`) {
		read("Segments/Get", id)
	}
	read("Coupons/Types", false)
	read("Coupons/Campaigns")
	read("Coupons/List", map[string]any{"size": 100})
	for _, code := range s.strings(`SELECT code FROM coupons LIMIT 40`) {
		read("Coupons/Detail", code)
	}
	for _, id := range s.ids(`SELECT DISTINCT customer_id FROM coupons LIMIT 40`) {
		read("Coupons/Usable", id)
		read("Coupons/Check", map[string]any{"customerId": id, "totalFen": 200000, "retailFen": 200000,
			"codes": s.strings(fmt.Sprintf(`SELECT code FROM coupons WHERE customer_id = %d AND kind = 'gift' LIMIT 1`, id))})
	}
	for _, id := range s.ids(`SELECT id FROM segments`) {
		read("Coupons/PreviewSegment", map[string]any{"typeId": s.ids(`SELECT id FROM coupon_types WHERE active = 1 LIMIT 1`)[0], "segmentId": id, "campaign": "回馈"})
	}

	// Changes answer with what they changed: those a clerk makes on a customer are masked too.
	id := customerIDs[0]
	c := clerk.must("Customers/Get", id)
	c["notes"] = "回访时更新"
	read("Customers/Update", id, c)
	read("Customers/AddFollowUp", map[string]any{"customerId": id, "channel": "电话", "content": "问候", "date": "2026-11-02"})
	read("Events/CheckIn", eventIDs[0], s.ids(fmt.Sprintf(`SELECT customer_id FROM event_guests WHERE event_id = %d LIMIT 1`, eventIDs[0]))[0])
	// The walk-ins the demo shop holds: the desk confirms one (the archive's customer) and turns the other away.
	walkIns := s.ids(`SELECT id FROM event_walkin_requests WHERE status = 'pending' ORDER BY customer_id IS NULL`)
	walkInEvent := s.ids(`SELECT event_id FROM event_walkin_requests LIMIT 1`)
	if len(walkIns) < 2 {
		t.Fatalf("the demo shop holds %d walk-ins", len(walkIns))
	}
	read("Events/ConfirmWalkIn", walkInEvent[0], walkIns[0], 0)
	read("Events/RejectWalkIn", walkInEvent[0], walkIns[1])
	read("Events/UndoCheckIn", walkInEvent[0], s.ids(`SELECT guest_id FROM event_walkin_requests WHERE status = 'confirmed'`)[0])

	// Methods that change things, sign in and out, or read files the clerk brought.
	changes := map[string]bool{
		"Auth.Approve": true, "Customers.Create": true,
		"Members.Register": true, "Members.ReplaceCard": true, "Sales.Record": true, "Points.Adjust": true, "Points.Redeem": true,
		"Wallet.Recharge":  true,
		"Events.AddGuests": true, "Events.SetGuestStatus": true, "Events.SetCompanions": true, "Events.RemoveGuest": true,
		"Events.SetInviteText": true, "Events.MarkInvited": true, "Events.AddTables": true, "Events.UpdateTable": true,
		"Events.RemoveTable": true, "Events.AutoSeat": true, "Events.Seat": true, "Events.CheckInByCard": true,
		"Events.WalkIn": true, "Events.SaveTask": true, "Events.DeleteTask": true, "Events.RotateCheckInLink": true,
		"Communities.AddMembers": true, "Communities.Leave": true, "Communities.SetRole": true, "Communities.AddActivity": true,
		"Segments.Save": true, "Segments.Count": true, "Scoring.SetOpinionLeader": true,
		"Tags.Apply": true, "Tags.Remove": true, "Tags.Refresh": true, "Tags.Recompute": true,
		"Sheets.OpenUpload": true, "Sheets.OpenPicked": true, "Sheets.CloseFile": true, "Sheets.Preview": true,
		"Sheets.DryRun": true, "Sheets.CancelImport": true, "Sheets.Template": true,
		"Wine.Deposit": true, "Wine.Withdraw": true, "Receipts.Print": true,
		"Coupons.Issue": true, "Coupons.RedeemGifts": true,
		"Claims.Build": true, "Claims.Discard": true, "Claims.Packet": true, "Print.UploadMap": true,
		"Banquets.Register": true, "Banquets.Update": true, "Banquets.Cancel": true, "Banquets.MarkHeld": true,
		"Banquets.CheckCode": true, "Banquets.Deliver": true, "Banquets.AddPayment": true, "Banquets.UploadEvidence": true,
		"Banquets.PickEvidence": true, "Banquets.EditEvidence": true, "Banquets.ReceiveStock": true,
	}
	rules := app.Permissions()
	for _, svc := range app.Services(nil) {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			key := typ.Elem().Name() + "." + typ.Method(i).Name
			if rules[key] == app.AnyStaff && !called[key] && !changes[key] {
				t.Errorf("%s: a clerk may call it; read it here with a seeded customer or name it as a change", key)
			}
		}
	}
}

// TestClerkSavingTheMaskedFormKeepsTheNumber edits a customer as a clerk: the form holds the masked
// numbers it was shown, and saving it keeps the stored ones; a new full number typed in is saved.
func TestClerkSavingTheMaskedFormKeepsTheNumber(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	c := owner.must("Customers/Create", map[string]any{"name": "张三", "mobile": "13800138000", "otherPhone": "13900139000 028-86668888"})
	id := c["id"]
	clerk, _ := s.staffBrowser(owner, "小王", "clerk", "2580")
	form := clerk.must("Customers/Get", id)
	if form["mobile"] != "138****8000" || form["otherPhone"] != "139****9000 028-****8888" {
		t.Fatalf("the clerk's form: %v / %v", form["mobile"], form["otherPhone"])
	}
	form["notes"] = "爱喝酱香"
	if got := clerk.must("Customers/Update", id, form); got["mobile"] != "138****8000" {
		t.Fatalf("the saved answer: %v", got["mobile"])
	}
	stored := owner.must("Customers/Get", id)
	if stored["mobile"] != "13800138000" || stored["otherPhone"] != "13900139000 028-86668888" || stored["notes"] != "爱喝酱香" {
		t.Fatalf("after the clerk saved the masked form: %v %v %v", stored["mobile"], stored["otherPhone"], stored["notes"])
	}
	form["mobile"] = "13700137000"
	clerk.must("Customers/Update", id, form)
	if stored := owner.must("Customers/Get", id); stored["mobile"] != "13700137000" || stored["otherPhone"] != "13900139000 028-86668888" {
		t.Fatalf("a new number typed by the clerk: %v %v", stored["mobile"], stored["otherPhone"])
	}
}
