package app

import (
	"context"
	"database/sql"
	"strings"

	"jiuke/backend/audit"
	"jiuke/backend/banquets"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
	"jiuke/backend/wallet"
)

// Banquets is the banquet service (宴席): register, deliver with scanned codes, settle (a manager),
// payments, photo evidence and the stock the wine moves through.
type Banquets struct{ core *Core }

// BanquetOptions is what the banquet forms offer.
type BanquetOptions struct {
	Kinds          []string        `json:"kinds"`
	States         []string        `json:"states"`
	Venues         []BanquetVenue  `json:"venues"`
	Staff          []StaffName     `json:"staff"`
	Programmes     []ProgrammeName `json:"programmes"`
	PaymentMethods []string        `json:"paymentMethods"`
	EvidenceKinds  []string        `json:"evidenceKinds"`
	CountMethods   []string        `json:"countMethods"`
	PastDays       int             `json:"pastDays"`
	MaxPhotoMB     int             `json:"maxPhotoMb"`
}

// BanquetVenue is an outlet that holds banquets (a hotel or restaurant customer).
type BanquetVenue struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	OutletType string `json:"outletType"`
	District   string `json:"district"`
}

// ProgrammeName is an active brand programme a banquet may join.
type ProgrammeName struct {
	ID    int64  `json:"id"`
	Brand string `json:"brand"`
	Name  string `json:"name"`
}

func (s *Banquets) Options() (BanquetOptions, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return BanquetOptions{}, err
	}
	out := BanquetOptions{Kinds: banquets.Kinds, States: banquets.States, Venues: []BanquetVenue{}, Staff: []StaffName{},
		Programmes: []ProgrammeName{}, PaymentMethods: banquets.PaymentMethods, EvidenceKinds: banquets.EvidenceKinds,
		CountMethods: banquets.CountMethods, PastDays: banquets.PastDays, MaxPhotoMB: banquets.MaxPhotoBytes >> 20}
	list, err := staff.List(ctx, db)
	if err != nil {
		return out, err
	}
	for _, m := range list {
		if m.Active {
			out.Staff = append(out.Staff, StaffName{m.ID, m.Name})
		}
	}
	// A shop has tens of hotels and restaurants, not thousands; the cap keeps the answer bounded.
	rows, err := db.QueryContext(ctx, `SELECT id, COALESCE(NULLIF(shop_name, ''), name), outlet_type, district FROM customers WHERE kind = '终端门店'
		AND outlet_type IN ('酒店', '餐饮') AND archived = 0 AND merged_into_id IS NULL ORDER BY name LIMIT 1000`)
	if err != nil {
		return out, errs.Internal("banquet venues", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v BanquetVenue
		if err := rows.Scan(&v.ID, &v.Name, &v.OutletType, &v.District); err != nil {
			return out, errs.Internal("scan venue", err)
		}
		out.Venues = append(out.Venues, v)
	}
	prows, err := db.QueryContext(ctx, `SELECT id, brand, name FROM brand_programmes WHERE active = 1 ORDER BY brand, name LIMIT 500`)
	if err != nil {
		return out, errs.Internal("banquet programmes", err)
	}
	defer prows.Close()
	for prows.Next() {
		var p ProgrammeName
		if err := prows.Scan(&p.ID, &p.Brand, &p.Name); err != nil {
			return out, errs.Internal("scan programme", err)
		}
		out.Programmes = append(out.Programmes, p)
	}
	return out, nil
}

func (s *Banquets) List(q banquets.ListQuery) (banquets.Page, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return banquets.Page{}, err
	}
	out, err := banquets.List(ctx, db, q)
	return shown(s.core, out, err)
}

func (s *Banquets) Detail(id int64) (banquets.Detail, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return banquets.Detail{}, err
	}
	out, err := banquets.GetDetail(ctx, db, id)
	if err == nil {
		var bal wallet.Balance
		bal, err = wallet.BalanceOf(ctx, db, out.Banquet.HostID)
		out.HostStoredFen = bal.Total()
	}
	return shown(s.core, out, err)
}

func banquetLabel(b banquets.Banquet) string { return b.HostName + " " + b.Kind }

func (s *Banquets) Register(in banquets.Input) (out banquets.Banquet, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var added bool
		if out, added, err = banquets.Register(ctx, tx, in, a.ID); err != nil || !added {
			return err
		}
		return s.core.log(ctx, tx, a, "登记宴席", "banquet", out.ID, banquetLabel(out), map[string]any{
			"kind": out.Kind, "heldAt": out.HeldAt, "venue": out.VenueName, "tables": out.Tables, "priceFen": out.PriceFen, "depositFen": out.DepositFen})
	})
	return shown(s.core, out, err)
}

func (s *Banquets) Update(id int64, in banquets.Input) (out banquets.Banquet, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = banquets.Update(ctx, tx, id, in); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改宴席", "banquet", id, banquetLabel(out), map[string]any{
			"kind": out.Kind, "heldAt": out.HeldAt, "venue": out.VenueName, "tables": out.Tables, "priceFen": out.PriceFen})
	})
	return shown(s.core, out, err)
}

// Cancel ends a banquet not yet held; wine already delivered goes back into stock.
func (s *Banquets) Cancel(id int64, reason string) (out banquets.Banquet, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var back int64
		if out, back, err = banquets.Cancel(ctx, tx, id, reason, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "取消宴席", "banquet", id, banquetLabel(out), map[string]any{"reason": strings.TrimSpace(reason), "returned": back})
	})
	return shown(s.core, out, err)
}

// MarkHeld records that the banquet took place.
func (s *Banquets) MarkHeld(id int64) (out banquets.Banquet, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = banquets.MarkHeld(ctx, tx, id); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "宴席已办", "banquet", id, banquetLabel(out), map[string]string{"state": out.State})
	})
	return shown(s.core, out, err)
}

// CheckCode answers the scan box at once: the code as kept, or why it cannot go on this banquet.
func (s *Banquets) CheckCode(banquetID int64, code string) (string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return "", err
	}
	return banquets.CheckCode(ctx, db, banquetID, code)
}

func (s *Banquets) Deliver(banquetID int64, in banquets.DeliveryInput) (out banquets.Delivery, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var added bool
		if out, added, err = banquets.Deliver(ctx, tx, banquetID, in, a.ID); err != nil || !added {
			return err
		}
		b, err := banquets.Get(ctx, tx, banquetID)
		if err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "宴席送酒", "banquet", banquetID, banquetLabel(b), map[string]any{
			"bottles": out.Bottles, "codesScanned": len(in.Codes), "notes": out.Note})
	})
	return out, err
}

// Settle is the manager's settlement on the spot (a clerk needs a manager's PIN).
func (s *Banquets) Settle(banquetID int64, in banquets.SettleInput) (out banquets.Settlement, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var added bool
		if out, added, err = banquets.Settle(ctx, tx, banquetID, in, a.ID); err != nil || !added {
			return err
		}
		b, err := banquets.Get(ctx, tx, banquetID)
		if err != nil {
			return err
		}
		var opened, returned, lost int64
		for _, l := range out.Lines {
			opened, returned, lost = opened+l.Opened, returned+l.Returned, lost+l.Lost
		}
		details := map[string]any{"opened": opened, "returned": returned, "lost": lost, "goodsFen": out.GoodsFen, "amountFen": out.AmountFen,
			"rebateOutletFen": out.RebateOutletFen, "rebateHostFen": out.RebateHostFen, "gifts": len(out.Gifts)}
		if c := out.Computed; c != nil {
			details["computedOutletFen"], details["computedHostFen"] = c.RebateOutletFen, c.RebateHostFen
			if out.OverrideReason != "" {
				details["overrideReason"] = out.OverrideReason
			}
		}
		return s.core.log(ctx, tx, a, "宴席结算", "banquet", banquetID, banquetLabel(b), details)
	})
	return out, err
}

// Terms answers what the banquet's brand programme grants for the settlement's counts as they are
// being filled: the form is prefilled with it and shows it beside what is entered. Programme is empty
// when the banquet joins none.
func (s *Banquets) Terms(banquetID int64, lines []banquets.SettleLine) (banquets.Terms, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return banquets.Terms{}, err
	}
	t, ok, err := banquets.ComputeTerms(ctx, db, banquetID, lines)
	if !ok {
		t = banquets.Terms{Gifts: []banquets.Gift{}, Notes: []string{}}
	}
	return t, err
}

// AddPayment records a deposit, the balance collected, or money paid back. 储值 takes the host's
// stored value (or gives it back) in the same transaction.
func (s *Banquets) AddPayment(banquetID int64, in banquets.PaymentInput) (out banquets.Payment, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var added bool
		if out, added, err = banquets.AddPayment(ctx, tx, banquetID, in, a.ID); err != nil || !added {
			return err
		}
		b, err := banquets.Get(ctx, tx, banquetID)
		if err != nil {
			return err
		}
		details := map[string]any{"kind": out.Kind, "method": out.Method, "amountFen": out.AmountFen, "amountWords": audit.Yuan(out.AmountFen)}
		if out.WalletEntryID != 0 {
			e, err := wallet.GetEntry(ctx, tx, out.WalletEntryID)
			if err != nil {
				return err
			}
			details["entryId"], details["principalFen"], details["bonusFen"] = e.ID, e.PrincipalFen, e.BonusFen
			details["bonusWords"] = audit.Yuan(e.BonusFen)
		}
		return s.core.log(ctx, tx, a, "宴席收付款", "banquet", banquetID, banquetLabel(b), details)
	})
	return out, err
}

// Stock lists each product's bottles on hand and out at banquets, as the sum of stock movements.
func (s *Banquets) Stock() ([]banquets.ProductStock, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return banquets.StockLevels(ctx, db)
}

// ReceiveStock records bottles coming into the shop.
func (s *Banquets) ReceiveStock(productID, bottles int64, note, idemKey string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		added, err := banquets.ReceiveStock(ctx, tx, productID, bottles, note, idemKey, a.ID)
		if err != nil || !added {
			return err
		}
		label := nameOf(ctx, tx, `SELECT name FROM products WHERE id = ?`, productID)
		return s.core.log(ctx, tx, a, "酒品入库", "product", productID, label, map[string]any{"bottles": bottles, "notes": strings.TrimSpace(note)})
	})
}
