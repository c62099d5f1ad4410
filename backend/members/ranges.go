package members

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// CardRange is one series of card numbers the shop accepts (号段): pre-printed cards from a supplier
// often carry no check digit, Jiuke's own numbers always do. A number belongs to a range when it has
// the range's length and prefix, lies within start–end if they are set, and, when the range says so,
// ends in a correct Luhn check digit.
type CardRange struct {
	Name       string `json:"name"`
	Prefix     string `json:"prefix"`
	Length     int    `json:"length"`
	Start      string `json:"start"`
	End        string `json:"end"`
	CheckDigit bool   `json:"checkDigit"`
	// Issue marks the range new numbers are generated from (registration without a scanned card,
	// replacement, import). At most one; without one, numbers are the card prefix, 7 digits and a
	// check digit, as before ranges existed.
	Issue bool `json:"issue"`
}

func (r CardRange) contains(n string) bool {
	return len(n) == r.Length && strings.HasPrefix(n, r.Prefix) &&
		(r.Start == "" || n >= r.Start) && (r.End == "" || n <= r.End) &&
		(!r.CheckDigit || luhnDigit(n[:len(n)-1]) == n[len(n)-1])
}

// label names the range in messages: its name, or its prefix and length.
func (r CardRange) label() string {
	if r.Name != "" {
		return r.Name
	}
	return fmt.Sprintf("%s开头的%d位卡号", r.Prefix, r.Length)
}

const rangesKey = "card.ranges"

// CardRanges lists the configured ranges; none means the original rule (6–20 digits with a check digit).
func CardRanges(ctx context.Context, q store.Querier) ([]CardRange, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, rangesKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return []CardRange{}, nil
	}
	if err != nil {
		return nil, errs.Internal("card ranges", err)
	}
	out := []CardRange{}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, errs.Internal("card ranges", err)
	}
	return out, nil
}

func digits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// SaveCardRanges checks and stores the ranges as a whole.
func SaveCardRanges(ctx context.Context, tx *sql.Tx, ranges []CardRange) ([]CardRange, error) {
	if ranges == nil {
		ranges = []CardRange{}
	}
	issuing := 0
	for i := range ranges {
		r := &ranges[i]
		r.Name, r.Prefix = strings.TrimSpace(r.Name), strings.TrimSpace(r.Prefix)
		r.Start, r.End = strings.TrimSpace(r.Start), strings.TrimSpace(r.End)
		field := func(f string) string { return fmt.Sprintf("ranges[%d].%s", i, f) }
		no := fmt.Sprintf("第%d个卡号段", i+1)
		check := 0
		if r.CheckDigit {
			check = 1
		}
		switch {
		case len([]rune(r.Name)) > 20:
			return nil, errs.Invalid(field("name"), no+"的名称不能超过20个字")
		case r.Length < 6 || r.Length > 20:
			return nil, errs.Invalid(field("length"), no+"的卡号位数应在6到20之间")
		case r.Prefix != "" && !digits(r.Prefix):
			return nil, errs.Invalid(field("prefix"), no+"的前缀只能是数字")
		case len(r.Prefix) > r.Length-1-check:
			return nil, errs.Invalid(field("prefix"), fmt.Sprintf("%s的前缀太长：%d位卡号最多%d位前缀", no, r.Length, r.Length-1-check))
		case r.Start != "" && (!digits(r.Start) || len(r.Start) != r.Length || !strings.HasPrefix(r.Start, r.Prefix)):
			return nil, errs.Invalid(field("start"), fmt.Sprintf("%s的起始卡号应为以「%s」开头的%d位数字", no, r.Prefix, r.Length))
		case r.End != "" && (!digits(r.End) || len(r.End) != r.Length || !strings.HasPrefix(r.End, r.Prefix)):
			return nil, errs.Invalid(field("end"), fmt.Sprintf("%s的结束卡号应为以「%s」开头的%d位数字", no, r.Prefix, r.Length))
		case r.Start != "" && r.End != "" && r.Start > r.End:
			return nil, errs.Invalid(field("end"), no+"的结束卡号不能小于起始卡号")
		}
		if r.Issue {
			if issuing++; issuing > 1 {
				return nil, errs.Invalid(field("issue"), "只能有一个卡号段用于自动发卡")
			}
		}
	}
	b, _ := json.Marshal(ranges)
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, rangesKey, string(b)); err != nil {
		return nil, errs.Internal("save card ranges", err)
	}
	return ranges, nil
}

// CheckCard is CheckCardNumber plus the shop's ranges: the number a clerk scans or types, or an
// import brings, must belong to one of them (or be one Jiuke generated). Without ranges, the original
// rule holds: a correct check digit.
func CheckCard(ctx context.Context, q store.Querier, raw string) (string, error) {
	c, err := NewCardChecker(ctx, q)
	if err != nil {
		return "", err
	}
	return c.Check(raw)
}

// CardChecker holds the ranges for checking many numbers (an import) without reading them each time.
type CardChecker struct {
	ranges []CardRange
	own    CardRange
}

func NewCardChecker(ctx context.Context, q store.Querier) (*CardChecker, error) {
	ranges, err := CardRanges(ctx, q)
	if err != nil {
		return nil, err
	}
	own, err := generatedRange(ctx, q, ranges)
	if err != nil {
		return nil, err
	}
	return &CardChecker{ranges: ranges, own: own}, nil
}

// Check normalises raw and says why it is not a card number of this shop.
func (c *CardChecker) Check(raw string) (string, error) {
	n, err := CheckCardNumber(raw)
	if err != nil {
		return n, err
	}
	if len(c.ranges) == 0 {
		if !ValidCardNumber(n) {
			return n, errs.Invalid("cardNumber", "卡号校验位不正确，请重新扫描或核对卡号")
		}
		return n, nil
	}
	if c.own.contains(n) {
		return n, nil
	}
	var near []string
	for _, r := range c.ranges {
		if r.contains(n) {
			return n, nil
		}
		near = append(near, r.label())
	}
	for _, r := range c.ranges {
		if len(n) == r.Length && strings.HasPrefix(n, r.Prefix) && (r.Start == "" || n >= r.Start) && (r.End == "" || n <= r.End) {
			return n, errs.Invalid("cardNumber", fmt.Sprintf("卡号 %s 的校验位不正确（%s），请重新扫描或核对卡号", n, r.label()))
		}
	}
	return n, errs.Invalid("cardNumber", fmt.Sprintf("卡号 %s 不在已设置的卡号段内（%s），请核对卡号或在卡号设置中添加号段", n, strings.Join(near, "、")))
}

// generatedRange is where new numbers come from: the range marked for issuing, else the card prefix
// followed by 7 digits and a check digit.
func generatedRange(ctx context.Context, q store.Querier, ranges []CardRange) (CardRange, error) {
	for _, r := range ranges {
		if r.Issue {
			return r, nil
		}
	}
	prefix, err := CardPrefix(ctx, q)
	if err != nil {
		return CardRange{}, err
	}
	return CardRange{Name: "本店发卡", Prefix: prefix, Length: len(prefix) + 8, CheckDigit: true}, nil
}

// nextInRange is the next free number of r after the range's own sequence, kept per prefix and
// length so changing the issuing range never reuses or skips numbers of another.
func nextInRange(ctx context.Context, tx *sql.Tx, r CardRange) (string, error) {
	key := fmt.Sprintf("card.seq.%s.%d", r.Prefix, r.Length)
	legacy := r.Name == "本店发卡" // the sequence before ranges existed
	if legacy {
		key = "card.seq"
	}
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?`, key).Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", errs.Internal("card sequence", err)
	}
	check := 0
	if r.CheckDigit {
		check = 1
	}
	width := r.Length - len(r.Prefix) - check
	if r.Start != "" {
		if first, err := strconv.ParseInt(r.Start[len(r.Prefix):len(r.Start)-check], 10, 64); err == nil && seq < first-1 {
			seq = first - 1
		}
	}
	for {
		seq++
		body := fmt.Sprintf("%0*d", width, seq)
		if len(body) > width {
			return "", errs.Conflict("cardNumber", fmt.Sprintf("卡号段「%s」的号码已用完，请在卡号设置中添加新号段", r.label()), nil)
		}
		n := r.Prefix + body
		if r.CheckDigit {
			n += string(luhnDigit(n))
		}
		if r.End != "" && n > r.End {
			return "", errs.Conflict("cardNumber", fmt.Sprintf("卡号段「%s」的号码已用完，请在卡号设置中添加新号段", r.label()), nil)
		}
		if !r.contains(n) {
			continue
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cards WHERE number = ?)`, n).Scan(&taken); err != nil {
			return "", errs.Internal("card taken", err)
		}
		if !taken {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, strconv.FormatInt(seq, 10)); err != nil {
				return "", errs.Internal("save card sequence", err)
			}
			return n, nil
		}
	}
}
