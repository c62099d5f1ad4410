package sheets

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

func TestCustomerKindIsImportedAndExported(t *testing.T) {
	db := storetest.Open(t)
	row := func(vals ...any) []any { return vals }
	data := excelStyle(t, map[string][][]any{"客户": {
		row("姓名", "手机号", "客户类型", "门店名称"),
		row("张三", "13800138000", "个人"),
		row("李老板", "13900139000", "烟酒店", "好运烟酒行"),
		row("王总", "13700137000", "企业团购"),
		row("赵六", "13600136000", "大客户"),
	}})
	b, err := Open("kinds.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, db, b, Request{})
	shop := customerBy(t, db, "13900139000")
	if shop.Kind != "终端门店" || shop.OutletType != "烟酒店" || shop.ShopName != "好运烟酒行" {
		t.Fatalf("an outlet with its type and shop name: %+v", shop)
	}
	if c := customerBy(t, db, "13700137000"); c.Kind != "企业" {
		t.Fatalf("企业团购 is a company: %+v", c)
	}
	if c := customerBy(t, db, "13600136000"); c.Kind != "个人" || c.Notes == "" {
		t.Fatalf("an unknown kind imports as 个人 with the text kept in the notes: %+v", c)
	}
	var buf bytes.Buffer
	if _, err := WriteCustomers(ctx, db.R, &buf, customers.ListQuery{Kind: "终端门店"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("客户")
	if len(rows) != 2 || rows[1][0] != "李老板" || rows[0][17] != "客户类型" || rows[1][17] != "终端门店" || rows[1][19] != "好运烟酒行" {
		t.Fatalf("export filtered by kind, with the kind and shop columns: %q", rows)
	}
}
