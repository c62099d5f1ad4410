package settings

import (
	"context"
	"database/sql"
	"testing"

	"jiuke/backend/errs"
	"jiuke/backend/store/storetest"
)

func TestSaveAndLoad(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	s, _ := Load(ctx, db.R)
	if s.Name != DefaultShopName || len(s.Districts) != 0 {
		t.Fatalf("defaults: %+v", s)
	}
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := Save(ctx, tx, Shop{Name: " ", Districts: []string{"锦江区"}})
		return err
	})
	if p := errs.ToPayload(err); p.Field != "name" {
		t.Fatalf("empty shop name: %+v", p)
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := Save(ctx, tx, Shop{Name: "蜀香酒行", City: "成都", Districts: []string{"锦江区", " 锦江区", "", "青羊区"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, _ = Load(ctx, db.R)
	if s.Name != "蜀香酒行" || s.City != "成都" || len(s.Districts) != 2 || s.Districts[1] != "青羊区" {
		t.Fatalf("loaded %+v", s)
	}
}
