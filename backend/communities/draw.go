package communities

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Prize is Count winners of one gift from the gift catalogue.
type Prize struct {
	GiftID int64 `json:"giftId"`
	Count  int   `json:"count"`
}

// DrawRequest is a lucky draw among a group's current members (GroupID) or an event's checked-in
// guests (EventID). Customers tagged ExcludeTag (e.g. 员工) and those in ExcludeIDs cannot win;
// earlier winners of the same group or event cannot either, unless AllowPastWinners.
type DrawRequest struct {
	GroupID          int64   `json:"groupId"`
	EventID          int64   `json:"eventId"`
	Title            string  `json:"title"`
	Prizes           []Prize `json:"prizes"`
	ExcludeTag       string  `json:"excludeTag"`
	ExcludeIDs       []int64 `json:"excludeIds"`
	AllowPastWinners bool    `json:"allowPastWinners"`
}

// PoolInfo is who could win, before drawing.
type PoolInfo struct {
	Eligible []Candidate `json:"eligible"`
	Excluded int         `json:"excluded"`
}

type Winner struct {
	Position   int    `json:"position"`
	CustomerID int64  `json:"customerId"`
	Name       string `json:"name"`
	Mobile     string `json:"mobile"`
	GiftName   string `json:"giftName"`
}

// DrawResult is a recorded draw: its seed and pool let anyone re-run it.
type DrawResult struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	GroupID    int64    `json:"groupId"`
	EventID    int64    `json:"eventId"`
	Seed       string   `json:"seed"`
	PoolSize   int      `json:"poolSize"`
	Excluded   string   `json:"excluded"`
	StaffName  string   `json:"staffName"`
	CreatedAt  string   `json:"createdAt"`
	Winners    []Winner `json:"winners"`
	Reproduced bool     `json:"reproduced"` // set by Verify: re-running the seed gave the same winners
}

// Pool lists the eligible customers, sorted by id: the order the seeded shuffle starts from.
func Pool(ctx context.Context, q store.Querier, req DrawRequest) (PoolInfo, error) {
	var base string
	var args []any
	switch {
	case req.GroupID != 0 && req.EventID == 0:
		if _, err := Get(ctx, q, req.GroupID); err != nil {
			return PoolInfo{}, err
		}
		base = `SELECT customer_id FROM community_members WHERE community_id = ? AND left_on IS NULL`
		args = append(args, req.GroupID)
	case req.EventID != 0 && req.GroupID == 0:
		base = `SELECT customer_id FROM event_guests WHERE event_id = ? AND status = 'checked_in'`
		args = append(args, req.EventID)
	default:
		return PoolInfo{}, errs.Invalid("groupId", "请选择抽奖范围：一个社群或一场活动")
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, COALESCE(c.mobile, ''), c.district, c.kind, '', 0,
		(c.id IN (SELECT customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ? AND ? != '')
		 OR c.id IN (SELECT value FROM json_each(?))
		 OR (? = 0 AND c.id IN (SELECT w.customer_id FROM draw_winners w JOIN draws d ON d.id = w.draw_id
			WHERE (d.community_id = ? AND ? != 0) OR (d.event_id = ? AND ? != 0))))
		FROM customers c WHERE c.archived = 0 AND c.id IN (`+base+`) ORDER BY c.id`,
		append([]any{req.ExcludeTag, req.ExcludeTag, idsJSON(req.ExcludeIDs), req.AllowPastWinners,
			req.GroupID, req.GroupID, req.EventID, req.EventID}, args...)...)
	if err != nil {
		return PoolInfo{}, errs.Internal("draw pool", err)
	}
	defer rows.Close()
	info := PoolInfo{Eligible: []Candidate{}}
	for rows.Next() {
		var c Candidate
		var excluded bool
		if err := rows.Scan(&c.ID, &c.Name, &c.Mobile, &c.District, &c.Kind, &c.Level, &c.InGroup, &excluded); err != nil {
			return PoolInfo{}, errs.Internal("scan pool", err)
		}
		if excluded {
			info.Excluded++
		} else {
			info.Eligible = append(info.Eligible, c)
		}
	}
	return info, rows.Err()
}

func idsJSON(ids []int64) string {
	if ids == nil {
		ids = []int64{}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// Shuffle is the draw itself: a Fisher–Yates shuffle of the pool (sorted by customer id) driven by a
// PCG generator seeded with the 32-hex-digit seed. Same seed and pool, same order — on any machine.
func Shuffle(pool []int64, seed string) ([]int64, error) {
	b, err := hex.DecodeString(seed)
	if err != nil || len(b) != 16 {
		return nil, errs.Invalid("seed", "随机种子应为32位十六进制数")
	}
	out := slices.Clone(pool)
	slices.Sort(out)
	r := rand.New(rand.NewPCG(binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// NewSeed is a fresh seed from the operating system's cryptographic source.
func NewSeed() string {
	var b [16]byte
	_, _ = crand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Draw picks the winners with a fresh seed, records the draw and takes each prize from stock, all in
// the caller's transaction. An empty pool, more prizes than eligible people or short stock refuse the
// whole draw.
func Draw(ctx context.Context, tx *sql.Tx, req DrawRequest, staffID int64) (DrawResult, error) {
	return DrawSeeded(ctx, tx, req, staffID, NewSeed())
}

type giftLine struct {
	id    int64
	name  string
	count int
}

// DrawSeeded is Draw with a given seed, for the deterministic demo shop; the app always uses Draw.
func DrawSeeded(ctx context.Context, tx *sql.Tx, req DrawRequest, staffID int64, seed string) (DrawResult, error) {
	req.Title = strings.TrimSpace(req.Title)
	if req.Title == "" {
		return DrawResult{}, errs.Invalid("title", "请填写抽奖名称")
	}
	if err := errs.Text("title", "抽奖名称", req.Title, 50); err != nil {
		return DrawResult{}, err
	}
	var gifts []giftLine
	need := 0
	for i, p := range req.Prizes {
		if p.Count <= 0 {
			return DrawResult{}, errs.Invalid(fmt.Sprintf("prizes[%d].count", i), fmt.Sprintf("第%d个奖品的数量应大于0", i+1))
		}
		var g giftLine
		var stock int64
		var active bool
		err := tx.QueryRowContext(ctx, `SELECT id, name, stock, active FROM gifts WHERE id = ?`, p.GiftID).Scan(&g.id, &g.name, &stock, &active)
		if err == sql.ErrNoRows {
			return DrawResult{}, errs.Invalid(fmt.Sprintf("prizes[%d].giftId", i), fmt.Sprintf("第%d个奖品不在礼品目录中", i+1))
		}
		if err != nil {
			return DrawResult{}, errs.Internal("prize gift", err)
		}
		if !active {
			return DrawResult{}, errs.Invalid(fmt.Sprintf("prizes[%d].giftId", i), fmt.Sprintf("礼品「%s」已停用", g.name))
		}
		g.count = p.Count
		res, err := tx.ExecContext(ctx, `UPDATE gifts SET stock = stock - ? WHERE id = ? AND stock >= ?`, p.Count, p.GiftID, p.Count)
		if err != nil {
			return DrawResult{}, errs.Internal("take prize stock", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return DrawResult{}, errs.Invalid(fmt.Sprintf("prizes[%d].count", i), fmt.Sprintf("礼品「%s」库存不足（剩 %d 件）", g.name, stock))
		}
		gifts = append(gifts, g)
		need += p.Count
	}
	if need == 0 {
		return DrawResult{}, errs.Invalid("prizes", "请至少设置一个奖品")
	}
	info, err := Pool(ctx, tx, req)
	if err != nil {
		return DrawResult{}, err
	}
	if len(info.Eligible) == 0 {
		return DrawResult{}, errs.Invalid("pool", "没有可参与抽奖的人（范围内无人，或都已被排除）")
	}
	if need > len(info.Eligible) {
		return DrawResult{}, errs.Invalid("prizes", fmt.Sprintf("奖品共 %d 份，可参与的只有 %d 人；请减少奖品或放宽排除条件", need, len(info.Eligible)))
	}
	pool := make([]int64, len(info.Eligible))
	for i, c := range info.Eligible {
		pool[i] = c.ID
	}
	order, err := Shuffle(pool, seed)
	if err != nil {
		return DrawResult{}, err
	}
	var rules []string
	if req.ExcludeTag != "" {
		rules = append(rules, "标签「"+req.ExcludeTag+"」")
	}
	if len(req.ExcludeIDs) > 0 {
		rules = append(rules, fmt.Sprintf("指定 %d 人", len(req.ExcludeIDs)))
	}
	if !req.AllowPastWinners {
		rules = append(rules, "往期中奖者")
	}
	excluded := fmt.Sprintf("排除 %d 人", info.Excluded)
	if len(rules) > 0 {
		excluded += "（" + strings.Join(rules, "、") + "）"
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO draws (community_id, event_id, title, seed, pool, excluded, staff_id, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		store.Nullable(req.GroupID), store.Nullable(req.EventID), req.Title, seed, idsJSON(pool), excluded, store.Nullable(staffID), store.Now())
	if err != nil {
		return DrawResult{}, errs.Internal("insert draw", err)
	}
	id, _ := res.LastInsertId()
	pos := 0
	for _, g := range gifts {
		for range g.count {
			if _, err := tx.ExecContext(ctx, `INSERT INTO draw_winners (draw_id, position, customer_id, gift_id, gift_name) VALUES (?,?,?,?,?)`,
				id, pos+1, order[pos], g.id, g.name); err != nil {
				return DrawResult{}, errs.Internal("insert winner", err)
			}
			pos++
		}
	}
	// A group's draw is also an activity of the group: it shows in its log and keeps it alive.
	if req.GroupID != 0 {
		if _, err := AddActivity(ctx, tx, Activity{GroupID: req.GroupID, Kind: "抽奖", Title: req.Title,
			Participants: int64(min(len(pool), HardLimit))}, staffID); err != nil {
			return DrawResult{}, err
		}
	}
	return GetDraw(ctx, tx, id)
}

// GetDraw returns a recorded draw with its winners in prize order.
func GetDraw(ctx context.Context, q store.Querier, id int64) (DrawResult, error) {
	list, err := draws(ctx, q, ` WHERE d.id = ?`, id)
	if err != nil {
		return DrawResult{}, err
	}
	if len(list) == 0 {
		return DrawResult{}, errs.NotFound("抽奖记录不存在")
	}
	return list[0], nil
}

// Draws lists the draws of a group (or of an event), newest first.
func Draws(ctx context.Context, q store.Querier, groupID, eventID int64) ([]DrawResult, error) {
	if eventID != 0 {
		return draws(ctx, q, ` WHERE d.event_id = ? ORDER BY d.id DESC`, eventID)
	}
	return draws(ctx, q, ` WHERE d.community_id = ? ORDER BY d.id DESC`, groupID)
}

func draws(ctx context.Context, q store.Querier, where string, args ...any) ([]DrawResult, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.title, COALESCE(d.community_id, 0), COALESCE(d.event_id, 0), d.seed,
		json_array_length(d.pool), d.excluded, COALESCE(s.name, ''), d.created_at FROM draws d LEFT JOIN staff s ON s.id = d.staff_id`+where, args...)
	if err != nil {
		return nil, errs.Internal("draws", err)
	}
	var out []DrawResult
	for rows.Next() {
		var d DrawResult
		if err := rows.Scan(&d.ID, &d.Title, &d.GroupID, &d.EventID, &d.Seed, &d.PoolSize, &d.Excluded, &d.StaffName, &d.CreatedAt); err != nil {
			rows.Close()
			return nil, errs.Internal("scan draw", err)
		}
		out = append(out, d)
	}
	rows.Close()
	for i := range out {
		if out[i].Winners, err = winners(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = []DrawResult{}
	}
	return out, nil
}

func winners(ctx context.Context, q store.Querier, drawID int64) ([]Winner, error) {
	rows, err := q.QueryContext(ctx, `SELECT w.position, w.customer_id, c.name, COALESCE(c.mobile, ''), w.gift_name
		FROM draw_winners w JOIN customers c ON c.id = w.customer_id WHERE w.draw_id = ? ORDER BY w.position`, drawID)
	if err != nil {
		return nil, errs.Internal("winners", err)
	}
	defer rows.Close()
	out := []Winner{}
	for rows.Next() {
		var w Winner
		if err := rows.Scan(&w.Position, &w.CustomerID, &w.Name, &w.Mobile, &w.GiftName); err != nil {
			return nil, errs.Internal("scan winner", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Verify re-runs a recorded draw's seed over its recorded pool and reports whether the same people
// come out in the same order as the recorded winners.
func Verify(ctx context.Context, q store.Querier, id int64) (DrawResult, error) {
	d, err := GetDraw(ctx, q, id)
	if err != nil {
		return d, err
	}
	var poolJSON string
	if err := q.QueryRowContext(ctx, `SELECT pool FROM draws WHERE id = ?`, id).Scan(&poolJSON); err != nil {
		return d, errs.Internal("draw pool", err)
	}
	var pool []int64
	if err := json.Unmarshal([]byte(poolJSON), &pool); err != nil {
		return d, errs.Internal("draw pool json", err)
	}
	order, err := Shuffle(pool, d.Seed)
	if err != nil {
		return d, err
	}
	d.Reproduced = len(order) >= len(d.Winners)
	for i, w := range d.Winners {
		if !d.Reproduced || order[i] != w.CustomerID {
			d.Reproduced = false
			break
		}
	}
	return d, nil
}
