package claims

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Programme is a brand's programme (品牌政策): which products and dates, and the rules that say what
// banquets and sponsored tastings under it earn.
type Programme struct {
	ID         int64   `json:"id"`
	Brand      string  `json:"brand"`
	Name       string  `json:"name"`
	ProductIDs []int64 `json:"productIds"` // empty: every product
	StartsOn   string  `json:"startsOn"`
	EndsOn     string  `json:"endsOn"`
	Rules      Rules   `json:"rules"`
	Active     bool    `json:"active"`
	Notes      string  `json:"notes"`
	EventIDs   []int64 `json:"eventIds"` // sponsored tastings
}

const programmeCols = `id, brand, name, product_ids, starts_on, ends_on, rules_json, active, notes`

func scanProgramme(row interface{ Scan(...any) error }) (Programme, error) {
	var p Programme
	var products, rules string
	if err := row.Scan(&p.ID, &p.Brand, &p.Name, &products, &p.StartsOn, &p.EndsOn, &rules, &p.Active, &p.Notes); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(products), &p.ProductIDs); err != nil {
		return p, fmt.Errorf("programme %d products: %w", p.ID, err)
	}
	if rules != "" && rules != "{}" {
		if err := json.Unmarshal([]byte(rules), &p.Rules); err != nil {
			return p, fmt.Errorf("programme %d rules: %w", p.ID, err)
		}
	}
	if p.Rules.Banquet.Split.Mode == "" {
		p.Rules.Banquet.Split.Mode = SplitPercent
	}
	if p.ProductIDs == nil {
		p.ProductIDs = []int64{}
	}
	return p, nil
}

// Programmes lists every programme, newest first, with its sponsored events.
func Programmes(ctx context.Context, q store.Querier) ([]Programme, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+programmeCols+` FROM brand_programmes ORDER BY active DESC, starts_on DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	out := []Programme{}
	for rows.Next() {
		p, err := scanProgramme(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].EventIDs, err = sponsored(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GetProgramme reads one programme.
func GetProgramme(ctx context.Context, q store.Querier, id int64) (Programme, error) {
	p, err := scanProgramme(q.QueryRowContext(ctx, `SELECT `+programmeCols+` FROM brand_programmes WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errs.NotFound("品牌政策不存在")
	}
	if err != nil {
		return p, err
	}
	p.EventIDs, err = sponsored(ctx, q, id)
	return p, err
}

func sponsored(ctx context.Context, q store.Querier, programme int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT event_id FROM programme_events WHERE programme_id = ? ORDER BY event_id`, programme)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (p *Programme) validate() error {
	p.Brand, p.Name, p.Notes = strings.TrimSpace(p.Brand), strings.TrimSpace(p.Name), strings.TrimSpace(p.Notes)
	switch {
	case p.Brand == "":
		return errs.Invalid("brand", "请填写品牌")
	case p.Name == "":
		return errs.Invalid("name", "请填写政策名称")
	}
	if e := errs.First(errs.Text("brand", "品牌", p.Brand, errs.NameLen), errs.Text("name", "政策名称", p.Name, errs.NameLen),
		errs.Text("notes", "备注", p.Notes, errs.NotesLen)); e != nil {
		return e
	}
	from, err1 := time.Parse(time.DateOnly, p.StartsOn)
	to, err2 := time.Parse(time.DateOnly, p.EndsOn)
	switch {
	case err1 != nil:
		return errs.Invalid("startsOn", "开始日期格式应为 2026-01-31")
	case err2 != nil:
		return errs.Invalid("endsOn", "结束日期格式应为 2026-01-31")
	case to.Before(from):
		return errs.Invalid("endsOn", "结束日期不能早于开始日期")
	}
	if len(p.ProductIDs) > 200 {
		return errs.Invalid("productIds", "政策酒品不能超过200个")
	}
	if len(p.EventIDs) > 500 {
		return errs.Invalid("eventIds", "赞助活动不能超过500场")
	}
	return p.Rules.Validate()
}

// SaveProgramme creates (ID 0) or updates a programme and the tastings it sponsors. A tasting already
// on a filed claim keeps its programme.
func SaveProgramme(ctx context.Context, tx *sql.Tx, p Programme, staffID int64) (Programme, error) {
	if err := p.validate(); err != nil {
		return p, err
	}
	if p.ProductIDs == nil {
		p.ProductIDs = []int64{}
	}
	for i, id := range p.ProductIDs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM products WHERE id = ?`, id).Scan(&n); err != nil {
			return p, err
		}
		if n == 0 {
			return p, errs.Invalid(fmt.Sprintf("productIds[%d]", i), "政策中的酒品不存在")
		}
	}
	products, _ := json.Marshal(p.ProductIDs)
	rules, _ := json.Marshal(p.Rules)
	now := store.Now()
	var dup int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM brand_programmes WHERE brand = ? AND name = ? AND id != ?`, p.Brand, p.Name, p.ID).Scan(&dup)
	if err == nil {
		return p, errs.Invalid("name", "该品牌已有同名政策")
	} else if !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	if p.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO brand_programmes (brand, name, product_ids, starts_on, ends_on, rules_json, active, notes, created_by, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, p.Brand, p.Name, string(products), p.StartsOn, p.EndsOn, string(rules), p.Active, p.Notes, nullID(staffID), now, now)
		if err != nil {
			return p, err
		}
		p.ID, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE brand_programmes SET brand = ?, name = ?, product_ids = ?, starts_on = ?, ends_on = ?, rules_json = ?,
			active = ?, notes = ?, updated_at = ? WHERE id = ?`, p.Brand, p.Name, string(products), p.StartsOn, p.EndsOn, string(rules), p.Active, p.Notes, now, p.ID)
		if err != nil {
			return p, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return p, errs.NotFound("品牌政策不存在")
		}
	}
	if err := setSponsored(ctx, tx, p.ID, p.EventIDs, staffID, now); err != nil {
		return p, err
	}
	return GetProgramme(ctx, tx, p.ID)
}

// setSponsored makes the programme sponsor exactly the given events, keeping those already claimed.
func setSponsored(ctx context.Context, tx *sql.Tx, programme int64, ids []int64, staffID int64, now string) error {
	want := map[int64]bool{}
	for i, id := range ids {
		var other sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT (SELECT programme_id FROM programme_events WHERE event_id = e.id) FROM events e WHERE e.id = ?`, id).Scan(&other)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.Invalid(fmt.Sprintf("eventIds[%d]", i), "赞助的活动不存在")
		} else if err != nil {
			return err
		}
		if other.Valid && other.Int64 != programme {
			return errs.Invalid(fmt.Sprintf("eventIds[%d]", i), "该活动已由另一项品牌政策赞助")
		}
		want[id] = true
	}
	have, err := sponsored(ctx, tx, programme)
	if err != nil {
		return err
	}
	for _, id := range have {
		if want[id] {
			delete(want, id)
			continue
		}
		if on, err := onLiveClaim(ctx, tx, "event", id); err != nil {
			return err
		} else if on != "" {
			return errs.Invalid("eventIds", "活动已在申报单“"+on+"”中，不能取消赞助")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM programme_events WHERE event_id = ?`, id); err != nil {
			return err
		}
	}
	for id := range want {
		if _, err := tx.ExecContext(ctx, `INSERT INTO programme_events (event_id, programme_id, created_by, created_at) VALUES (?,?,?,?)`,
			id, programme, nullID(staffID), now); err != nil {
			return err
		}
	}
	return nil
}

// onLiveClaim names the claim (not rejected) a banquet or event is on, or "".
func onLiveClaim(ctx context.Context, q store.Querier, kind string, ref int64) (string, error) {
	var title string
	err := q.QueryRowContext(ctx, `SELECT c.title FROM claim_items i JOIN claims c ON c.id = i.claim_id
		WHERE i.kind = ? AND i.ref_id = ? AND c.state != '驳回' LIMIT 1`, kind, ref).Scan(&title)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return title, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
