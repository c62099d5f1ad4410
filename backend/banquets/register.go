package banquets

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// shop is the time zone banquet dates are given and shown in.
var shop = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
}()

// PastDays is how far back a banquet may be registered (one recorded late); older dates are typos.
const PastDays = 30

// now is the clock; tests move it.
var now = time.Now

// VenueTypes are the outlet types that hold banquets.
var VenueTypes = []string{"酒店", "餐饮"}

// parseHeldAt reads "2026-12-20 18:00" (shop time) or RFC 3339 and bounds it.
func parseHeldAt(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	if t, err = time.Parse(time.RFC3339, s); err != nil {
		for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
			if t, err = time.ParseInLocation(layout, s, shop); err == nil {
				break
			}
		}
	}
	if err != nil {
		return t, errs.Invalid("heldAt", "宴席时间格式应为 2026-12-20 18:00")
	}
	n := now()
	if t.Before(n.AddDate(0, 0, -PastDays)) {
		return t, errs.Invalid("heldAt", fmt.Sprintf("宴席时间不能早于%d天前", PastDays))
	}
	if t.After(n.AddDate(2, 0, 0)) {
		return t, errs.Invalid("heldAt", "宴席时间不能晚于两年后")
	}
	return t.UTC(), nil
}

type lineRow struct {
	LineInput
	perCase int64
}

func validate(ctx context.Context, tx *sql.Tx, in *Input) ([]lineRow, time.Time, error) {
	in.ContactName, in.ContactPhone, in.Notes = strings.TrimSpace(in.ContactName), strings.TrimSpace(in.ContactPhone), strings.TrimSpace(in.Notes)
	if !slices.Contains(Kinds, in.Kind) {
		return nil, time.Time{}, errs.Invalid("kind", "宴席类型只能是："+strings.Join(Kinds, "、"))
	}
	if in.HostID == 0 {
		return nil, time.Time{}, errs.Invalid("hostId", "请选择办宴客户（主家）")
	}
	held, err := parseHeldAt(in.HeldAt)
	if err != nil {
		return nil, held, err
	}
	if err := errs.First(errs.Count("tables", "桌数", in.Tables), errs.Text("contactName", "联系人", in.ContactName, errs.NameLen),
		errs.Text("contactPhone", "联系电话", in.ContactPhone, 30), errs.Text("notes", "备注", in.Notes, errs.NotesLen),
		errs.Money("priceFen", "酒水总价", in.PriceFen), errs.Money("depositFen", "订金", in.DepositFen),
		errs.Text("idemKey", "请求编号", in.IdemKey, errs.KeyLen)); err != nil {
		return nil, held, err
	}
	if in.Tables < 1 || in.Tables > 500 {
		return nil, held, errs.Invalid("tables", "桌数应在1到500之间")
	}
	var archived bool
	err = tx.QueryRowContext(ctx, `SELECT archived FROM customers WHERE id = ? AND merged_into_id IS NULL`, in.HostID).Scan(&archived)
	if errors.Is(err, sql.ErrNoRows) || archived {
		return nil, held, errs.Invalid("hostId", "办宴客户不存在或已归档")
	} else if err != nil {
		return nil, held, errs.Internal("read host", err)
	}
	if in.VenueID == 0 {
		return nil, held, errs.Invalid("venueId", "请选择宴席场地（酒店或餐饮门店）")
	}
	var vname, kind, otype string
	err = tx.QueryRowContext(ctx, `SELECT COALESCE(NULLIF(shop_name, ''), name), kind, outlet_type, archived FROM customers WHERE id = ? AND merged_into_id IS NULL`, in.VenueID).
		Scan(&vname, &kind, &otype, &archived)
	if errors.Is(err, sql.ErrNoRows) || archived {
		return nil, held, errs.Invalid("venueId", "宴席场地不存在或已归档")
	} else if err != nil {
		return nil, held, errs.Internal("read venue", err)
	}
	if kind != "终端门店" || !slices.Contains(VenueTypes, otype) {
		return nil, held, errs.Invalid("venueId", fmt.Sprintf("宴席场地应为酒店或餐饮类终端门店，「%s」不是", vname))
	}
	if in.ProgrammeID != 0 {
		var n int
		tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM brand_programmes WHERE id = ? AND active = 1`, in.ProgrammeID).Scan(&n)
		if n == 0 {
			return nil, held, errs.Invalid("programmeId", "品牌政策不存在或已停用")
		}
	}
	if in.StaffID != 0 {
		var n int
		tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff WHERE id = ? AND active = 1`, in.StaffID).Scan(&n)
		if n == 0 {
			return nil, held, errs.Invalid("staffId", "负责员工不存在或已停用")
		}
	}
	if len(in.Lines) == 0 {
		return nil, held, errs.Invalid("lines", "请至少填写一种酒品及数量")
	}
	if len(in.Lines) > 50 {
		return nil, held, errs.Invalid("lines", "酒品不能超过50种")
	}
	var rows []lineRow
	seen := map[int64]bool{}
	var total int64
	for i, l := range in.Lines {
		field := fmt.Sprintf("lines.%d", i)
		var name string
		var perCase, retail int64
		var service bool
		err := tx.QueryRowContext(ctx, `SELECT name, bottles_per_case, retail_fen, service FROM products WHERE id = ? AND active = 1`, l.ProductID).
			Scan(&name, &perCase, &retail, &service)
		if errors.Is(err, sql.ErrNoRows) || service {
			return nil, held, errs.Invalid(field, fmt.Sprintf("第%d行：酒品不存在或已停用", i+1))
		} else if err != nil {
			return nil, held, errs.Internal("read product", err)
		}
		if seen[l.ProductID] {
			return nil, held, errs.Invalid(field, fmt.Sprintf("「%s」填了两次，请合并为一行", name))
		}
		seen[l.ProductID] = true
		if err := errs.First(errs.Count(field, name+"箱数", l.Cases), errs.Count(field, name+"瓶数", l.Bottles),
			errs.Money(field, name+"单价", l.UnitFen)); err != nil {
			return nil, held, err
		}
		if l.Cases > 10_000 || l.Bottles > 100_000 {
			return nil, held, errs.Invalid(field, fmt.Sprintf("「%s」数量过大：最多10000箱、100000瓶", name))
		}
		if l.Cases == 0 && l.Bottles == 0 {
			return nil, held, errs.Invalid(field, fmt.Sprintf("「%s」的箱数和瓶数不能都为0", name))
		}
		if l.UnitFen == 0 {
			l.UnitFen = retail
		}
		total += (l.Cases*perCase + l.Bottles) * l.UnitFen
		rows = append(rows, lineRow{l, perCase})
	}
	if in.PriceFen == 0 {
		in.PriceFen = total
		if err := errs.Money("priceFen", "酒水总价", in.PriceFen); err != nil {
			return nil, held, err
		}
	}
	return rows, held, nil
}

// Register adds a banquet in state 登记. A repeated IdemKey answers the banquet it registered.
func Register(ctx context.Context, tx *sql.Tx, in Input, actorID int64) (Banquet, bool, error) {
	in.IdemKey = strings.TrimSpace(in.IdemKey)
	if in.IdemKey == "" {
		return Banquet{}, false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM banquets WHERE idem_key = ?`, in.IdemKey).Scan(&id); err == nil {
		b, err := Get(ctx, tx, id)
		return b, false, err
	}
	rows, held, err := validate(ctx, tx, &in)
	if err != nil {
		return Banquet{}, false, err
	}
	ts := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO banquets (host_id, kind, held_at, venue_id, tables_count, contact_name,
		contact_phone, price_fen, deposit_fen, programme_id, staff_id, notes, idem_key, created_by, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		in.HostID, in.Kind, held.Format(time.RFC3339), in.VenueID, in.Tables, in.ContactName,
		in.ContactPhone, in.PriceFen, in.DepositFen, nullID(in.ProgrammeID), nullID(in.StaffID), in.Notes, in.IdemKey, nullID(actorID), ts, ts)
	if err != nil {
		return Banquet{}, false, errs.Internal("insert banquet", err)
	}
	id, _ = res.LastInsertId()
	if err := writeLines(ctx, tx, id, rows); err != nil {
		return Banquet{}, false, err
	}
	b, err := Get(ctx, tx, id)
	return b, true, err
}

// Update edits a banquet still in 登记 (nothing delivered yet).
func Update(ctx context.Context, tx *sql.Tx, id int64, in Input) (Banquet, error) {
	b, err := Get(ctx, tx, id)
	if err != nil {
		return b, err
	}
	if b.State != StateRegistered {
		return b, errs.Invalid("state", "宴席已"+b.State+"，不能再修改登记内容")
	}
	if strings.Contains(in.ContactPhone, "*") {
		// A clerk's form holds the masked number it was shown: saving it keeps the stored one.
		in.ContactPhone = b.ContactPhone
	}
	rows, held, err := validate(ctx, tx, &in)
	if err != nil {
		return b, err
	}
	if in.HostID != b.HostID {
		if err := refuseHostChangeWithStoredValue(ctx, tx, id); err != nil {
			return b, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE banquets SET host_id=?, kind=?, held_at=?, venue_id=?, tables_count=?, contact_name=?,
		contact_phone=?, price_fen=?, deposit_fen=?, programme_id=?, staff_id=?, notes=?, updated_at=? WHERE id=?`,
		in.HostID, in.Kind, held.Format(time.RFC3339), in.VenueID, in.Tables, in.ContactName, in.ContactPhone,
		in.PriceFen, in.DepositFen, nullID(in.ProgrammeID), nullID(in.StaffID), in.Notes, store.Now(), id); err != nil {
		return b, errs.Internal("update banquet", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM banquet_lines WHERE banquet_id = ?`, id); err != nil {
		return b, errs.Internal("replace banquet lines", err)
	}
	if err := writeLines(ctx, tx, id, rows); err != nil {
		return b, err
	}
	return Get(ctx, tx, id)
}

func writeLines(ctx context.Context, tx *sql.Tx, id int64, rows []lineRow) error {
	for _, l := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT INTO banquet_lines (banquet_id, product_id, bottles_per_case, cases, bottles, unit_fen)
			VALUES (?,?,?,?,?,?)`, id, l.ProductID, l.perCase, l.Cases, l.Bottles, l.UnitFen); err != nil {
			return errs.Internal("insert banquet line", err)
		}
	}
	return nil
}

// Cancel ends a banquet that has not been held; wine already delivered comes back into stock.
func Cancel(ctx context.Context, tx *sql.Tx, id int64, reason string, actorID int64) (Banquet, int64, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Banquet{}, 0, errs.Invalid("reason", "请填写取消原因")
	}
	if err := errs.Text("reason", "取消原因", reason, errs.LineLen); err != nil {
		return Banquet{}, 0, err
	}
	if _, err := setState(ctx, tx, id, StateCancelled); err != nil {
		return Banquet{}, 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE banquets SET cancel_reason = ? WHERE id = ?`, reason, id); err != nil {
		return Banquet{}, 0, errs.Internal("cancel banquet", err)
	}
	back, err := returnAll(ctx, tx, id, actorID)
	if err != nil {
		return Banquet{}, 0, err
	}
	b, err := Get(ctx, tx, id)
	return b, back, err
}

// MarkHeld records that the banquet took place (已送酒 → 已办).
func MarkHeld(ctx context.Context, tx *sql.Tx, id int64) (Banquet, error) {
	if _, err := setState(ctx, tx, id, StateHeld); err != nil {
		return Banquet{}, err
	}
	return Get(ctx, tx, id)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// refuseHostChangeWithStoredValue keeps the host while stored value they paid is not all returned: a
// refund to stored value goes back to the host on the banquet, so a new host would receive the old one's
// money.
func refuseHostChangeWithStoredValue(ctx context.Context, tx *sql.Tx, id int64) error {
	var unreturned int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'refund' THEN -ABS(amount_fen) ELSE ABS(amount_fen) END), 0)
		FROM banquet_payments WHERE banquet_id = ? AND wallet_entry_id IS NOT NULL`, id).Scan(&unreturned); err != nil {
		return errs.Internal("stored value paid on banquet", err)
	}
	if unreturned > 0 {
		return errs.Invalid("hostId", "主家已用储值付款"+yuan(unreturned)+"，不能更换主家（退款只退回付款的主家）；如需换主家，请取消本宴席（储值退回原主家）后重新登记")
	}
	return nil
}
