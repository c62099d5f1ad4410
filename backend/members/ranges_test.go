package members_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/store/storetest"
)

// A supplier's pre-printed cards without a check digit are accepted once their range is set; numbers
// outside every range are refused with the ranges named; new numbers come from the issuing range.
func TestCardRangesDecideWhichNumbersAreCards(t *testing.T) {
	db := storetest.Open(t)
	register := func(name, mobile, card string) (members.RegisterResult, error) {
		var r members.RegisterResult
		err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			r, err = members.Register(ctx, tx, members.RegisterInput{Name: name, Mobile: mobile, CardNumber: card}, 0)
			return err
		})
		return r, err
	}
	// Before any range: the check digit is required, as always.
	if _, err := register("甲", "13800000001", "66000123"); errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "校验位") {
		t.Fatalf("no ranges, no check digit: %v", err)
	}
	bad := []members.CardRange{{Prefix: "66", Length: 5}, {Prefix: "6a", Length: 8}, {Prefix: "660001234", Length: 10, CheckDigit: true},
		{Prefix: "66", Length: 8, Start: "66000200", End: "66000100"}, {Length: 8, Issue: true, Prefix: "1"}}
	for i, r := range bad[:4] {
		err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := members.SaveCardRanges(ctx, tx, []members.CardRange{r}); return err })
		if errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "第1个卡号段") {
			t.Errorf("bad range %d: %v", i, err)
		}
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.SaveCardRanges(ctx, tx, []members.CardRange{bad[4], bad[4]})
		return err
	}); errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "只能有一个") {
		t.Fatalf("two issuing ranges: %v", err)
	}
	if r, _ := members.CardRanges(ctx, db.R); len(r) != 0 {
		t.Fatalf("refused ranges were saved: %+v", r)
	}
	ranges := []members.CardRange{
		{Name: "预印卡", Prefix: "66", Length: 8, Start: "66000100", End: "66000199"},
		{Name: "新卡", Prefix: "9", Length: 10, CheckDigit: true, Issue: true},
	}
	if err := db.WithTx(ctx, func(tx *sql.Tx) error { _, err := members.SaveCardRanges(ctx, tx, ranges); return err }); err != nil {
		t.Fatal(err)
	}
	a, err := register("甲", "13800000001", "66000123")
	if err != nil || a.Card.Number != "66000123" {
		t.Fatalf("pre-printed card without a check digit: %+v %v", a.Card, err)
	}
	if _, err := register("乙", "13800000002", "66000200"); errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "不在已设置的卡号段内（预印卡、新卡）") {
		t.Fatalf("past the range's end: %v", err)
	}
	if _, err := register("乙", "13800000002", "9000000010"); errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "校验位不正确（新卡）") {
		t.Fatalf("wrong check digit in a checked range: %v", err)
	}
	b, err := register("乙", "13800000002", "")
	if err != nil || !strings.HasPrefix(b.Card.Number, "9") || len(b.Card.Number) != 10 || !members.ValidCardNumber(b.Card.Number) {
		t.Fatalf("generated from the issuing range: %+v %v", b.Card, err)
	}
	// Scanning finds both; an unknown number out of every range says so rather than "not found".
	for _, n := range []string{"66000123", b.Card.Number} {
		if k, err := members.UsableCard(ctx, db.R, n); err != nil || k.Number != n {
			t.Fatalf("scan %s: %+v %v", n, k, err)
		}
	}
	if _, err := members.UsableCard(ctx, db.R, "12345678"); errs.CodeOf(err) != errs.CodeInvalid || !strings.Contains(err.Error(), "不在已设置的卡号段内") {
		t.Fatalf("scan out of range: %v", err)
	}
	if _, err := members.UsableCard(ctx, db.R, "66000150"); errs.CodeOf(err) != errs.CodeNotFound {
		t.Fatalf("scan of a valid number nobody holds: %v", err)
	}
	// Replacing a card with another pre-printed one.
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.ReplaceCard(ctx, tx, a.CustomerID, "66000124", "丢失", 0)
		return err
	}); err != nil {
		t.Fatalf("replace with a pre-printed card: %v", err)
	}
}
