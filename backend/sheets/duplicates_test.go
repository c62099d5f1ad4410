package sheets

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// existing puts one customer in the archive: member, card, points, a phone and an address.
func existing(t *testing.T, db *store.DB) customers.Customer {
	t.Helper()
	var c customers.Customer
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		r, err := members.Register(ctx, tx, members.RegisterInput{Name: "张三", Mobile: "13800138000", CardNumber: card("8000002")}, 0)
		if err != nil {
			return err
		}
		if _, _, err := points.Credit(ctx, tx, points.Booking{CustomerID: r.CustomerID, Kind: points.KindBonus, Points: 300, Key: "seed"}); err != nil {
			return err
		}
		c, err = customers.Get(ctx, tx, r.CustomerID)
		if err != nil {
			return err
		}
		in := inputOf(c)
		in.Address, in.Notes = "旧地址", "老客户"
		c, err = customers.Update(ctx, tx, c.ID, in)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func duplicateFile(t *testing.T) *Book {
	data := excelStyle(t, map[string][][]any{"客户": {
		{"姓名", "手机", "其他电话", "地址", "单位", "会员等级", "剩余积分", "备注"},
		{"张三丰", "13800138000", "13911112222", "新地址", "武当酒业", "金卡", 1000, "爱喝酱香"},
	}})
	b, err := Open("dup.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDuplicatePolicies(t *testing.T) {
	cases := []struct {
		policy                            string
		name, address, company, other     string
		notes, level                      string
		balance                           int64
		created, updated, merged, skipped int
	}{
		{PolicySkip, "张三", "旧地址", "", "", "老客户", "普卡", 300, 0, 0, 0, 1},
		{PolicyUpdate, "张三", "旧地址", "武当酒业", "13911112222", "老客户", "普卡", 300, 0, 1, 0, 0},
		{PolicyOverwrite, "张三丰", "新地址", "武当酒业", "13911112222", "爱喝酱香", "金卡", 1000, 0, 1, 0, 0},
		{PolicyMerge, "张三", "旧地址", "武当酒业", "13911112222", "老客户；爱喝酱香；导入的姓名：张三丰；导入的地址：新地址", "金卡", 1300, 0, 0, 1, 0},
	}
	for _, c := range cases {
		db := storetest.Open(t)
		old := existing(t, db)
		s := mustImport(t, db, duplicateFile(t), Request{OnDuplicate: c.policy})
		if s.Created != c.created || s.Updated != c.updated || s.Merged != c.merged || s.Skipped != c.skipped || s.Failed != 0 {
			t.Fatalf("%s: summary %+v", c.policy, s)
		}
		got, _ := customers.Get(ctx, db.R, old.ID)
		if got.Name != c.name || got.Address != c.address || got.Company != c.company || got.OtherPhone != c.other || got.Notes != c.notes {
			t.Fatalf("%s: customer %+v", c.policy, got)
		}
		m, _, _ := members.Get(ctx, db.R, old.ID)
		bal, _ := points.Balance(ctx, db.R, old.ID)
		if m.LevelName != c.level || bal != c.balance {
			t.Fatalf("%s: level %s balance %d", c.policy, m.LevelName, bal)
		}
	}
}

func TestMatchByCardNumberAndConflictingMatches(t *testing.T) {
	db := storetest.Open(t)
	old := existing(t, db)
	data := excelStyle(t, map[string][][]any{"客户": {
		{"姓名", "手机", "会员卡号"},
		{"张三", "13700137000", card("8000002")}, // same card, new mobile: the same person
		{"李四", "13600136000", ""},
		{"李四", "13600136000", card("8000002")}, // mobile is row 3's, card is 张三's
	}})
	b, _ := Open("cards.xlsx", data)
	s := mustImport(t, db, b, Request{OnDuplicate: PolicyMerge})
	if s.Merged != 1 || s.Created != 1 || s.Failed != 1 || !strings.Contains(s.Failures[0].Message, "会员卡号") {
		t.Fatalf("%+v", s)
	}
	if got, _ := customers.Get(ctx, db.R, old.ID); got.Mobile != "13800138000" || got.OtherPhone != "13700137000" {
		t.Fatalf("merge kept the new number among other phones? %+v", got)
	}
}
