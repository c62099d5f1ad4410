package claims_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"jiuke/backend/claims"
	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

func field(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

func banquetState(t *testing.T, s *season, id int64) string {
	var st string
	storetest.QueryRow(t, s.db.R, `SELECT state FROM banquets WHERE id = ?`, id).Scan(&st)
	return st
}

func TestCandidatesEarnUnderTheProgrammeAndNameMissingProof(t *testing.T) {
	s := newSeason(t)
	items, err := claims.Candidates(ctx, s.db.R, s.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("want 2 banquets and 1 event, got %+v", items)
	}
	full := items[0]
	// 48 out, 8 back: 40 bottles kept = 6 whole cases of 6 (≥ 5), 12 tables (≥ 10): 12 candy boxes
	// handed = ¥240; 40 opened × ¥10 = ¥400 → outlet ¥120, host ¥200, distributor ¥80.
	if full.Cases != 6 || full.Opened != 40 || full.Banquet.GiftValue != 24000 || full.Banquet.Rebate != 40000 ||
		full.Banquet.Outlet != 12000 || full.Banquet.Host != 20000 || full.Amount != 64000 || len(full.Missing) != 0 {
		t.Fatalf("full banquet: %+v / %+v", full, full.Banquet)
	}
	if short := items[1]; len(short.Missing) != 1 || short.Missing[0] != "缺少开瓶照片" {
		t.Fatalf("short banquet should lack the opened-bottles photo: %+v", short.Missing)
	}
	// 3 attendees (2 guests + 1 companion): ¥800 + 3 × ¥30 = ¥890, within the ¥1,000 budget.
	if ev := items[2]; ev.Kind != claims.KindEvent || ev.Attendees != 3 || ev.Amount != 89000 || len(ev.Missing) != 0 {
		t.Fatalf("event: %+v", ev)
	}
}

func TestAClaimIsBuiltFiledApprovedInPartAndPaid(t *testing.T) {
	s := newSeason(t)
	build := func(key string, refs ...claims.Ref) (claims.Claim, error) {
		return try(s.db, func(tx *sql.Tx) (claims.Claim, error) {
			return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: refs, Key: key}, 7)
		})
	}
	// A banquet without the proof its programme demands is refused, naming its row, and nothing is made.
	_, err := build("k0", claims.Ref{Kind: "banquet", ID: s.full}, claims.Ref{Kind: "banquet", ID: s.short})
	if field(err) != "items[1]" || !strings.Contains(err.Error(), "第2行") || !strings.Contains(err.Error(), "缺少开瓶照片") {
		t.Fatalf("want row 2 refused for its missing photo, got %v", err)
	}
	var n int
	storetest.QueryRow(t, s.db.R, `SELECT COUNT(*) FROM claims`).Scan(&n)
	if n != 0 {
		t.Fatalf("a refused claim left %d rows", n)
	}
	c, err := build("k1", claims.Ref{Kind: "banquet", ID: s.full}, claims.Ref{Kind: "event", ID: s.event})
	if err != nil {
		t.Fatal(err)
	}
	if c.State != claims.StateDraft || c.Claimed != 64000+89000 || len(c.Items) != 2 {
		t.Fatalf("built: %+v", c)
	}
	again, err := build("k1", claims.Ref{Kind: "banquet", ID: s.full})
	if err != nil || again.ID != c.ID {
		t.Fatalf("the same key builds once: %+v %v", again, err)
	}
	if _, err := build("k2", claims.Ref{Kind: "banquet", ID: s.full}); err == nil || !strings.Contains(err.Error(), "已在申报单") {
		t.Fatalf("a banquet on a claim cannot go on a second: %v", err)
	}

	c = write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.File(ctx, tx, c.ID, 7) })
	if c.State != claims.StateFiled || c.FiledAt == "" || banquetState(t, s, s.full) != "已申报" {
		t.Fatalf("filed: %+v, banquet %s", c, banquetState(t, s, s.full))
	}
	// Evidence of a filed banquet is fixed (the banquets migration's guard).
	if _, err := s.db.W.Exec(`UPDATE banquet_evidence SET note = 'x' WHERE banquet_id = ?`, s.full); err == nil {
		t.Fatal("evidence of a filed banquet changed")
	}
	if _, err := try(s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.Approve(ctx, tx, c.ID, c.Claimed+1, "", 7) }); field(err) != "approved" {
		t.Fatalf("approving more than claimed: %v", err)
	}
	c = write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Approve(ctx, tx, c.ID, 150000, "礼品少计", 7)
	})
	if c.State != claims.StatePartial || *c.Approved != 150000 || c.Outstanding != 150000 || banquetState(t, s, s.full) != "已核销" {
		t.Fatalf("approved in part: %+v", c)
	}
	receive := func(key string, amount int64) (claims.Claim, error) {
		return try(s.db, func(tx *sql.Tx) (claims.Claim, error) {
			return claims.Receive(ctx, tx, claims.ReceiveInput{ClaimID: c.ID, Amount: amount, Key: key}, 7)
		})
	}
	if _, err := try(s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Receive(ctx, tx, claims.ReceiveInput{ClaimID: c.ID, Amount: 100, ReceivedOn: "明天", Key: "bad-day"}, 7)
	}); field(err) != "receivedOn" {
		t.Fatalf("a day that is not a date: %v", err)
	}
	if _, err := receive("r0", 0); field(err) != "amount" {
		t.Fatalf("receiving nothing: %v", err)
	}
	if _, err := receive("r0", 150001); field(err) != "amount" {
		t.Fatalf("receiving more than owed: %v", err)
	}
	if c, err = receive("r1", 100000); err != nil || c.State != claims.StatePartial || c.Outstanding != 50000 {
		t.Fatalf("first payment: %+v %v", c, err)
	}
	if c, err = receive("r1", 100000); err != nil || c.Received != 100000 {
		t.Fatalf("a retried payment counts once: %+v %v", c, err)
	}
	if c, err = receive("r2", 50000); err != nil || c.State != claims.StatePaid || c.Outstanding != 0 {
		t.Fatalf("paid: %+v %v", c, err)
	}
	if got := len(c.History); got != 4 {
		t.Fatalf("history should hold built, filed, approved, paid: %+v", c.History)
	}
}

func TestARejectedClaimFreesItsBanquetsForANewOne(t *testing.T) {
	s := newSeason(t)
	c := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: []claims.Ref{{Kind: "banquet", ID: s.full}}, Key: "a"}, 7)
	})
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.File(ctx, tx, c.ID, 7) })
	if _, err := try(s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.Reject(ctx, tx, c.ID, " ", 7) }); field(err) != "reason" {
		t.Fatalf("a rejection needs its reason: %v", err)
	}
	c = write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.Reject(ctx, tx, c.ID, "照片不清晰", 7) })
	if c.State != claims.StateRejected || banquetState(t, s, s.full) != "已结算" {
		t.Fatalf("rejected: %+v, banquet %s", c, banquetState(t, s, s.full))
	}
	c2 := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: []claims.Ref{{Kind: "banquet", ID: s.full}}, Key: "b"}, 7)
	})
	if c2.Claimed != 64000 {
		t.Fatalf("claimed again: %+v", c2)
	}
}

func TestReceivablesAgeWhatBrandsStillOwe(t *testing.T) {
	s := newSeason(t)
	c := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: []claims.Ref{{Kind: "banquet", ID: s.full}, {Kind: "event", ID: s.event}}, Key: "a"}, 7)
	})
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.File(ctx, tx, c.ID, 7) })
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.Approve(ctx, tx, c.ID, 120000, "", 7) })
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Receive(ctx, tx, claims.ReceiveInput{ClaimID: c.ID, Amount: 20000, Key: "r"}, 7)
	})
	for _, tc := range []struct {
		later int
		want  claims.Receivable
	}{
		{0, claims.Receivable{Brand: "泸州老窖", Claims: 1, Claimed: 153000, Approved: 120000, Received: 20000, Outstanding: 100000, Age0: 100000}},
		{45, claims.Receivable{Brand: "泸州老窖", Claims: 1, Claimed: 153000, Approved: 120000, Received: 20000, Outstanding: 100000, Age30: 100000}},
		{75, claims.Receivable{Brand: "泸州老窖", Claims: 1, Claimed: 153000, Approved: 120000, Received: 20000, Outstanding: 100000, Age60: 100000}},
		{120, claims.Receivable{Brand: "泸州老窖", Claims: 1, Claimed: 153000, Approved: 120000, Received: 20000, Outstanding: 100000, Age90: 100000}},
	} {
		got, err := claims.Receivables(ctx, s.db.R, time.Now().AddDate(0, 0, tc.later))
		if err != nil || len(got) != 1 || got[0] != tc.want {
			t.Fatalf("%d days on: %+v %v", tc.later, got, err)
		}
		overdue, err := claims.Overdue(ctx, s.db.R, time.Now().AddDate(0, 0, tc.later), 60)
		if err != nil || (len(overdue) == 1) != (tc.later > 60) {
			t.Fatalf("%d days on, overdue past 60: %+v %v", tc.later, overdue, err)
		}
	}
}

func TestRebatesOwedOnwardsArePaidOnce(t *testing.T) {
	s := newSeason(t)
	owed, err := claims.Payables(ctx, s.db.R, true)
	if err != nil {
		t.Fatal(err)
	}
	// Two banquets × (outlet ¥120 + host ¥200), computed by the programme.
	if len(owed) != 4 || owed[0].Source != "政策测算" {
		t.Fatalf("payables: %+v", owed)
	}
	pay := func(key string, amount int64) (claims.Payable, error) {
		return try(s.db, func(tx *sql.Tx) (claims.Payable, error) {
			return claims.Pay(ctx, tx, claims.PayInput{BanquetID: s.full, Party: "outlet", Amount: amount, Method: "微信", Key: key}, 7)
		})
	}
	if _, err := pay("p0", 12001); field(err) != "amount" {
		t.Fatalf("paying more than owed: %v", err)
	}
	for want, in := range map[string]claims.PayInput{
		"paidOn": {BanquetID: s.full, Party: "outlet", Amount: 100, Method: "微信", PaidOn: "2026/13/01", Key: "bad-day"},
		"method": {BanquetID: s.full, Party: "outlet", Amount: 100, Key: "no-method"},
		"party":  {BanquetID: s.full, Party: "guest", Amount: 100, Method: "微信", Key: "bad-party"},
	} {
		_, err := try(s.db, func(tx *sql.Tx) (claims.Payable, error) { return claims.Pay(ctx, tx, in, 7) })
		if got := field(err); got != want {
			t.Fatalf("want %s named, got %q: %v", want, got, err)
		}
	}
	if p, err := pay("p1", 12000); err != nil || p.Left != 0 || p.Paid != 12000 {
		t.Fatalf("paid: %+v %v", p, err)
	}
	if p, err := pay("p1", 12000); err != nil || p.Paid != 12000 {
		t.Fatalf("a retried payment counts once: %+v %v", p, err)
	}
	if owed, _ = claims.Payables(ctx, s.db.R, true); len(owed) != 3 {
		t.Fatalf("one rebate paid, three left: %+v", owed)
	}
}

func TestTheDatabaseKeepsClaimsHistory(t *testing.T) {
	s := newSeason(t)
	c := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: []claims.Ref{{Kind: "banquet", ID: s.full}}, Key: "a"}, 7)
	})
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.File(ctx, tx, c.ID, 7) })
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) { return claims.Approve(ctx, tx, c.ID, 64000, "", 7) })
	write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Receive(ctx, tx, claims.ReceiveInput{ClaimID: c.ID, Amount: 1000, Key: "r"}, 7)
	})
	write(t, s.db, func(tx *sql.Tx) (claims.Payable, error) {
		return claims.Pay(ctx, tx, claims.PayInput{BanquetID: s.full, Party: "host", Amount: 1000, Method: "现金", Key: "p"}, 7)
	})
	tables := []string{"claims", "claim_items", "claim_receipts", "claim_history", "rebate_payouts"}
	storetest.RefusesEach(t, s.db, "只能追加", tables,
		`UPDATE claim_receipts SET amount_fen = 2`, `DELETE FROM claim_receipts`,
		`REPLACE INTO claim_receipts (id, claim_id, amount_fen, received_on, method, idem_key, created_at) VALUES (1, 1, 9, 'd', 'm', 'r', 'x')`,
		`UPDATE rebate_payouts SET amount_fen = 2`, `DELETE FROM rebate_payouts`,
		`INSERT OR REPLACE INTO rebate_payouts (id, banquet_id, party, customer_id, amount_fen, method, paid_on, idem_key, created_at) VALUES (1, 1, 'host', 1, 5, 'm', 'd', 'p', 'x')`,
		`UPDATE claim_history SET note = 'x'`, `DELETE FROM claim_history`)
	storetest.RefusesEach(t, s.db, "申报明细不能修改", tables, `UPDATE claim_items SET amount_fen = 1`)
	storetest.RefusesEach(t, s.db, "已申报的申报单", tables,
		`DELETE FROM claim_items`, `DELETE FROM claims`, `UPDATE claims SET claimed_fen = 1`)
	storetest.RefusesEach(t, s.db, "申报单状态不能这样变更", tables,
		`UPDATE claims SET state = '待申报'`, `UPDATE claims SET state = '驳回'`)
	storetest.RefusesEach(t, s.db, "CHECK constraint", tables, `UPDATE claims SET approved_fen = claimed_fen + 1`)
}
