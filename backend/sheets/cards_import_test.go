package sheets

import (
	"database/sql"
	"testing"

	"jiuke/backend/members"
	"jiuke/backend/store/storetest"
)

// With the option on, imported members without a card get the next number of the issuing range and
// can be scanned; a pre-printed number without a check digit is kept when its range is set; a
// customer who is not a member gets no card.
func TestImportAssignsCardsFromTheIssuingRange(t *testing.T) {
	db := storetest.Open(t)
	if err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := members.SaveCardRanges(ctx, tx, []members.CardRange{
			{Name: "预印卡", Prefix: "66", Length: 8},
			{Name: "新卡", Prefix: "7", Length: 9, CheckDigit: true, Issue: true},
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b, err := Open("会员.csv", []byte("姓名,手机号,会员等级,会员卡号\n张三,13800138000,金卡,\n李四,13900139000,银卡,66000150\n王五,13700137000,,\n赵六,13600136000,银卡,12345\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := mustImport(t, db, b, Request{AssignCards: true})
	if s.Members != 3 || s.Cards != 3 {
		t.Fatalf("summary %+v", s)
	}
	number := func(mobile string) string {
		k, ok, err := members.CurrentCard(ctx, db.R, customerBy(t, db, mobile).ID)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return ""
		}
		return k.Number
	}
	zhang := number("13800138000")
	if len(zhang) != 9 || zhang[0] != '7' || !members.ValidCardNumber(zhang) {
		t.Fatalf("assigned card %q", zhang)
	}
	if k, err := members.UsableCard(ctx, db.R, zhang); err != nil || k.CustomerName != "张三" {
		t.Fatalf("scan the assigned card: %+v %v", k, err)
	}
	if n := number("13900139000"); n != "66000150" {
		t.Fatalf("pre-printed card %q", n)
	}
	if n := number("13700137000"); n != "" {
		t.Fatalf("a customer who is not a member got card %q", n)
	}
	// 赵六's number fits no range: refused, and the option gives a member a card from the range instead.
	if n := number("13600136000"); len(n) != 9 || n == zhang {
		t.Fatalf("赵六's card %q", n)
	}
}
