package customers_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/6tail/lunar-go/calendar"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

func create(t *testing.T, db *store.DB, in customers.Input) customers.Customer {
	t.Helper()
	var c customers.Customer
	err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = customers.Create(ctx, tx, in, 0)
		return err
	})
	if err != nil {
		t.Fatalf("create %s: %v", in.Name, err)
	}
	return c
}

func tryCreate(db *store.DB, in customers.Input) error {
	return db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Create(ctx, tx, in, 0)
		return err
	})
}

func count(t *testing.T, db *store.DB) int {
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM customers`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCreateStoresNormalisedRecord(t *testing.T) {
	db := storetest.Open(t)
	c := create(t, db, customers.Input{Name: " 张三 ", Mobile: "+86 138-0013-8000", Gender: "M", District: "锦江区",
		Birthday: customers.Birthday{Calendar: "lunar", Year: 1985, Month: 3, Day: 12}, Consent: true})
	if c.Name != "张三" || c.Mobile != "13800138000" || c.Source != "进店" || !c.Consent || c.ConsentAt == "" {
		t.Fatalf("stored %+v", c)
	}
	if c.Birthday != (customers.Birthday{Calendar: "lunar", Year: 1985, Month: 3, Day: 12}) {
		t.Fatalf("birthday %+v", c.Birthday)
	}
}

func TestBadInputIsRefusedByFieldAndChangesNothing(t *testing.T) {
	db := storetest.Open(t)
	now := time.Now().In(store.Shop)
	small := 0 // a 29-day lunar month of 2024, found from the calendar rather than guessed
	for m := 1; m <= 12; m++ {
		if calendar.NewLunarMonthFromYm(2024, m).GetDayCount() == 29 {
			small = m
			break
		}
	}
	cases := []struct {
		in    customers.Input
		field string
		msg   string
	}{
		{customers.Input{Name: "  "}, "name", "请填写姓名"},
		{customers.Input{Name: "王五", Mobile: "1380013800"}, "mobile", "手机号应为11位数字"},
		{customers.Input{Name: "王五", Mobile: "138oo138000"}, "mobile", "手机号只能包含数字"},
		{customers.Input{Name: "王五", Birthday: customers.Birthday{Calendar: "solar", Year: now.Year(), Month: 12, Day: 31}}, "birthday", "生日不能晚于今天"},
		{customers.Input{Name: "王五", Birthday: customers.Birthday{Calendar: "solar", Year: 1990, Month: 2, Day: 30}}, "birthday", "2月没有30日"},
		{customers.Input{Name: "王五", Birthday: customers.Birthday{Calendar: "lunar", Year: 2024, Month: 2, Day: 1, Leap: true}}, "birthday", "农历2024年没有闰二月"},
		{customers.Input{Name: "王五", Birthday: customers.Birthday{Calendar: "lunar", Year: 2024, Month: small, Day: 30}}, "birthday", "只有29天"},
		{customers.Input{Name: "王五", Birthday: customers.Birthday{Calendar: "lunar", Month: 13, Day: 1}}, "birthday", "生日月份应在1到12之间"},
		{customers.Input{Name: "王五", Source: "网购"}, "source", "来源只能是"},
		{customers.Input{Name: "王五", ReferrerID: 999}, "referrerId", "推荐人不存在"},
		{customers.Input{Name: "王五", Gender: "X"}, "gender", "性别只能是男或女"},
	}
	for _, c := range cases {
		err := tryCreate(db, c.in)
		p := errs.ToPayload(err)
		if p.Code != errs.CodeInvalid || p.Field != c.field || !strings.Contains(p.Message, c.msg) {
			t.Errorf("%+v: got %+v, want %s on %s", c.in, p, c.msg, c.field)
		}
	}
	if n := count(t, db); n != 0 {
		t.Fatalf("refused input still created %d customers", n)
	}
	// A leap month that exists is accepted: 2023 had a leap second month.
	create(t, db, customers.Input{Name: "闰月生", Birthday: customers.Birthday{Calendar: "lunar", Year: 2023, Month: 2, Day: 15, Leap: true}})
}

func TestDuplicateMobileIsRefusedNamingTheOwner(t *testing.T) {
	db := storetest.Open(t)
	zs := create(t, db, customers.Input{Name: "张三", Mobile: "13800138000"})
	err := tryCreate(db, customers.Input{Name: "张叁", Mobile: "138 0013 8000"})
	p := errs.ToPayload(err)
	if p.Code != errs.CodeConflict || p.Field != "mobile" || !strings.Contains(p.Message, "张三") {
		t.Fatalf("got %+v", p)
	}
	if data, _ := p.Data.(map[string]any); data["customerId"] != zs.ID {
		t.Fatalf("conflict does not point at the existing customer: %+v", p.Data)
	}
	other := create(t, db, customers.Input{Name: "李四", Mobile: "13900139000"})
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.Update(ctx, tx, other.ID, customers.Input{Name: "李四", Mobile: "13800138000"})
		return err
	})
	if errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("editing to an existing mobile: %v", err)
	}
	if n := count(t, db); n != 2 {
		t.Fatalf("count = %d", n)
	}
}

func TestArchiveAndRestore(t *testing.T) {
	db := storetest.Open(t)
	c := create(t, db, customers.Input{Name: "王五", Mobile: "13700137000"})
	tx := func(fn func(tx *sql.Tx) error) error { return db.WithTx(ctx, fn) }
	if err := tx(func(tx *sql.Tx) error { _, err := customers.Archive(ctx, tx, c.ID, ""); return err }); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("archive without a reason: %v", err)
	}
	if err := tx(func(tx *sql.Tx) error { _, err := customers.Archive(ctx, tx, c.ID, "已移居外地"); return err }); err != nil {
		t.Fatal(err)
	}
	hits, _ := customers.Search(ctx, db.R, "王五", 20, false)
	if len(hits) != 0 {
		t.Fatalf("archived customer still in everyday search: %+v", hits)
	}
	page, _ := customers.List(ctx, db.R, customers.ListQuery{Archived: "archived"})
	if page.Total != 1 || page.Items[0].ArchiveReason != "已移居外地" {
		t.Fatalf("archived list: %+v", page)
	}
	if err := tx(func(tx *sql.Tx) error { _, err := customers.Restore(ctx, tx, c.ID); return err }); err != nil {
		t.Fatal(err)
	}
	hits, _ = customers.Search(ctx, db.R, "王五", 20, false)
	if len(hits) != 1 {
		t.Fatal("restored customer not found")
	}
}

func TestListPagesFiltersAndSorts(t *testing.T) {
	db := storetest.Open(t)
	for i := 0; i < 45; i++ {
		d := "锦江区"
		if i%3 == 0 {
			d = "武侯区"
		}
		create(t, db, customers.Input{Name: fmt.Sprintf("客户%02d", i), Mobile: fmt.Sprintf("139000000%02d", i), District: d})
	}
	page, err := customers.List(ctx, db.R, customers.ListQuery{District: "武侯区", PageSize: 20, Page: 1, Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 15 || len(page.Items) != 15 || page.Items[0].Name != "客户00" {
		t.Fatalf("page: total %d, %d items, first %s", page.Total, len(page.Items), page.Items[0].Name)
	}
	page, _ = customers.List(ctx, db.R, customers.ListQuery{PageSize: 20, Page: 3})
	if page.Total != 45 || len(page.Items) != 5 {
		t.Fatalf("third page: total %d, %d items", page.Total, len(page.Items))
	}
	if _, err := customers.List(ctx, db.R, customers.ListQuery{Sort: "mobile; DROP TABLE customers"}); errs.CodeOf(err) != errs.CodeInvalid {
		t.Fatalf("unknown sort accepted: %v", err)
	}
}

func TestFollowUps(t *testing.T) {
	db := storetest.Open(t)
	c := create(t, db, customers.Input{Name: "赵六"})
	add := func(in customers.FollowUpInput) (customers.FollowUp, error) {
		var f customers.FollowUp
		err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
			f, err = customers.AddFollowUp(ctx, tx, in, 0)
			return err
		})
		return f, err
	}
	bad := []struct {
		in    customers.FollowUpInput
		field string
	}{
		{customers.FollowUpInput{CustomerID: c.ID, Channel: "电话"}, "content"},
		{customers.FollowUpInput{CustomerID: c.ID, Channel: "飞鸽", Content: "x"}, "channel"},
		{customers.FollowUpInput{CustomerID: c.ID, Channel: "电话", Content: "x", Date: "2999-01-01"}, "date"},
		{customers.FollowUpInput{CustomerID: c.ID, Channel: "电话", Content: "x", Date: "2026-01-10", NextDate: "2026-01-09"}, "nextDate"},
	}
	for _, b := range bad {
		if _, err := add(b.in); errs.ToPayload(err).Field != b.field {
			t.Errorf("%+v: %v", b.in, err)
		}
	}
	if _, err := add(customers.FollowUpInput{CustomerID: 9999, Channel: "电话", Content: "x"}); errs.CodeOf(err) != errs.CodeNotFound {
		t.Errorf("unknown customer: %v", err)
	}
	add(customers.FollowUpInput{CustomerID: c.ID, Date: "2026-01-10", Channel: "电话", Content: "第一次"})
	f, err := add(customers.FollowUpInput{CustomerID: c.ID, Date: "2026-02-10", Channel: "微信", Content: "第二次", NextDate: "2026-03-01"})
	if err != nil || f.NextDate != "2026-03-01" {
		t.Fatalf("%+v %v", f, err)
	}
	list, _ := customers.FollowUps(ctx, db.R, c.ID)
	if len(list) != 2 || list[0].Content != "第二次" {
		t.Fatalf("newest first: %+v", list)
	}
}
