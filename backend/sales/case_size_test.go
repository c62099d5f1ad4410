package sales_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
)

// A product's case size is kept (banquets order by the case), 6 when left out, and bounded.
func TestProductCaseSize(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	save := func(p sales.Product) (sales.Product, error) {
		var out sales.Product
		err := db.WithTx(ctx, func(tx *sql.Tx) error { var e error; out, e = sales.SaveProduct(ctx, tx, p); return e })
		return out, err
	}
	a, err := save(sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 109900, Active: true, BottlesPerCase: 12})
	if err != nil {
		t.Fatal(err)
	}
	b, err := save(sales.Product{Name: "剑南春", Category: "白酒", RetailFen: 45900, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []int64{-1, 121} {
		if _, err := save(sales.Product{Name: "坏", Category: "白酒", BottlesPerCase: bad}); err == nil || !strings.Contains(err.Error(), "每箱瓶数") {
			t.Errorf("case size %d: %v", bad, err)
		}
	}
	got, err := sales.Products(ctx, db.R, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]int64{a.ID: 12, b.ID: 6}
	if len(got) != 2 {
		t.Fatalf("products %+v", got)
	}
	for _, p := range got {
		if p.BottlesPerCase != want[p.ID] {
			t.Errorf("%s: case of %d, want %d", p.Name, p.BottlesPerCase, want[p.ID])
		}
	}
}
