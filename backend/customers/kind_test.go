package customers_test

import (
	"database/sql"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

func TestCustomerKindsAndOutletFields(t *testing.T) {
	db := storetest.Open(t)
	person := create(t, db, customers.Input{Name: "张三", Mobile: "13800000001"})
	if person.Kind != "个人" || person.OutletType != "" {
		t.Fatalf("a new customer is a person by default: %+v", person)
	}
	shop := create(t, db, customers.Input{Name: "李老板", Mobile: "13800000002", Kind: "终端门店", OutletType: "烟酒店",
		ShopName: " 好运烟酒行 ", ContactPerson: "李四", District: "锦江区"})
	if shop.Kind != "终端门店" || shop.OutletType != "烟酒店" || shop.ShopName != "好运烟酒行" || shop.ContactPerson != "李四" {
		t.Fatalf("an outlet keeps its type, shop name and contact: %+v", shop)
	}
	// An edit that does not mention the kind (an older caller, an import) keeps it.
	var got customers.Customer
	err := db.WithTx(ctx, func(tx *sql.Tx) (err error) {
		got, err = customers.Update(ctx, tx, shop.ID, customers.Input{Name: "李老板", Mobile: "13800000002", District: "武侯区"})
		return err
	})
	if err != nil || got.Kind != "终端门店" || got.ShopName != "好运烟酒行" || got.District != "武侯区" {
		t.Fatalf("edit without kind keeps the outlet: %+v %v", got, err)
	}
	// A company drops outlet fields; a wrong kind or outlet type is refused.
	company := create(t, db, customers.Input{Name: "王总", Mobile: "13800000003", Kind: "企业", ShopName: "不该保存"})
	if company.ShopName != "" {
		t.Fatalf("only outlets keep a shop name: %+v", company)
	}
	for _, in := range []customers.Input{{Name: "错", Kind: "门店"}, {Name: "错", Kind: "终端门店", OutletType: "夜店"}} {
		if err := tryCreate(db, in); errs.CodeOf(err) != errs.CodeInvalid {
			t.Errorf("%+v: want invalid, got %v", in, err)
		}
	}
	page, err := customers.List(ctx, db.R, customers.ListQuery{Kind: "终端门店"})
	if err != nil || page.Total != 1 || page.Items[0].ID != shop.ID {
		t.Fatalf("the kind filter finds the one outlet: %+v %v", page, err)
	}
}
