package banquets

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// CountMethods are how opened bottles were counted: collected caps, scanned codes, or a count.
var CountMethods = []string{"caps", "codes", "count"}

// SettleLine is one product's count after the banquet. With CountedBy "codes", OpenedCodes are the
// codes of the opened bottles (their caps collected and scanned) and must number Opened.
type SettleLine struct {
	ProductID   int64    `json:"productId"`
	Opened      int64    `json:"opened"`
	Returned    int64    `json:"returned"`
	Lost        int64    `json:"lost"`
	CountedBy   string   `json:"countedBy"`
	OpenedCodes []string `json:"openedCodes"`
}

// SettleInput settles a banquet once: the counts, gifts handed out, rebates owed. When the banquet joins
// a brand programme, gifts and rebates that differ from what it computes need OverrideReason.
type SettleInput struct {
	Lines           []SettleLine `json:"lines"`
	Gifts           []Gift       `json:"gifts"`
	RebateOutletFen int64        `json:"rebateOutletFen"`
	RebateHostFen   int64        `json:"rebateHostFen"`
	OverrideReason  string       `json:"overrideReason"`
	Note            string       `json:"note"`
	IdemKey         string       `json:"idemKey"`
}

// Settle records what became of every bottle delivered (opened, returned into stock, lost) and the
// money: the opened bottles at their price less what the host paid so far is what the host still
// pays (> 0) or gets back (< 0). A banquet still 已送酒 is marked 已办 on the way. All or nothing.
func Settle(ctx context.Context, tx *sql.Tx, banquetID int64, in SettleInput, actorID int64) (Settlement, bool, error) {
	in.IdemKey, in.Note, in.OverrideReason = strings.TrimSpace(in.IdemKey), strings.TrimSpace(in.Note), strings.TrimSpace(in.OverrideReason)
	if in.IdemKey == "" {
		return Settlement{}, false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	var n int
	tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM banquet_settlements WHERE idem_key = ?`, in.IdemKey).Scan(&n)
	if n > 0 {
		s, err := getSettlement(ctx, tx, banquetID)
		if err == nil && s == nil {
			err = errs.Conflict("idemKey", "请求编号已用于另一场宴席的结算", nil)
		}
		if err != nil {
			return Settlement{}, false, err
		}
		return *s, false, nil
	}
	if err := errs.First(errs.Text("idemKey", "请求编号", in.IdemKey, errs.KeyLen), errs.Text("note", "备注", in.Note, errs.NotesLen),
		errs.Text("overrideReason", "调整原因", in.OverrideReason, errs.LineLen), errs.Money("rebateOutletFen", "门店返利", in.RebateOutletFen), errs.Money("rebateHostFen", "主家返利", in.RebateHostFen)); err != nil {
		return Settlement{}, false, err
	}
	b, err := Get(ctx, tx, banquetID)
	if err != nil {
		return Settlement{}, false, err
	}
	if b.State != StateDelivered && b.State != StateHeld {
		return Settlement{}, false, errs.Invalid("state", "宴席当前为「"+b.State+"」，只有已送酒或已办的宴席才能结算")
	}
	flows, err := Flows(ctx, tx, banquetID)
	if err != nil {
		return Settlement{}, false, err
	}
	type product struct {
		name string
		unit int64
	}
	products := map[int64]product{}
	if err := each(ctx, tx, `SELECT l.product_id, p.name, l.unit_fen FROM banquet_lines l JOIN products p ON p.id = l.product_id
		WHERE l.banquet_id = ?`, []any{banquetID}, func(r *sql.Rows) error {
		var pid int64
		var x product
		if err := r.Scan(&pid, &x.name, &x.unit); err != nil {
			return err
		}
		products[pid] = x
		return nil
	}); err != nil {
		return Settlement{}, false, err
	}
	if len(in.Lines) > len(products) {
		return Settlement{}, false, errs.Invalid("lines", "结算的酒品多于本宴席的订单")
	}
	given := map[int64]SettleLine{}
	codeIDs := map[int64][]int64{}
	for i, l := range in.Lines {
		field := fmt.Sprintf("lines.%d", i)
		p, ok := products[l.ProductID]
		if !ok {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("第%d行：酒品不在本宴席的订单中", i+1))
		}
		if _, dup := given[l.ProductID]; dup {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」填了两次", p.name))
		}
		if !slices.Contains(CountMethods, l.CountedBy) {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」的开瓶计数方式应为：收瓶盖、扫码或点数", p.name))
		}
		if l.Opened < 0 || l.Returned < 0 || l.Lost < 0 {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」的开瓶、退回、损耗不能为负数", p.name))
		}
		out := flows[l.ProductID].Out
		switch sum := l.Opened + l.Returned + l.Lost; {
		case l.Opened > out || l.Returned > out || l.Lost > out || sum > out:
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」开瓶%d、退回%d、损耗%d，共%d瓶，超过送出的%d瓶",
				p.name, l.Opened, l.Returned, l.Lost, sum, out))
		case sum < out:
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」送出%d瓶，开瓶、退回、损耗只填了%d瓶，还差%d瓶",
				p.name, out, sum, out-sum))
		}
		if l.CountedBy == "codes" {
			if int64(len(l.OpenedCodes)) != l.Opened {
				return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」按扫码计开瓶：扫了%d个码，开瓶数却是%d", p.name, len(l.OpenedCodes), l.Opened))
			}
			seen := map[int64]bool{}
			for _, c := range l.OpenedCodes {
				code, err := NormalizeCode(c)
				if err != nil {
					return Settlement{}, false, err
				}
				var id, pid int64
				err = tx.QueryRowContext(ctx, `SELECT id, COALESCE(product_id, 0) FROM banquet_codes WHERE banquet_id = ? AND code = ?`,
					banquetID, code).Scan(&id, &pid)
				if errors.Is(err, sql.ErrNoRows) {
					return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("码「%s」不是本宴席送出的酒", code))
				} else if err != nil {
					return Settlement{}, false, errs.Internal("read code", err)
				}
				if pid != 0 && pid != l.ProductID {
					return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("码「%s」不是「%s」的码", code, p.name))
				}
				if seen[id] {
					return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("码「%s」扫了两次", code))
				}
				seen[id] = true
				codeIDs[l.ProductID] = append(codeIDs[l.ProductID], id)
			}
		}
		given[l.ProductID] = l
	}
	for pid, f := range flows {
		if _, ok := given[pid]; !ok && f.Out > 0 {
			return Settlement{}, false, errs.Invalid("lines", fmt.Sprintf("「%s」送出%d瓶，请填写开瓶和退回", products[pid].name, f.Out))
		}
	}
	if len(in.Gifts) > 20 {
		return Settlement{}, false, errs.Invalid("gifts", "礼品最多20种")
	}
	for i, g := range in.Gifts {
		g.Name = strings.TrimSpace(g.Name)
		field := fmt.Sprintf("gifts.%d", i)
		if g.Name == "" {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("第%d种礼品请填写名称", i+1))
		}
		if err := errs.First(errs.Text(field, "礼品名称", g.Name, errs.NameLen), errs.Count(field, g.Name+"每桌数量", g.PerTable),
			errs.Count(field, g.Name+"数量", g.Quantity)); err != nil {
			return Settlement{}, false, err
		}
		if g.Quantity == 0 {
			g.Quantity = g.PerTable * b.Tables
		}
		if g.Quantity <= 0 {
			return Settlement{}, false, errs.Invalid(field, fmt.Sprintf("「%s」请填写数量", g.Name))
		}
		in.Gifts[i] = g
	}
	terms, hasTerms, err := ComputeTerms(ctx, tx, banquetID, in.Lines)
	if err != nil {
		return Settlement{}, false, err
	}
	computed := ""
	if hasTerms {
		if err := checkOverride(terms, in); err != nil {
			return Settlement{}, false, err
		}
		computed = termsJSON(terms)
	}
	if b.State == StateDelivered {
		if _, err := setState(ctx, tx, banquetID, StateHeld); err != nil {
			return Settlement{}, false, err
		}
	}
	var goods, paid int64
	for pid, l := range given {
		goods += l.Opened * products[pid].unit
	}
	tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_fen), 0) FROM banquet_payments WHERE banquet_id = ?`, banquetID).Scan(&paid)
	ts := store.Now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_settlements (banquet_id, goods_fen, deposit_fen, amount_fen, rebate_outlet_fen,
		rebate_host_fen, note, idem_key, settled_by, settled_at, computed_json, override_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		banquetID, goods, paid, goods-paid, in.RebateOutletFen, in.RebateHostFen, in.Note, in.IdemKey, nullID(actorID), ts,
		computed, in.OverrideReason); err != nil {
		return Settlement{}, false, errs.Internal("insert settlement", err)
	}
	for pid, l := range given {
		f := flows[pid]
		if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_settlement_lines (banquet_id, product_id, delivered, opened, returned, lost, counted_by, unit_fen)
			VALUES (?,?,?,?,?,?,?,?)`, banquetID, pid, f.Out, l.Opened, l.Returned, l.Lost, l.CountedBy, products[pid].unit); err != nil {
			return Settlement{}, false, errs.Internal("insert settlement line", err)
		}
		for kind, n := range map[string]int64{"opened": l.Opened, "returned": l.Returned, "lost": l.Lost} {
			if err := move(ctx, tx, pid, banquetID, kind, n, fmt.Sprintf("stl:%d:%d:%s", banquetID, pid, kind), "宴席结算", actorID); err != nil {
				return Settlement{}, false, err
			}
		}
		for _, cid := range codeIDs[pid] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_opened_codes (code_id, banquet_id) VALUES (?,?)`, cid, banquetID); err != nil {
				return Settlement{}, false, errs.Internal("insert opened code", err)
			}
		}
	}
	for _, g := range in.Gifts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_gifts (banquet_id, name, per_table, quantity) VALUES (?,?,?,?)`,
			banquetID, g.Name, g.PerTable, g.Quantity); err != nil {
			return Settlement{}, false, errs.Internal("insert gift", err)
		}
	}
	if _, err := setState(ctx, tx, banquetID, StateSettled); err != nil {
		return Settlement{}, false, err
	}
	s, err := getSettlement(ctx, tx, banquetID)
	if err != nil {
		return Settlement{}, false, err
	}
	return *s, true, nil
}

func getSettlement(ctx context.Context, q store.Querier, banquetID int64) (*Settlement, error) {
	s := Settlement{Lines: []SettlementLine{}, Gifts: []Gift{}}
	var computed string
	err := q.QueryRowContext(ctx, `SELECT x.goods_fen, x.deposit_fen, x.amount_fen, x.rebate_outlet_fen, x.rebate_host_fen, x.note,
		COALESCE(s.name, ''), x.settled_at, x.computed_json, x.override_reason FROM banquet_settlements x LEFT JOIN staff s ON s.id = x.settled_by
		WHERE x.banquet_id = ?`, banquetID).
		Scan(&s.GoodsFen, &s.PaidBeforeFen, &s.AmountFen, &s.RebateOutletFen, &s.RebateHostFen, &s.Note, &s.StaffName, &s.SettledAt,
			&computed, &s.OverrideReason)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, errs.Internal("read settlement", err)
	}
	if computed != "" {
		s.Computed = &Terms{}
		if err := json.Unmarshal([]byte(computed), s.Computed); err != nil {
			return nil, errs.Internal("read settlement terms", err)
		}
	}
	if err := each(ctx, q, `SELECT l.product_id, p.name, l.delivered, l.opened, l.returned, l.lost, l.counted_by, l.unit_fen
		FROM banquet_settlement_lines l JOIN products p ON p.id = l.product_id WHERE l.banquet_id = ? ORDER BY p.name`, []any{banquetID},
		func(r *sql.Rows) error {
			var l SettlementLine
			if err := r.Scan(&l.ProductID, &l.ProductName, &l.Delivered, &l.Opened, &l.Returned, &l.Lost, &l.CountedBy, &l.UnitFen); err != nil {
				return err
			}
			s.Lines = append(s.Lines, l)
			return nil
		}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT name, per_table, quantity FROM banquet_gifts WHERE banquet_id = ? ORDER BY id`, []any{banquetID},
		func(r *sql.Rows) error {
			var g Gift
			if err := r.Scan(&g.Name, &g.PerTable, &g.Quantity); err != nil {
				return err
			}
			s.Gifts = append(s.Gifts, g)
			return nil
		}); err != nil {
		return nil, err
	}
	return &s, nil
}
