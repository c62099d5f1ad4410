package coupons_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/wallet/coupons"
)

func TestTypeSettingsRefuseBadTerms(t *testing.T) {
	s := newShop(t)
	g := s.gift("醒酒器", 3)
	for _, c := range []struct {
		ty          coupons.Type
		field, want string
	}{
		{coupons.Type{Name: "", Kind: coupons.KindCash, ValueFen: 100, ValidDays: 3}, "name", "请填写券名称"},
		{coupons.Type{Name: "券", Kind: "percent", ValueFen: 100, ValidDays: 3}, "kind", "券类型应为"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 0, ValidDays: 3}, "valueFen", "券面金额应大于0"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: -5, ValidDays: 3}, "valueFen", "券面金额不能为负数"},
		{coupons.Type{Name: "券", Kind: coupons.KindThreshold, ValueFen: 10000, ThresholdFen: 10000, ValidDays: 3}, "thresholdFen", "满减门槛应高于减免金额 ¥100.00"},
		{coupons.Type{Name: "券", Kind: coupons.KindGift, GiftID: g.ID + 99, ValidDays: 3}, "giftId", "礼品目录"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 100}, "validTo", "请填写有效天数"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 100, ValidFrom: "2026-12-01", ValidTo: "2026-11-01"}, "validTo", "不能早于开始日期"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 100, ValidFrom: "2026/12/01", ValidTo: "2026-12-31"}, "validFrom", "格式应为"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 100, ValidDays: -1}, "validDays", "有效天数"},
		{coupons.Type{Name: "券", Kind: coupons.KindCash, ValueFen: 100, ValidDays: 3, AutoOn: "always"}, "autoOn", "自动发放时机无效"},
		{coupons.Type{Name: strings.Repeat("券", 51), Kind: coupons.KindCash, ValueFen: 100, ValidDays: 3}, "name", "不能超过50个字"},
	} {
		err := s.tx(func(tx *sql.Tx) error { _, err := coupons.SaveType(ctx, tx, c.ty); return err })
		refused(t, err, c.field, c.want)
	}
	if n := s.count(`SELECT COUNT(*) FROM coupon_types`); n != 0 {
		t.Fatalf("refused types stored: %d", n)
	}
	ty := s.saveType(coupons.Type{Name: "周年礼", Kind: coupons.KindGift, GiftID: g.ID, ValidFrom: "2026-01-01", ValidTo: "2099-12-31"})
	if ty.GiftName != "醒酒器" || ty.Terms() != "礼品「醒酒器」" {
		t.Fatalf("gift type %+v", ty)
	}
}

func TestCodesAreUniqueShortAndFromTheUnambiguousAlphabet(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	id := s.member("张三", "13800000001")
	seen := map[string]bool{}
	for i := 0; i < 300; i++ {
		c := s.issue(ty.ID, id)
		if len(c.Code) != 10 || seen[c.Code] || strings.ContainsAny(c.Code, "0O1IL2Z5S8B") {
			t.Fatalf("code %q (seen %v)", c.Code, seen[c.Code])
		}
		seen[c.Code] = true
	}
	// A typed code with dashes, spaces and lower case finds the coupon.
	var code string
	for k := range seen {
		code = k
		break
	}
	c, err := coupons.ByCode(ctx, s.db.R, " "+strings.ToLower(code[:5])+"-"+code[5:]+" ")
	if err != nil || c.Code != code {
		t.Fatalf("by typed code: %+v %v", c, err)
	}
}

func TestIssueOnceperKeyAndWindowFromIssue(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	id := s.member("张三", "13800000001")
	var a, b coupons.Coupon
	var createdB bool
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		a, _, err = coupons.Issue(ctx, tx, coupons.Issuing{TypeID: ty.ID, CustomerID: id, Source: coupons.SourceHand, Key: "dbl"})
		return err
	}))
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		b, createdB, err = coupons.Issue(ctx, tx, coupons.Issuing{TypeID: ty.ID, CustomerID: id, Source: coupons.SourceHand, Key: "dbl"})
		return err
	}))
	if createdB || a.ID != b.ID || s.count(`SELECT COUNT(*) FROM coupon_entries`) != 1 {
		t.Fatalf("a retried issue made another coupon: %+v %+v", a, b)
	}
	if a.ValidFrom != daysFromToday(0) || a.ValidTo != daysFromToday(29) || a.State != coupons.StateIssued || a.Campaign != "开业酬宾" {
		t.Fatalf("issued %+v", a)
	}
	// Editing the type later leaves the coupon's terms as issued.
	ty.ValueFen = 9000
	s.saveType(ty)
	if c := s.coupon(a.ID); c.ValueFen != 5000 {
		t.Fatalf("issued coupon took the new value: %+v", c)
	}
	// By hand: several at once, refused for a bad count or a stopped type.
	var list []coupons.Coupon
	s.must(s.tx(func(tx *sql.Tx) (err error) {
		list, err = coupons.IssueByHand(ctx, tx, coupons.HandInput{TypeID: ty.ID, CustomerID: id, Qty: 3, Key: "h1"}, 0)
		return err
	}))
	if len(list) != 3 {
		t.Fatalf("by hand %d", len(list))
	}
	err := s.tx(func(tx *sql.Tx) error {
		_, err := coupons.IssueByHand(ctx, tx, coupons.HandInput{TypeID: ty.ID, CustomerID: id, Qty: 21, Key: "h2"}, 0)
		return err
	})
	refused(t, err, "qty", "1～20")
	ty.Active = false
	s.must(s.tx(func(tx *sql.Tx) (err error) { _, err = coupons.SaveType(ctx, tx, ty); return err }))
	err = s.tx(func(tx *sql.Tx) error {
		_, _, err := coupons.Issue(ctx, tx, coupons.Issuing{TypeID: ty.ID, CustomerID: id, Source: coupons.SourceHand, Key: "h3"})
		return err
	})
	refused(t, err, "typeId", "已停用")
}

func TestMergeMovesCoupons(t *testing.T) {
	s := newShop(t)
	ty := s.cash(5000, true)
	a, b := s.member("张三", "13800000001"), s.member("张三丰", "13800000002")
	c := s.issue(ty.ID, b)
	s.must(s.tx(func(tx *sql.Tx) error {
		_, err := customers.Merge(ctx, tx, customers.MergeRequest{SurvivorID: a, MergedID: b}, 0)
		return err
	}))
	if got := s.coupon(c.ID); got.CustomerID != a {
		t.Fatalf("coupon stayed with the merged customer: %+v", got)
	}
	if _, err := s.buy(a, 1, c.Code); err != nil {
		t.Fatalf("survivor cannot use the moved coupon: %v", err)
	}
}
