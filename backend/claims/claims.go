package claims

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Claim states, as the brand and the shop say them.
const (
	StateDraft    = "待申报"
	StateFiled    = "已申报"
	StatePartial  = "部分核销"
	StateApproved = "已核销"
	StatePaid     = "已到账"
	StateRejected = "驳回"
)

var ClaimStates = []string{StateDraft, StateFiled, StatePartial, StateApproved, StatePaid, StateRejected}

// Claim is a claim with its rows, its money and its history.
type Claim struct {
	ID           int64     `json:"id"`
	ProgrammeID  int64     `json:"programmeId"`
	Programme    string    `json:"programme"`
	Brand        string    `json:"brand"`
	Title        string    `json:"title"`
	State        string    `json:"state"`
	Claimed      int64     `json:"claimed"`
	Approved     *int64    `json:"approved"`
	Received     int64     `json:"received"`
	Outstanding  int64     `json:"outstanding"`
	RejectReason string    `json:"rejectReason"`
	Note         string    `json:"note"`
	CreatedAt    string    `json:"createdAt"`
	FiledAt      string    `json:"filedAt"`
	DecidedAt    string    `json:"decidedAt"`
	Items        []Item    `json:"items,omitempty"`
	History      []Step    `json:"history,omitempty"`
	Receipts     []Receipt `json:"receipts,omitempty"`
}

// Step is one move in a claim's history.
type Step struct {
	State  string `json:"state"`
	Amount *int64 `json:"amount"`
	Note   string `json:"note"`
	Staff  string `json:"staff"`
	At     string `json:"at"`
}

// Receipt is money the brand sent.
type Receipt struct {
	Amount     int64  `json:"amount"`
	ReceivedOn string `json:"receivedOn"`
	Method     string `json:"method"`
	Note       string `json:"note"`
}

const claimCols = `c.id, c.programme_id, p.name, c.brand, c.title, c.state, c.claimed_fen, c.approved_fen,
	(SELECT COALESCE(SUM(amount_fen), 0) FROM claim_receipts r WHERE r.claim_id = c.id),
	c.reject_reason, c.note, c.created_at, COALESCE(c.filed_at, ''), COALESCE(c.decided_at, '')`

func scanClaim(row interface{ Scan(...any) error }) (Claim, error) {
	var c Claim
	var approved sql.NullInt64
	err := row.Scan(&c.ID, &c.ProgrammeID, &c.Programme, &c.Brand, &c.Title, &c.State, &c.Claimed, &approved, &c.Received,
		&c.RejectReason, &c.Note, &c.CreatedAt, &c.FiledAt, &c.DecidedAt)
	if approved.Valid {
		c.Approved = &approved.Int64
	}
	c.Outstanding = c.owed() - c.Received
	return c, err
}

// owed is what the brand still has to pay in total: the approved amount once decided, the claimed
// amount while it is being decided, nothing for a draft or a rejection.
func (c Claim) owed() int64 {
	switch c.State {
	case StateFiled:
		return c.Claimed
	case StatePartial, StateApproved, StatePaid:
		return *c.Approved
	}
	return 0
}

// ClaimQuery filters the claim list.
type ClaimQuery struct {
	State string `json:"state"`
	Brand string `json:"brand"`
}

// List lists claims, newest first (at most 500; a shop files a few a month).
func List(ctx context.Context, q store.Querier, f ClaimQuery) ([]Claim, error) {
	where, args := []string{"1=1"}, []any{}
	if f.State != "" {
		where, args = append(where, "c.state = ?"), append(args, f.State)
	}
	if f.Brand != "" {
		where, args = append(where, "c.brand = ?"), append(args, f.Brand)
	}
	out := []Claim{}
	err := store.Each(ctx, q, `SELECT `+claimCols+` FROM claims c JOIN brand_programmes p ON p.id = c.programme_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY c.id DESC LIMIT 500`, args, func(r *sql.Rows) error {
		c, err := scanClaim(r)
		out = append(out, c)
		return err
	})
	return out, err
}

// Get reads a claim with its rows (as computed when built), history and receipts.
func Get(ctx context.Context, q store.Querier, id int64) (Claim, error) {
	c, err := scanClaim(q.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims c JOIN brand_programmes p ON p.id = c.programme_id WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.NotFound("申报单不存在")
	}
	if err != nil {
		return c, err
	}
	c.Items, c.History, c.Receipts = []Item{}, []Step{}, []Receipt{}
	if err := store.Each(ctx, q, `SELECT detail_json FROM claim_items WHERE claim_id = ? ORDER BY row_no`, []any{id}, func(r *sql.Rows) error {
		var detail string
		if err := r.Scan(&detail); err != nil {
			return err
		}
		var it Item
		if err := json.Unmarshal([]byte(detail), &it); err != nil {
			return err
		}
		it.Claim = c.Title
		c.Items = append(c.Items, it)
		return nil
	}); err != nil {
		return c, err
	}
	if err := store.Each(ctx, q, `SELECT h.state, h.amount_fen, h.note, COALESCE(s.name, ''), h.at FROM claim_history h
			LEFT JOIN staff s ON s.id = h.staff_id WHERE h.claim_id = ? ORDER BY h.id`, []any{id}, func(r *sql.Rows) error {
		var s Step
		var amount sql.NullInt64
		err := r.Scan(&s.State, &amount, &s.Note, &s.Staff, &s.At)
		if amount.Valid {
			s.Amount = &amount.Int64
		}
		c.History = append(c.History, s)
		return err
	}); err != nil {
		return c, err
	}
	err = store.Each(ctx, q, `SELECT amount_fen, received_on, method, note FROM claim_receipts WHERE claim_id = ? ORDER BY id`, []any{id}, func(r *sql.Rows) error {
		var rc Receipt
		err := r.Scan(&rc.Amount, &rc.ReceivedOn, &rc.Method, &rc.Note)
		c.Receipts = append(c.Receipts, rc)
		return err
	})
	return c, err
}

// moveBanquets moves every banquet of a claim to a state through the banquets package.
func moveBanquets(ctx context.Context, tx *sql.Tx, c Claim, to string) error {
	for _, it := range c.Items {
		if it.Kind != KindBanquet {
			continue
		}
		if _, err := banquets.SetClaimState(ctx, tx, it.RefID, to); err != nil {
			return err
		}
	}
	return nil
}

func setState(ctx context.Context, tx *sql.Tx, c Claim, to, from string, extra string, args ...any) error {
	if c.State != from {
		return errs.Invalid("state", fmt.Sprintf("申报单当前为「%s」，不能改为「%s」", c.State, to))
	}
	_, err := tx.ExecContext(ctx, `UPDATE claims SET state = ?, updated_at = ?`+extra+` WHERE id = ?`,
		append(append([]any{to, store.Now()}, args...), c.ID)...)
	return err
}

// File marks a claim as sent to the brand: its banquets become 已申报 and their evidence is fixed.
func File(ctx context.Context, tx *sql.Tx, id, staffID int64) (Claim, error) {
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if c.State == StateFiled {
		return c, nil // a second click
	}
	if err := setState(ctx, tx, c, StateFiled, StateDraft, `, filed_at = ?`, store.Now()); err != nil {
		return c, err
	}
	if err := moveBanquets(ctx, tx, c, banquets.StateClaimed); err != nil {
		return c, err
	}
	if err := history(ctx, tx, id, StateFiled, c.Claimed, "", staffID); err != nil {
		return c, err
	}
	return Get(ctx, tx, id)
}

// Approve records the brand's decision: the amount approved, at most what was claimed. Less than
// claimed is 部分核销. The banquets become 已核销.
func Approve(ctx context.Context, tx *sql.Tx, id, amount int64, note string, staffID int64) (Claim, error) {
	note = strings.TrimSpace(note)
	if e := errs.First(errs.Money("approved", "核销金额", amount), errs.Text("note", "备注", note, errs.LineLen)); e != nil {
		return Claim{}, e
	}
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if amount > c.Claimed {
		return c, errs.Invalid("approved", fmt.Sprintf("核销金额 ¥%s 不能超过申报金额 ¥%s", yuan(amount), yuan(c.Claimed)))
	}
	to := StateApproved
	if amount < c.Claimed {
		to = StatePartial
	}
	if err := setState(ctx, tx, c, to, StateFiled, `, approved_fen = ?, decided_at = ?`, amount, store.Now()); err != nil {
		return c, err
	}
	if err := moveBanquets(ctx, tx, c, banquets.StateCleared); err != nil {
		return c, err
	}
	if err := history(ctx, tx, id, to, amount, note, staffID); err != nil {
		return c, err
	}
	return Get(ctx, tx, id)
}

// Reject records the brand's refusal with its reason; the banquets go back to 已结算 so they can be
// claimed again once the proof is complete.
func Reject(ctx context.Context, tx *sql.Tx, id int64, reason string, staffID int64) (Claim, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Claim{}, errs.Invalid("reason", "请填写驳回原因")
	}
	if e := errs.Text("reason", "驳回原因", reason, errs.LineLen); e != nil {
		return Claim{}, e
	}
	c, err := Get(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if err := setState(ctx, tx, c, StateRejected, StateFiled, `, reject_reason = ?, decided_at = ?`, reason, store.Now()); err != nil {
		return c, err
	}
	if err := moveBanquets(ctx, tx, c, banquets.StateSettled); err != nil {
		return c, err
	}
	if err := history(ctx, tx, id, StateRejected, 0, reason, staffID); err != nil {
		return c, err
	}
	return Get(ctx, tx, id)
}

// ReceiveInput is money the brand sent for a claim.
type ReceiveInput struct {
	ClaimID    int64  `json:"claimId"`
	Amount     int64  `json:"amount"`
	ReceivedOn string `json:"receivedOn"`
	Method     string `json:"method"`
	Note       string `json:"note"`
	Key        string `json:"key"`
}

// Receive records money from the brand, at most what is still owed; the claim is 已到账 once the
// approved amount has all arrived.
func Receive(ctx context.Context, tx *sql.Tx, in ReceiveInput, staffID int64) (Claim, error) {
	in.Method, in.Note, in.Key = strings.TrimSpace(in.Method), strings.TrimSpace(in.Note), strings.TrimSpace(in.Key)
	if in.Key == "" {
		return Claim{}, errs.Invalid("key", "缺少请求编号，请刷新后重试")
	}
	var done int64
	if err := tx.QueryRowContext(ctx, `SELECT claim_id FROM claim_receipts WHERE idem_key = ?`, in.Key).Scan(&done); err == nil {
		return Get(ctx, tx, done)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Claim{}, err
	}
	if in.Method == "" {
		in.Method = "银行转账"
	}
	if err := checkMoney(money{"到账", in.Amount, in.Method, in.Note, in.Key, "receivedOn", &in.ReceivedOn}); err != nil {
		return Claim{}, err
	}
	c, err := Get(ctx, tx, in.ClaimID)
	if err != nil {
		return c, err
	}
	if c.State != StatePartial && c.State != StateApproved {
		return c, errs.Invalid("state", "申报单核销后才能登记到账（当前："+c.State+"）")
	}
	if in.Amount > c.Outstanding {
		return c, errs.Invalid("amount", fmt.Sprintf("到账金额 ¥%s 超过尚欠的 ¥%s", yuan(in.Amount), yuan(c.Outstanding)))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_receipts (claim_id, amount_fen, received_on, method, note, idem_key, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, c.ID, in.Amount, in.ReceivedOn, in.Method, in.Note, in.Key, nullID(staffID), store.Now()); err != nil {
		return c, err
	}
	if in.Amount == c.Outstanding {
		if err := setState(ctx, tx, c, StatePaid, c.State, ``); err != nil {
			return c, err
		}
		if err := history(ctx, tx, c.ID, StatePaid, c.Received+in.Amount, in.Note, staffID); err != nil {
			return c, err
		}
	}
	return Get(ctx, tx, c.ID)
}

// money is what a record of money received or paid carries; verb names it in messages (到账, 支付).
type money struct {
	verb              string
	amount            int64
	method, note, key string
	dayField          string
	day               *string
}

// checkMoney refuses an amount that is not positive or too large, over-long text, or a day that is not
// a date, naming the field; an empty day becomes today.
func checkMoney(m money) error {
	if e := errs.First(errs.Money("amount", m.verb+"金额", m.amount), errs.Text("method", m.verb+"方式", m.method, errs.NameLen),
		errs.Text("note", "备注", m.note, errs.LineLen), errs.Text("key", "请求编号", m.key, errs.KeyLen)); e != nil {
		return e
	}
	if m.amount == 0 {
		return errs.Invalid("amount", m.verb+"金额应大于0")
	}
	if *m.day == "" {
		*m.day = store.Today()
	}
	if _, err := time.Parse(time.DateOnly, *m.day); err != nil {
		return errs.Invalid(m.dayField, m.verb+"日期格式应为 2026-01-31")
	}
	return nil
}

// yuan writes fen as 1,234.50.
func yuan(fen int64) string {
	s := fmt.Sprintf("%d", fen/100)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s.%02d", s, fen%100)
}
