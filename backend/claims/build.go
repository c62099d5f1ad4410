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

// Candidates lists what a programme could claim: its banquets from settlement on and its sponsored
// tastings, each with what it earns and the proof it lacks. Items already on a live claim say which.
func Candidates(ctx context.Context, q store.Querier, programme int64) ([]Item, error) {
	p, err := GetProgramme(ctx, q, programme)
	if err != nil {
		return nil, err
	}
	var ids []int64
	if err := store.Each(ctx, q, `SELECT id FROM banquets WHERE programme_id = ? AND state IN ('已办', '已结算', '已申报', '已核销')
			ORDER BY held_at, id`, []any{programme}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		return nil, err
	}
	out := []Item{}
	for _, id := range ids {
		it, err := banquetItem(ctx, q, p, id)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	var evs []Item
	for _, id := range p.EventIDs {
		it, err := eventItem(ctx, q, p, id)
		if err != nil {
			return nil, err
		}
		evs = append(evs, it)
	}
	if err := earnEvents(ctx, q, p, evs); err != nil {
		return nil, err
	}
	return append(out, evs...), nil
}

// BuildInput picks what goes on a new claim. Key makes a double click build it once.
type BuildInput struct {
	ProgrammeID int64  `json:"programmeId"`
	Items       []Ref  `json:"items"`
	Title       string `json:"title"`
	Note        string `json:"note"`
	Key         string `json:"key"`
}

// Build makes a claim (待申报) of the chosen banquets and events, with what each earns now. Anything
// not claimable is refused, naming its row: not settled, outside the programme's dates, missing the
// proof the programme demands, or already on another claim.
func Build(ctx context.Context, tx *sql.Tx, in BuildInput, staffID int64) (Claim, error) {
	in.Title, in.Note, in.Key = strings.TrimSpace(in.Title), strings.TrimSpace(in.Note), strings.TrimSpace(in.Key)
	if in.Key == "" {
		return Claim{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	if e := errs.First(errs.Text("key", "请求编号", in.Key, errs.KeyLen), errs.Text("title", "申报单名称", in.Title, errs.NameLen),
		errs.Text("note", "备注", in.Note, errs.NotesLen)); e != nil {
		return Claim{}, e
	}
	var done int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM claims WHERE idem_key = ?`, in.Key).Scan(&done); err == nil {
		return Get(ctx, tx, done)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Claim{}, err
	}
	if len(in.Items) == 0 {
		return Claim{}, errs.Invalid("items", "请至少选择一场宴席或活动")
	}
	if len(in.Items) > 500 {
		return Claim{}, errs.Invalid("items", "一张申报单最多500行")
	}
	p, err := GetProgramme(ctx, tx, in.ProgrammeID)
	if err != nil {
		return Claim{}, err
	}
	all, err := Candidates(ctx, tx, p.ID)
	if err != nil {
		return Claim{}, err
	}
	byRef := map[Ref]Item{}
	for _, it := range all {
		byRef[Ref{it.Kind, it.RefID}] = it
	}
	var items []Item
	seen := map[Ref]bool{}
	for i, r := range in.Items {
		field := fmt.Sprintf("items[%d]", i)
		it, ok := byRef[r]
		switch {
		case seen[r]:
			return Claim{}, errs.Invalid(field, fmt.Sprintf("第%d行重复选择了同一项", i+1))
		case !ok && r.Kind == KindEvent:
			return Claim{}, errs.Invalid(field, fmt.Sprintf("第%d行的活动不由“%s”赞助", i+1, p.Name))
		case !ok:
			return Claim{}, errs.Invalid(field, fmt.Sprintf("第%d行的宴席不属于“%s”或尚未办完", i+1, p.Name))
		case it.Claim != "":
			return Claim{}, errs.Invalid(field, fmt.Sprintf("第%d行“%s”已在申报单“%s”中", i+1, it.Title, it.Claim))
		case len(it.Missing) > 0:
			return Claim{}, errs.Invalid(field, fmt.Sprintf("第%d行“%s”不能申报：%s", i+1, it.Title, strings.Join(it.Missing, "；")))
		}
		seen[r] = true
		items = append(items, it)
	}
	// Events earn from the budget in date order among those picked, not among all candidates.
	var evs []Item
	for _, it := range items {
		if it.Kind == KindEvent {
			it.Claim = ""
			evs = append(evs, it)
		}
	}
	if err := earnEvents(ctx, tx, p, evs); err != nil {
		return Claim{}, err
	}
	k := 0
	var total int64
	for i := range items {
		if items[i].Kind == KindEvent {
			items[i] = evs[k]
			k++
		}
		total += items[i].Amount
	}
	if in.Title == "" {
		in.Title = fmt.Sprintf("%s %s 费用申报 %s", p.Brand, p.Name, store.Today())
		if r := []rune(in.Title); len(r) > errs.NameLen {
			in.Title = string(r[:errs.NameLen])
		}
	}
	now := store.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO claims (programme_id, brand, title, claimed_fen, note, idem_key, created_by, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, p.ID, p.Brand, in.Title, total, in.Note, in.Key, nullID(staffID), now, now)
	if err != nil {
		return Claim{}, err
	}
	id, _ := res.LastInsertId()
	for i, it := range items {
		detail, _ := json.Marshal(it)
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_items (claim_id, row_no, kind, ref_id, amount_fen, detail_json) VALUES (?,?,?,?,?,?)`,
			id, i+1, it.Kind, it.RefID, it.Amount, string(detail)); err != nil {
			return Claim{}, err
		}
	}
	if err := history(ctx, tx, id, StateDraft, total, "", staffID); err != nil {
		return Claim{}, err
	}
	return Get(ctx, tx, id)
}

// Discard removes a claim not yet filed; its banquets and events can be claimed again.
func Discard(ctx context.Context, tx *sql.Tx, id int64) (Claim, error) {
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if c.State != StateDraft {
		return c, errs.Invalid("state", "只有待申报的申报单可以删除（当前："+c.State+"）")
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM claims WHERE id = ?`, id)
	return c, err
}

func history(ctx context.Context, tx *sql.Tx, claim int64, state string, amount int64, note string, staffID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO claim_history (claim_id, state, amount_fen, note, staff_id, at) VALUES (?,?,?,?,?,?)`,
		claim, state, amount, note, nullID(staffID), store.Now())
	return err
}
