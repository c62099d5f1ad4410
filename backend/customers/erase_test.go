package customers_test

import (
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

func TestEraseRemovesPersonalDataButKeepsTheRecord(t *testing.T) {
	db := storetest.Open(t)
	c := create(t, db, customers.Input{Name: "隐私客户", Mobile: "13811112222", Address: "锦江区春熙路1号", Company: "某公司",
		Birthday: customers.Birthday{Calendar: "solar", Year: 1980, Month: 1, Day: 2}})
	db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := customers.AddFollowUp(ctx, tx, customers.FollowUpInput{CustomerID: c.ID, Channel: "电话", Content: "他家住在春熙路"}, 0)
		return err
	})
	var e customers.Customer
	if err := db.WithTx(ctx, func(tx *sql.Tx) (err error) { e, err = customers.Erase(ctx, tx, c.ID); return err }); err != nil {
		t.Fatal(err)
	}
	if e.Mobile != "" || e.Address != "" || e.Company != "" || e.Birthday.Month != 0 || !strings.HasPrefix(e.Name, "已删除客户#") || !e.Archived {
		t.Fatalf("after erase %+v", e)
	}
	for _, q := range []string{"隐私", "13811112222", "2222", "ysk"} {
		if hits, err := customers.Search(ctx, db.R, q, 20, true); err != nil || len(hits) != 0 {
			t.Errorf("%s still finds the erased customer (%v)", q, err)
		}
	}
	fu, _ := customers.FollowUps(ctx, db.R, c.ID)
	if len(fu) != 1 || strings.Contains(fu[0].Content, "春熙路") {
		t.Fatalf("follow-up kept personal text: %+v", fu)
	}
	// The mobile is free again for a new customer.
	create(t, db, customers.Input{Name: "新客户", Mobile: "13811112222"})
}
