package claims_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jiuke/backend/claims"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

// season is a wedding programme with two settled banquets (one with all its proof, one without the
// opened-bottles photo) and a sponsored tasting, written by plain SQL as the banquets and events
// packages would leave them.
type season struct {
	db        *store.DB
	dir       string // where evidence files live
	programme claims.Programme
	full      int64 // banquet with every proof
	short     int64 // banquet lacking a photo
	event     int64
}

var ctx = context.Background()

// weddingRules: one tier (5 cases, 10 tables → a candy box per table), ¥10 a bottle shared 20/30/50,
// ¥800 per event + ¥30 per attendee up to ¥1,000; photos of tables and opened bottles and codes required.
var weddingRules = claims.Rules{
	Banquet: claims.BanquetRules{
		Tiers:           []claims.Tier{{MinCases: 5, MinTables: 10, PerTable: []claims.Gift{{Name: "喜糖盒", Qty: 1, Value: 2000}}}},
		RebatePerBottle: 1000,
		Split:           claims.Split{Mode: claims.SplitPercent, Distributor: 20, Outlet: 30, Host: 50},
	},
	Event: claims.EventRules{PerEvent: 80000, PerAttendee: 3000, Budget: 100000},
	Proof: claims.Proof{Photos: []string{"tables", "opened"}, Codes: true, SignIn: true},
}

func newSeason(t *testing.T) *season {
	t.Helper()
	s := &season{db: storetest.Open(t), dir: t.TempDir()}
	ts := store.Now()
	held := time.Now().AddDate(0, 0, -3).UTC().Format(time.RFC3339)
	exec(t, s.db, `INSERT INTO staff (id, name, role, created_at) VALUES (7, '王店长', 'manager', ?)`, ts)
	exec(t, s.db, `INSERT INTO customers (id, name, kind, mobile, created_at, updated_at) VALUES (1, '张三', '个人', '13800000001', ?, ?), (3, '李四', '个人', '13800000003', ?, ?)`, ts, ts, ts, ts)
	exec(t, s.db, `INSERT INTO customers (id, name, kind, outlet_type, shop_name, district, created_at, updated_at)
		VALUES (2, '周经理', '终端门店', '酒店', '金源大酒店', '城东', ?, ?)`, ts, ts)
	exec(t, s.db, `INSERT INTO products (id, name, category, retail_fen, bottles_per_case, created_at, updated_at) VALUES (1, '国窖1573', '白酒', 100000, 6, ?, ?)`, ts, ts)
	for _, b := range []struct {
		id, host int64
		photos   []string
	}{{1, 1, []string{"tables", "opened"}}, {2, 3, []string{"tables"}}} {
		exec(t, s.db, `INSERT INTO banquets (id, host_id, kind, held_at, venue_id, tables_count, state, idem_key, staff_id, created_at, updated_at)
			VALUES (?, ?, '婚宴', ?, 2, 12, '已结算', ?, 7, ?, ?)`, b.id, b.host, held, fmt.Sprint("b", b.id), ts, ts)
		exec(t, s.db, `INSERT INTO banquet_lines (banquet_id, product_id, bottles_per_case, cases, unit_fen) VALUES (?, 1, 6, 8, 100000)`, b.id)
		for _, m := range []struct {
			kind    string
			bottles int64
			delta   int64
		}{{"out", 48, -48}, {"opened", 40, 0}, {"returned", 8, 8}} {
			exec(t, s.db, `INSERT INTO stock_movements (product_id, banquet_id, kind, bottles, stock_delta, idem_key, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
				b.id, m.kind, m.bottles, m.delta, fmt.Sprint("m", b.id, m.kind), ts)
		}
		exec(t, s.db, `INSERT INTO banquet_settlements (banquet_id, goods_fen, deposit_fen, amount_fen, idem_key, settled_by, settled_at)
			VALUES (?, 4000000, 1000000, 3000000, ?, 7, ?)`, b.id, fmt.Sprint("s", b.id), ts)
		exec(t, s.db, `INSERT INTO banquet_settlement_lines (banquet_id, product_id, delivered, opened, returned, lost, counted_by, unit_fen)
			VALUES (?, 1, 48, 40, 8, 0, 'caps', 100000)`, b.id)
		exec(t, s.db, `INSERT INTO banquet_gifts (banquet_id, name, per_table, quantity) VALUES (?, '喜糖盒', 1, 12)`, b.id)
		exec(t, s.db, `INSERT INTO banquet_codes (banquet_id, product_id, code, scanned_at) VALUES (?, 1, ?, ?)`, b.id, fmt.Sprint("GJ-", b.id), ts)
		for i, kind := range b.photos {
			name := fmt.Sprintf("%s-%d.jpg", kind, i)
			body := []byte(fmt.Sprintf("photo %d of banquet %d", i, b.id))
			os.MkdirAll(filepath.Join(s.dir, fmt.Sprint(b.id)), 0o755)
			if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprint(b.id), name), body, 0o644); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(body)
			exec(t, s.db, `INSERT INTO banquet_evidence (banquet_id, kind, file_name, mime, size_bytes, width, height, sha256, idem_key, uploaded_by, uploaded_at)
				VALUES (?, ?, ?, 'image/jpeg', ?, 10, 10, ?, ?, 7, ?)`, b.id, kind, name, len(body), hex.EncodeToString(sum[:]), "e"+name+fmt.Sprint(b.id), ts)
		}
	}
	s.full, s.short = 1, 2
	day := time.Now().In(store.Shop).AddDate(0, 0, -2)
	exec(t, s.db, `INSERT INTO events (id, name, kind, state, starts_at, ends_at, created_at, updated_at)
		VALUES (5, '国窖品鉴会', '品鉴会', 'ended', ?, ?, ?, ?)`, day.Format("2006-01-02")+" 18:00", day.Format("2006-01-02")+" 21:00", ts, ts)
	exec(t, s.db, `INSERT INTO event_guests (event_id, customer_id, status, companions, status_at, checked_in_at, created_at)
		VALUES (5, 1, 'checked_in', 1, ?, ?, ?), (5, 3, 'checked_in', 0, ?, ?, ?)`, ts, ts, ts, ts, ts, ts)
	s.event = 5
	today := time.Now().In(store.Shop)
	s.programme = s.write(t, func(tx *sql.Tx) (claims.Programme, error) {
		return claims.SaveProgramme(ctx, tx, claims.Programme{Brand: "泸州老窖", Name: "婚宴政策",
			StartsOn: today.AddDate(0, -1, 0).Format(time.DateOnly), EndsOn: today.AddDate(0, 1, 0).Format(time.DateOnly),
			Rules: weddingRules, Active: true, EventIDs: []int64{5}}, 7)
	})
	exec(t, s.db, `UPDATE banquets SET programme_id = ?`, s.programme.ID)
	return s
}

func exec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.W.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// write runs fn in one transaction, failing the test on error.
func write[T any](t *testing.T, db *store.DB, fn func(tx *sql.Tx) (T, error)) T {
	t.Helper()
	out, err := try(db, fn)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (s *season) write(t *testing.T, fn func(tx *sql.Tx) (claims.Programme, error)) claims.Programme {
	t.Helper()
	return write(t, s.db, fn)
}

// try runs fn in one transaction, committed only when it succeeds.
func try[T any](db *store.DB, fn func(tx *sql.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return zero, err
	}
	out, err := fn(tx)
	if err != nil {
		tx.Rollback()
		return zero, err
	}
	return out, tx.Commit()
}

func (s *season) sources() claims.Sources {
	return claims.Sources{
		EvidencePath: func(id int64, name string) string { return filepath.Join(s.dir, fmt.Sprint(id), name) },
		SignIn: func(ctx context.Context, eventID int64, w io.Writer) error {
			_, err := fmt.Fprintf(w, "sign-in sheet of event %d", eventID)
			return err
		},
	}
}
