package claims

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/store"
)

// Kinds of claim item.
const (
	KindBanquet = "banquet"
	KindEvent   = "event"
)

// Ref names a banquet or a sponsored event.
type Ref struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// ProofFile is one photo proving a banquet, as recorded at upload.
type ProofFile struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	FileName   string `json:"fileName"`
	SHA256     string `json:"sha256"`
	UploadedAt string `json:"uploadedAt"`
}

// Item is a banquet or sponsored event as a claim sees it: what it did, what it earns under its
// programme, and the proof still missing before the brand will pay.
type Item struct {
	Kind      string          `json:"kind"`
	RefID     int64           `json:"refId"`
	Date      string          `json:"date"` // shop-local YYYY-MM-DD
	Title     string          `json:"title"`
	Venue     string          `json:"venue"`
	VenueID   int64           `json:"venueId"`
	HostID    int64           `json:"hostId"`
	Tables    int64           `json:"tables"`
	Attendees int64           `json:"attendees"`
	Cases     int64           `json:"cases"`
	Opened    int64           `json:"opened"`
	Banquet   *BanquetEarning `json:"banquet,omitempty"`
	Event     *EventEarning   `json:"event,omitempty"`
	Amount    int64           `json:"amount"`
	Missing   []string        `json:"missing"`
	Proof     []ProofFile     `json:"proof"`
	Codes     int64           `json:"codes"`
	Claim     string          `json:"claim"` // the live claim it is on, if any
}

// banquetItem reads a settled banquet's facts and computes what it earns under p.
func banquetItem(ctx context.Context, q store.Querier, p Programme, id int64) (Item, error) {
	it := Item{Kind: KindBanquet, RefID: id, Missing: []string{}, Proof: []ProofFile{}}
	var held, state, kind, host, venue string
	err := q.QueryRowContext(ctx, `SELECT b.held_at, b.state, b.kind, b.tables_count, b.host_id, b.venue_id, h.name,
			COALESCE(NULLIF(v.shop_name, ''), v.name)
		FROM banquets b JOIN customers h ON h.id = b.host_id JOIN customers v ON v.id = b.venue_id WHERE b.id = ?`, id).
		Scan(&held, &state, &kind, &it.Tables, &it.HostID, &it.VenueID, &host, &venue)
	if err != nil {
		return it, err
	}
	it.Date, it.Title, it.Venue = localDate(held), host+" "+kind, venue
	settled := state == "已结算" || state == "已申报" || state == "已核销"
	if !settled {
		it.Missing = append(it.Missing, "宴席尚未结算（当前："+state+"）")
	}
	if it.Date < p.StartsOn || it.Date > p.EndsOn {
		it.Missing = append(it.Missing, fmt.Sprintf("宴席日期不在政策期内（%s 至 %s）", p.StartsOn, p.EndsOn))
	}
	var lines []banquets.TermsLine
	if err := store.Each(ctx, q, `SELECT s.product_id, s.delivered, s.returned, s.opened, COALESCE(l.bottles_per_case, p.bottles_per_case)
		FROM banquet_settlement_lines s JOIN products p ON p.id = s.product_id
		LEFT JOIN banquet_lines l ON l.banquet_id = s.banquet_id AND l.product_id = s.product_id WHERE s.banquet_id = ?`, []any{id}, func(r *sql.Rows) error {
		var l banquets.TermsLine
		if err := r.Scan(&l.ProductID, &l.Delivered, &l.Returned, &l.Opened, &l.PerCase); err != nil {
			return err
		}
		lines = append(lines, l)
		return nil
	}); err != nil {
		return it, err
	}
	facts := programmeFacts(p, lines, it.Tables)
	facts.Handed = map[string]int64{}
	if err := store.Each(ctx, q, `SELECT name, SUM(quantity) FROM banquet_gifts WHERE banquet_id = ? GROUP BY name`, []any{id}, func(r *sql.Rows) error {
		var name string
		var n int64
		if err := r.Scan(&name, &n); err != nil {
			return err
		}
		facts.Handed[name] = n
		return nil
	}); err != nil {
		return it, err
	}
	it.Cases, it.Opened = facts.Cases, facts.Opened
	e := p.Rules.BanquetEarns(facts)
	it.Banquet, it.Amount = &e, e.Claimable

	if err := store.Each(ctx, q, `SELECT id, kind, file_name, sha256, uploaded_at FROM banquet_evidence
			WHERE banquet_id = ? AND removed_at IS NULL ORDER BY id`, []any{id}, func(r *sql.Rows) error {
		var f ProofFile
		if err := r.Scan(&f.ID, &f.Kind, &f.FileName, &f.SHA256, &f.UploadedAt); err != nil {
			return err
		}
		it.Proof = append(it.Proof, f)
		return nil
	}); err != nil {
		return it, err
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM banquet_codes WHERE banquet_id = ?`, id).Scan(&it.Codes); err != nil {
		return it, err
	}
	for _, k := range p.Rules.Proof.Photos {
		if !slices.ContainsFunc(it.Proof, func(f ProofFile) bool { return f.Kind == k }) {
			it.Missing = append(it.Missing, "缺少"+PhotoKindName(k))
		}
	}
	if p.Rules.Proof.Codes && it.Codes == 0 {
		it.Missing = append(it.Missing, "缺少送酒扫码记录")
	}
	it.Claim, err = onLiveClaim(ctx, q, KindBanquet, id)
	return it, err
}

// eventItem reads a sponsored tasting's facts; its sponsorship is computed with the programme's budget.
func eventItem(ctx context.Context, q store.Querier, p Programme, id int64) (Item, error) {
	it := Item{Kind: KindEvent, RefID: id, Missing: []string{}, Proof: []ProofFile{}}
	var starts, state, name, kind, venue string
	err := q.QueryRowContext(ctx, `SELECT starts_at, state, name, kind, venue FROM events WHERE id = ?`, id).Scan(&starts, &state, &name, &kind, &venue)
	if err != nil {
		return it, err
	}
	it.Date, it.Title, it.Venue = localDate(starts), name, venue
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) + COALESCE(SUM(companions), 0) FROM event_guests
		WHERE event_id = ? AND status = 'checked_in'`, id).Scan(&it.Attendees); err != nil {
		return it, err
	}
	if state != "ended" {
		it.Missing = append(it.Missing, "活动尚未结束")
	}
	if it.Date < p.StartsOn || it.Date > p.EndsOn {
		it.Missing = append(it.Missing, fmt.Sprintf("活动日期不在政策期内（%s 至 %s）", p.StartsOn, p.EndsOn))
	}
	if p.Rules.Proof.SignIn && it.Attendees == 0 {
		it.Missing = append(it.Missing, "缺少签到记录（签到表）")
	}
	it.Claim, err = onLiveClaim(ctx, q, KindEvent, id)
	return it, err
}

// budgetUsed is what the programme's events on live claims already took from its budget.
func budgetUsed(ctx context.Context, q store.Querier, programme int64) (int64, error) {
	var used int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(i.amount_fen), 0) FROM claim_items i JOIN claims c ON c.id = i.claim_id
		WHERE c.programme_id = ? AND c.state != '驳回' AND i.kind = 'event'`, programme).Scan(&used)
	return used, err
}

// earnEvents computes the sponsorship of events not yet claimed, in date order, from what is left of
// the budget; events already on a claim keep the amount claimed.
func earnEvents(ctx context.Context, q store.Querier, p Programme, items []Item) error {
	used, err := budgetUsed(ctx, q, p.ID)
	if err != nil {
		return err
	}
	var open []int
	for i := range items {
		if items[i].Claim == "" {
			open = append(open, i)
		}
	}
	slices.SortStableFunc(open, func(a, b int) int {
		if items[a].Date != items[b].Date {
			return compare(items[a].Date, items[b].Date)
		}
		return int(items[a].RefID - items[b].RefID)
	})
	facts := make([]EventFacts, len(open))
	for k, i := range open {
		facts[k] = EventFacts{ID: items[i].RefID, Attendees: items[i].Attendees}
	}
	for k, e := range p.Rules.EventsEarn(used, facts) {
		it := &items[open[k]]
		e := e
		it.Event, it.Amount = &e, e.Claimable
	}
	return nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// localDate turns a stored UTC time (RFC 3339) or a shop-local "YYYY-MM-DD HH:MM" into the shop's day.
func localDate(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(store.Shop).Format(time.DateOnly)
	}
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}
