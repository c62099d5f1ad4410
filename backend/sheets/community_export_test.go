package sheets

import (
	"bytes"
	"database/sql"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/communities"
	"jiuke/backend/customers"
	"jiuke/backend/store/storetest"
)

func TestGroupRosterAndActivityExports(t *testing.T) {
	db := storetest.Open(t)
	var g communities.Group
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		if g, err = communities.Save(ctx, tx, communities.Group{Name: "锦江/品鉴群"}); err != nil {
			return err
		}
		a, err := customers.Create(ctx, tx, customers.Input{Name: "张三", Mobile: "13800008000"}, 0)
		if err != nil {
			return err
		}
		b, err := customers.Create(ctx, tx, customers.Input{Name: "好运烟酒行", Mobile: "13900001234", Kind: "终端门店"}, 0)
		if err != nil {
			return err
		}
		if _, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: g.ID, IDs: []int64{a.ID}, JoinedOn: "2026-01-05"}, 0); err != nil {
			return err
		}
		if _, err := communities.AddMembers(ctx, tx, communities.AddRequest{GroupID: g.ID, IDs: []int64{b.ID}, InviterID: a.ID, JoinedOn: "2026-02-01"}, 0); err != nil {
			return err
		}
		_, err = communities.AddActivity(ctx, tx, communities.Activity{GroupID: g.ID, Kind: "红包", Title: "红包雨", AmountFen: 8800}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(write func(*bytes.Buffer) (int, error)) [][]string {
		var buf bytes.Buffer
		if _, err := write(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetList()[0])
		return rows
	}
	roster := read(func(b *bytes.Buffer) (int, error) { return WriteGroupRoster(ctx, db.R, b, g.ID) })
	if len(roster) != 3 || roster[1][0] != "张三-8000" || roster[2][0] != "好运烟酒行-1234" || roster[2][3] != "终端门店" ||
		roster[2][7] != "2026-02-01" || roster[2][8] != "张三" {
		t.Fatalf("roster with remark names, kind, join date and inviter: %q", roster)
	}
	acts := read(func(b *bytes.Buffer) (int, error) { return WriteGroupActivities(ctx, db.R, b, g.ID) })
	if len(acts) != 2 || acts[1][1] != "红包" || acts[1][4] != "¥88.00" {
		t.Fatalf("activity report: %q", acts)
	}
}
