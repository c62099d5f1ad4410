package sheets

import (
	"fmt"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/members"
	"jiuke/backend/points"
	"jiuke/backend/sales"
	"jiuke/backend/store"
)

// extras writes what a row holds beyond the profile: membership and card, the opening points
// balance, a historical purchase. mode is "create" for a customer this row just made, else the policy.
// Memberships and cards are written here rather than through members.Register, which needs a mobile
// and always issues a card: a ledger's members may have neither. The rules are the same: a checked
// card number, one card in use, every level change in the history.
func (im *importer) extras(id int64, r record, mode string) error {
	if r.level != nil || r.card != "" {
		if err := im.membership(id, r, mode); err != nil {
			return err
		}
	}
	if r.card != "" {
		if err := im.card(id, r, mode); err != nil {
			return err
		}
	} else if im.req.AssignCards && r.level != nil {
		if err := im.assignCard(id, r); err != nil {
			return err
		}
	}
	if r.hasPoints {
		if err := im.openingPoints(id, r, mode); err != nil {
			return err
		}
	}
	if r.principal != 0 || r.bonus != 0 {
		if err := im.openingWallet(id, r, mode); err != nil {
			return err
		}
	}
	if r.opening {
		if err := im.openingSpend(id, r, mode); err != nil {
			return err
		}
	}
	if r.spend > 0 && r.spendDate != "" {
		key := fmt.Sprintf("import:%d:%s:%d:%s", id, r.spendDate, r.spend, r.product)
		_, created, err := sales.RecordImported(im.ctx, im.tx, sales.ImportedPurchase{CustomerID: id, Date: r.spendDate,
			Product: r.product, AmountFen: r.spend, BatchID: im.batchID, Key: key}, im.req.StaffID)
		if err != nil {
			return im.asRowFailure(r, err)
		}
		if created {
			im.res.Summary.Purchases++
		}
	}
	return nil
}

func (im *importer) membership(id int64, r record, mode string) error {
	var m members.Membership
	isMember := false
	if mode != "create" {
		var err error
		if m, isMember, err = members.Get(im.ctx, im.tx, id); err != nil {
			return err
		}
	}
	level := im.levels[0]
	if r.level != nil {
		level = *r.level
	}
	ts := store.Now()
	change := func(from int64, reason string) error {
		_, err := im.tx.ExecContext(im.ctx, `INSERT INTO level_changes (customer_id, from_level_id, to_level_id, reason, staff_id, created_at, import_batch_id)
			VALUES (?,?,?,?,?,?,?)`, id, store.Nullable(from), level.ID, reason, store.Nullable(im.req.StaffID), ts, im.batchID)
		if err != nil {
			return errs.Internal("record imported level", err)
		}
		return nil
	}
	switch {
	case !isMember:
		if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO memberships (customer_id, level_id, level_since, registered_by, registered_at) VALUES (?,?,?,?,?)`,
			id, level.ID, ts, store.Nullable(im.req.StaffID), ts); err != nil {
			return errs.Internal("insert imported membership", err)
		}
		im.res.Summary.Members++
		return change(0, "导入会员资料")
	case r.level == nil || level.ID == m.LevelID:
		return nil
	case mode == PolicyOverwrite || mode == PolicyMerge && level.Rank > rankOf(im.levels, m.LevelID):
		if _, err := im.tx.ExecContext(im.ctx, `UPDATE memberships SET level_id = ?, level_since = ? WHERE customer_id = ?`, level.ID, ts, id); err != nil {
			return errs.Internal("set imported level", err)
		}
		return change(m.LevelID, "导入会员资料，调整等级")
	}
	return nil
}

func rankOf(levels []members.Level, id int64) int {
	for _, l := range levels {
		if l.ID == id {
			return l.Rank
		}
	}
	return 0
}

// assignCard issues a member with no card in the file the next number of the issuing range.
func (im *importer) assignCard(id int64, r record) error {
	if _, has, err := members.CurrentCard(im.ctx, im.tx, id); err != nil || has {
		return err
	}
	n, err := members.NextCardNumber(im.ctx, im.tx)
	if err != nil {
		return err
	}
	r.card = n
	return im.card(id, r, "create")
}

func (im *importer) card(id int64, r record, mode string) error {
	if mode != "create" {
		cur, has, err := members.CurrentCard(im.ctx, im.tx, id)
		if err != nil {
			return err
		}
		if has && cur.Number == r.card {
			return nil
		}
		if has {
			im.warn(Issue{Row: r.row, Col: -1, Value: r.card, Reason: "已有会员卡，未换卡",
				Message: fmt.Sprintf("该客户已有会员卡 %s，表中的卡号 %s 未发放；如需换卡请在会员页面办理", cur.Number, r.card)})
			return nil
		}
		if k, err := members.CardByNumber(im.ctx, im.tx, r.card); err == nil {
			im.warn(Issue{Row: r.row, Col: -1, Value: r.card, Reason: "卡号已停用",
				Message: fmt.Sprintf("会员卡号 %s 已停用（%s），未发卡", r.card, k.StateReason)})
			return nil
		}
	}
	ts := store.Now()
	if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO cards (number, customer_id, issued_by, issued_at, changed_at, import_batch_id) VALUES (?,?,?,?,?,?)`,
		r.card, id, store.Nullable(im.req.StaffID), ts, ts, im.batchID); err != nil {
		return errs.Internal("issue imported card", err)
	}
	im.res.Summary.Cards++
	return nil
}

// openingPoints books the ledger's balance as one 期初积分 entry. Under update it goes only to a
// customer with no points history; overwrite books the difference to reach the ledger's balance;
// merge adds it to what the customer has.
func (im *importer) openingPoints(id int64, r record, mode string) error {
	want := r.points
	if mode == PolicyUpdate || mode == PolicyOverwrite {
		var n, bal int64
		if err := im.tx.QueryRowContext(im.ctx, `SELECT COUNT(*), COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = ?`, id).Scan(&n, &bal); err != nil {
			return errs.Internal("points before import", err)
		}
		switch {
		case mode == PolicyUpdate && n > 0:
			if bal != want {
				im.warn(Issue{Row: r.row, Col: -1, Value: fmt.Sprint(want), Reason: "已有积分，未导入期初积分",
					Message: fmt.Sprintf("该客户已有积分 %d 分，表中的 %d 分未导入（补全空白只填空白项）", bal, want)})
			}
			return nil
		case mode == PolicyOverwrite:
			want -= bal
		}
	}
	b := points.Booking{CustomerID: id, Kind: points.KindOpening, Points: want, Reason: "期初积分（导入）",
		RefType: "import", RefID: im.batchID, Key: fmt.Sprintf("import:%d:%d", im.batchID, r.row), StaffID: im.req.StaffID}
	var err error
	switch {
	case want > 0:
		_, _, err = points.Credit(im.ctx, im.tx, b)
	case want < 0:
		b.Kind, b.Points, b.Reason = points.KindAdjust, -want, "导入覆盖积分余额"
		_, _, err = points.Debit(im.ctx, im.tx, b)
	}
	if err != nil {
		return im.asRowFailure(r, err)
	}
	im.res.Summary.OpeningPoints += want
	return nil
}

// openingSpend books the ledger's undated 累计消费 as the customer's opening spend. For a customer
// already in the archive the ledger's figure is a total that may include purchases recorded here (an
// exported list imported back says 累计消费 too), so update and overwrite book only what the archive
// does not hold yet: update for a customer with no opening spend, overwrite to make 累计消费 the
// ledger's total (never below what was bought here); merge adds it, as it adds points.
func (im *importer) openingSpend(id int64, r record, mode string) error {
	want := r.spend
	if mode == PolicyUpdate || mode == PolicyOverwrite {
		cur, err := customers.Get(im.ctx, im.tx, id)
		if err != nil {
			return err
		}
		have, bought := cur.OpeningSpendFen, cur.TotalSpendFen-cur.OpeningSpendFen
		switch {
		case mode == PolicyUpdate && have != 0:
			if have+bought != want {
				im.warn(Issue{Row: r.row, Col: -1, Value: yuan(want), Reason: "已有期初累计消费，未导入",
					Message: fmt.Sprintf("该客户已有期初累计消费 %s，表中的累计消费 %s 未导入（补全空白只填空白项）", yuan(have), yuan(want))})
			}
			return nil
		default:
			want = max(0, want-bought) - have
		}
	}
	if err := customers.AddOpeningSpend(im.ctx, im.tx, id, want, im.batchID, im.req.StaffID); err != nil {
		return im.asRowFailure(r, err)
	}
	im.res.Summary.OpeningSpendFen += want
	return nil
}

// resolveReferrer finds the customer a 推荐人 cell names: by mobile, or by a name that only one
// customer (of this batch, or else of the archive) has. 0 when there is no single answer yet.
func (im *importer) resolveReferrer(text string) int64 {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0
	}
	if ph, _, err := customers.ParsePhones(text); err == nil && ph.Mobile != "" {
		if s, ok := im.byMobile[ph.Mobile]; ok {
			return s.id
		}
		var s seen
		if !im.archiveEmpty && im.mobileStmt.QueryRowContext(im.ctx, ph.Mobile).Scan(&s.id, &s.name) == nil {
			return s.id
		}
		return 0
	}
	if id, ok := im.byName[text]; ok {
		return id
	}
	if im.archiveEmpty {
		return 0
	}
	rows, err := im.tx.QueryContext(im.ctx, `SELECT id FROM customers WHERE name = ? AND archived = 0 LIMIT 2`, text)
	if err != nil {
		return 0
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if rows.Scan(&id) == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 1 {
		return ids[0]
	}
	return 0
}

// checkCard holds a file's card number to the shop's card ranges and their check digits (the
// original rule, a check digit, when none are set).
func (p *parser) checkCard(v string) (string, error) {
	if p.cards == nil {
		n, err := members.CheckCardNumber(v)
		if err == nil && !members.ValidCardNumber(n) {
			err = errs.Invalid("cardNumber", "卡号校验位不正确")
		}
		return n, err
	}
	return p.cards.Check(v)
}
