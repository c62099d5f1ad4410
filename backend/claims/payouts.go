package claims

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Parties a rebate is passed on to.
const (
	PartyOutlet = "outlet"
	PartyHost   = "host"
)

// Payable is a rebate the distributor owes an outlet or a host for one banquet.
type Payable struct {
	BanquetID  int64  `json:"banquetId"`
	Date       string `json:"date"`
	Title      string `json:"title"`
	Party      string `json:"party"`
	CustomerID int64  `json:"customerId"`
	Customer   string `json:"customer"`
	Owed       int64  `json:"owed"`
	Paid       int64  `json:"paid"`
	Left       int64  `json:"left"`
	Source     string `json:"source"` // 申报单 / 政策测算 / 结算录入
}

// Payables lists the rebates owed onwards for settled banquets: as claimed when the banquet is on a
// live claim, else as its programme computes them, else as entered at settlement. unpaidOnly keeps
// those with money left.
func Payables(ctx context.Context, q store.Querier, unpaidOnly bool) ([]Payable, error) {
	type row struct {
		id, host, venue    int64
		held, title, hostN string
		venueN             string
		programme          sql.NullInt64
		outlet, hostFen    int64
	}
	var rows []row
	err := store.Each(ctx, q, `SELECT b.id, b.held_at, h.name || ' ' || b.kind, b.host_id, h.name, b.venue_id,
			COALESCE(NULLIF(v.shop_name, ''), v.name), b.programme_id, s.rebate_outlet_fen, s.rebate_host_fen
		FROM banquets b JOIN banquet_settlements s ON s.banquet_id = b.id
		JOIN customers h ON h.id = b.host_id JOIN customers v ON v.id = b.venue_id
		ORDER BY b.held_at DESC, b.id DESC LIMIT 2000`, nil, func(r *sql.Rows) error {
		var x row
		err := r.Scan(&x.id, &x.held, &x.title, &x.host, &x.hostN, &x.venue, &x.venueN, &x.programme, &x.outlet, &x.hostFen)
		rows = append(rows, x)
		return err
	})
	if err != nil {
		return nil, err
	}
	programmes := map[int64]Programme{}
	out := []Payable{}
	for _, x := range rows {
		outlet, host, source := x.outlet, x.hostFen, "结算录入"
		var detail string
		err := q.QueryRowContext(ctx, `SELECT i.detail_json FROM claim_items i JOIN claims c ON c.id = i.claim_id
			WHERE i.kind = 'banquet' AND i.ref_id = ? AND c.state != '驳回' LIMIT 1`, x.id).Scan(&detail)
		switch {
		case err == nil:
			var it Item
			if err := json.Unmarshal([]byte(detail), &it); err != nil {
				return nil, err
			}
			if it.Banquet != nil {
				outlet, host, source = it.Banquet.Outlet, it.Banquet.Host, "申报单"
			}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		case x.programme.Valid:
			p, ok := programmes[x.programme.Int64]
			if !ok {
				if p, err = GetProgramme(ctx, q, x.programme.Int64); err != nil {
					return nil, err
				}
				programmes[p.ID] = p
			}
			it, err := banquetItem(ctx, q, p, x.id)
			if err != nil {
				return nil, err
			}
			outlet, host, source = it.Banquet.Outlet, it.Banquet.Host, "政策测算"
		}
		for _, p := range []Payable{
			{Party: PartyOutlet, CustomerID: x.venue, Customer: x.venueN, Owed: outlet},
			{Party: PartyHost, CustomerID: x.host, Customer: x.hostN, Owed: host},
		} {
			if p.Owed == 0 {
				continue
			}
			p.BanquetID, p.Date, p.Title, p.Source = x.id, localDate(x.held), x.title, source
			if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_fen), 0) FROM rebate_payouts WHERE banquet_id = ? AND party = ?`,
				x.id, p.Party).Scan(&p.Paid); err != nil {
				return nil, err
			}
			p.Left = p.Owed - p.Paid
			if !unpaidOnly || p.Left > 0 {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// PayInput marks a rebate (or part of it) paid.
type PayInput struct {
	BanquetID int64  `json:"banquetId"`
	Party     string `json:"party"`
	Amount    int64  `json:"amount"`
	Method    string `json:"method"`
	PaidOn    string `json:"paidOn"`
	Note      string `json:"note"`
	Key       string `json:"key"`
}

// Pay records a rebate paid onwards, at most what is left of it.
func Pay(ctx context.Context, tx *sql.Tx, in PayInput, staffID int64) (Payable, error) {
	in.Method, in.Note, in.Key = strings.TrimSpace(in.Method), strings.TrimSpace(in.Note), strings.TrimSpace(in.Key)
	if in.Key == "" {
		return Payable{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if in.Party != PartyOutlet && in.Party != PartyHost {
		return Payable{}, errs.Invalid("party", "请选择返利对象：终端或主家")
	}
	if in.Method == "" {
		return Payable{}, errs.Invalid("method", "请选择支付方式")
	}
	if err := checkMoney(money{"支付", in.Amount, in.Method, in.Note, in.Key, "paidOn", &in.PaidOn}); err != nil {
		return Payable{}, err
	}
	find := func() (Payable, error) {
		all, err := Payables(ctx, tx, false)
		if err != nil {
			return Payable{}, err
		}
		for _, p := range all {
			if p.BanquetID == in.BanquetID && p.Party == in.Party {
				return p, nil
			}
		}
		return Payable{}, errs.NotFound("这场宴席没有应付的返利")
	}
	var done int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM rebate_payouts WHERE idem_key = ?`, in.Key).Scan(&done); err == nil {
		return find()
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Payable{}, err
	}
	p, err := find()
	if err != nil {
		return p, err
	}
	if in.Amount > p.Left {
		return p, errs.Invalid("amount", fmt.Sprintf("支付金额 ¥%s 超过尚欠的 ¥%s", yuan(in.Amount), yuan(p.Left)))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO rebate_payouts (banquet_id, party, customer_id, amount_fen, method, paid_on, note, idem_key, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, p.BanquetID, p.Party, p.CustomerID, in.Amount, in.Method, in.PaidOn, in.Note, in.Key, nullID(staffID), store.Now()); err != nil {
		return p, err
	}
	return find()
}
