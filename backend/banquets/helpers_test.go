package banquets_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// fixture is a shop with a host, a hotel, a tobacco shop (no venue) and two products.
type fixture struct {
	t                    *testing.T
	db                   *store.DB
	ctx                  context.Context
	host, hotel, tobacco int64
	wuliang, jian        int64 // 6 and 12 bottles a case
	keys                 int
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, db: storetest.Open(t), ctx: context.Background()}
	f.tx(func(tx *sql.Tx) error {
		mk := func(in customers.Input) int64 {
			c, err := customers.Create(f.ctx, tx, in, 0)
			if err != nil {
				t.Fatalf("customer %s: %v", in.Name, err)
			}
			return c.ID
		}
		f.host = mk(customers.Input{Name: "王新郎", Mobile: "13800000001"})
		f.hotel = mk(customers.Input{Name: "金源大酒店", Mobile: "13800000002", Kind: "终端门店", OutletType: "酒店"})
		f.tobacco = mk(customers.Input{Name: "好运烟酒行", Mobile: "13800000003", Kind: "终端门店", OutletType: "烟酒店"})
		p, err := sales.SaveProduct(f.ctx, tx, sales.Product{Name: "五粮液", Category: "白酒", RetailFen: 100000, Active: true, BottlesPerCase: 6})
		if err != nil {
			t.Fatal(err)
		}
		f.wuliang = p.ID
		p, err = sales.SaveProduct(f.ctx, tx, sales.Product{Name: "剑南春", Category: "白酒", RetailFen: 40000, Active: true, BottlesPerCase: 12})
		if err != nil {
			t.Fatal(err)
		}
		f.jian = p.ID
		return nil
	})
	return f
}

func (f *fixture) tx(fn func(tx *sql.Tx) error) error {
	return f.db.WithTx(f.ctx, fn)
}

func (f *fixture) key() string { f.keys++; return fmt.Sprintf("k%d", f.keys) }

// wedding is a valid registration: 2 cases of 五粮液 at 900 a bottle and 1 case of 剑南春 at retail.
func (f *fixture) wedding() banquets.Input {
	return banquets.Input{HostID: f.host, Kind: "婚宴", HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00",
		VenueID: f.hotel, Tables: 20, ContactName: "王先生", ContactPhone: "13800000001", DepositFen: 200000,
		Lines: []banquets.LineInput{{ProductID: f.wuliang, Cases: 2, UnitFen: 90000}, {ProductID: f.jian, Cases: 1}}, IdemKey: f.key()}
}

func (f *fixture) register(in banquets.Input) banquets.Banquet {
	f.t.Helper()
	var b banquets.Banquet
	if err := f.tx(func(tx *sql.Tx) error {
		var err error
		b, _, err = banquets.Register(f.ctx, tx, in, 0)
		return err
	}); err != nil {
		f.t.Fatalf("register: %v", err)
	}
	return b
}

func (f *fixture) deliver(id int64, in banquets.DeliveryInput) error {
	if in.IdemKey == "" {
		in.IdemKey = f.key()
	}
	return f.tx(func(tx *sql.Tx) error { _, _, err := banquets.Deliver(f.ctx, tx, id, in, 0); return err })
}

func (f *fixture) settle(id int64, in banquets.SettleInput) (banquets.Settlement, error) {
	if in.IdemKey == "" {
		in.IdemKey = f.key()
	}
	var s banquets.Settlement
	err := f.tx(func(tx *sql.Tx) error { var err error; s, _, err = banquets.Settle(f.ctx, tx, id, in, 0); return err })
	return s, err
}

func (f *fixture) detail(id int64) banquets.Detail {
	f.t.Helper()
	d, err := banquets.GetDetail(f.ctx, f.db.R, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

// refused checks err is an invalid-input error naming field and containing want.
func refused(t *testing.T, what string, err error, field, want string) {
	t.Helper()
	p := errs.ToPayload(err)
	if err == nil || p.Code != errs.CodeInvalid || (field != "" && !strings.HasPrefix(p.Field, field)) || !strings.Contains(p.Message, want) {
		t.Errorf("%s: want invalid %s %q, got %+v (%v)", what, field, want, p, err)
	}
}

func count(t *testing.T, db *store.DB, table string) int64 {
	var n int64
	storetest.QueryRow(t, db.R, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n
}
