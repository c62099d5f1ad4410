package customers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Bulk inserts many customers in the caller's transaction with prepared statements: the path for
// demo data, benchmarks and imports. Each row is validated as in Create; a duplicate mobile is refused.
type Bulk struct {
	ctx     context.Context
	insert  *sql.Stmt
	grams   *sql.Stmt
	actorID int64
	now     time.Time
	ts      string
}

func NewBulk(ctx context.Context, tx *sql.Tx, actorID int64) (*Bulk, error) {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO customers (name, mobile, mobile_last4, other_phone, gender,
		birth_calendar, birth_year, birth_month, birth_day, birth_leap, district, address, company, title,
		source, referrer_id, owner_staff_id, notes, consent, consent_at, name_initials, name_pinyin,
		created_by, created_at, updated_at, kind, outlet_type, shop_name, contact_person)
		VALUES (?,?,?,?,?, ?,?,?,?,?, ?,?,?,?, ?,?,?,?,?,?, ?,?, ?,?,?, ?,?,?,?)`)
	if err != nil {
		return nil, errs.Internal("prepare bulk insert", err)
	}
	gr, err := tx.PrepareContext(ctx, `INSERT INTO customer_grams (rowid, grams) VALUES (?, ?)`)
	if err != nil {
		ins.Close()
		return nil, errs.Internal("prepare bulk grams", err)
	}
	return &Bulk{ctx: ctx, insert: ins, grams: gr, actorID: actorID, now: time.Now(), ts: store.Now()}, nil
}

// Prepared is a new customer checked and keyed ahead of its insert (see Prepare).
type Prepared struct {
	in                      Input
	initials, pinyin, grams string
	err                     *errs.Error
}

// Prepare validates in as Create does and works out its search keys: the Go half of Bulk.Add. An
// import prepares its rows on the goroutine reading the file, so the one writing the batch only writes.
func Prepare(in Input, now time.Time) Prepared {
	p := Prepared{in: in}
	if p.err = normalize(&p.in, now); p.err != nil {
		return p
	}
	p.initials, p.pinyin = NameKeys(p.in.Name)
	p.grams = gramsText(p.in.Name, p.in.Company)
	return p
}

// Name is the prepared customer's name, as it will be stored.
func (p Prepared) Name() string { return p.in.Name }

// Add validates and inserts one customer, returning its id. Referrers must already exist.
func (b *Bulk) Add(in Input) (int64, error) {
	return b.AddPrepared(Prepare(in, b.now), 0)
}

// AddPrepared inserts a prepared customer, referred by referrerID when that is not 0.
func (b *Bulk) AddPrepared(p Prepared, referrerID int64) (int64, error) {
	if p.err != nil {
		return 0, p.err
	}
	in, initials, full := p.in, p.initials, p.pinyin
	if referrerID != 0 {
		in.ReferrerID = referrerID
	}
	var consentAt any
	if in.Consent {
		consentAt = b.ts
	}
	res, err := b.insert.ExecContext(b.ctx, in.Name, store.Nullable(in.Mobile), last4(in.Mobile), in.OtherPhone, in.Gender,
		in.Birthday.Calendar, store.Nullable(in.Birthday.Year), store.Nullable(in.Birthday.Month), store.Nullable(in.Birthday.Day), in.Birthday.Leap,
		in.District, in.Address, in.Company, in.Title,
		in.Source, store.Nullable(in.ReferrerID), store.Nullable(in.OwnerStaffID), in.Notes, in.Consent, consentAt,
		initials, full, store.Nullable(b.actorID), b.ts, b.ts, in.Kind, in.OutletType, in.ShopName, in.ContactPerson)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: customers.mobile") {
			return 0, errs.Conflict("mobile", fmt.Sprintf("手机号 %s 已存在", in.Mobile), nil)
		}
		return 0, errs.Internal("bulk insert customer", err)
	}
	id, _ := res.LastInsertId()
	if _, err := b.grams.ExecContext(b.ctx, id, p.grams); err != nil {
		return 0, errs.Internal("bulk index customer", err)
	}
	return id, nil
}

func (b *Bulk) Close() {
	b.insert.Close()
	b.grams.Close()
}
