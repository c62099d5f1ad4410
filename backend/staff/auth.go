package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"jiuke/backend/errs"
	"jiuke/backend/settings"
	"jiuke/backend/store"
)

// After maxTries wrong secrets in a row the account pauses, doubling each further miss, at most 15 min.
const (
	maxTries  = 5
	basePause = 30 * time.Second
	maxPause  = 15 * time.Minute
)

// maxSecretBytes is bcrypt's limit: it refuses (or silently cut, in older versions) longer input.
const maxSecretBytes = 72

// checkSecret accepts a PIN (4 to 8 digits) or a password (6 to 64 characters) and says which it is.
func checkSecret(secret string) (string, error) {
	switch {
	case secret == "":
		return "", errs.Invalid("secret", "请设置PIN或密码")
	case strings.Trim(secret, "0123456789") == "":
		if len(secret) < 4 || len(secret) > 8 {
			return "", errs.Invalid("secret", "PIN应为4到8位数字")
		}
		if guessablePIN(secret) {
			return "", errs.Invalid("secret", "PIN不能是同一数字重复或连续数字（如1111、1234、9876），请换一个")
		}
		return "pin", nil
	case utf8.RuneCountInString(secret) < 6:
		return "", errs.Invalid("secret", "密码至少6个字符")
	case utf8.RuneCountInString(secret) > 64:
		return "", errs.Invalid("secret", "密码不能超过64个字符")
	case len(secret) > maxSecretBytes:
		// bcrypt reads at most 72 bytes; a Chinese character takes 3 of them in UTF-8.
		return "", errs.Invalid("secret", fmt.Sprintf("密码太长：最多%d字节（一个汉字算3字节，约24个汉字）", maxSecretBytes))
	}
	return "password", nil
}

// guessablePIN is a PIN anyone would try first: one digit repeated (1111) or a run up or down by
// one (1234, 0123, 9876). Only new PINs are checked; an old one still signs in until it is changed.
func guessablePIN(pin string) bool {
	up, down, same := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		up, down, same = up && d == 1, down && d == -1, same && d == 0
	}
	return up || down || same
}

// pauseAfter is how long the account pauses after its tries-th wrong secret in a row: none before
// maxTries, then basePause doubling with each miss, saturating at maxPause (a shift would overflow).
func pauseAfter(tries int) time.Duration {
	if tries < maxTries {
		return 0
	}
	pause := basePause
	for i := maxTries; i < tries && pause < maxPause; i++ {
		pause *= 2
	}
	return min(pause, maxPause)
}

func hashSecret(secret string) (string, string, error) {
	kind, err := checkSecret(secret)
	if err != nil {
		return "", "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(secret), bcrypt.DefaultCost)
	if err != nil {
		return "", "", errs.Internal("hash secret", err)
	}
	return string(h), kind, nil
}

func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errs.Invalid("name", "请填写姓名")
	}
	if utf8.RuneCountInString(name) > 20 {
		return "", errs.Invalid("name", "姓名不能超过20个字")
	}
	return name, nil
}

// NeedsSetup is true until the owner has set a password: the first start.
func NeedsSetup(ctx context.Context, q store.Querier) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff WHERE role = 'owner' AND secret_hash != ''`).Scan(&n); err != nil {
		return false, errs.Internal("needs setup", err)
	}
	return n == 0, nil
}

// SetupInput is the first-start form.
type SetupInput struct {
	ShopName  string `json:"shopName"`
	OwnerName string `json:"ownerName"`
	Password  string `json:"password"`
}

// Setup names the shop and the owner and sets the owner's password, once.
func Setup(ctx context.Context, tx *sql.Tx, owner Member, in SetupInput) (Member, error) {
	need, err := NeedsSetup(ctx, tx)
	if err != nil {
		return owner, err
	}
	if !need {
		return owner, errs.Conflict("", "已完成初始设置", nil)
	}
	name, err := checkName(in.OwnerName)
	if err != nil {
		return owner, err
	}
	kind, err := checkSecret(in.Password)
	if err != nil {
		return owner, err
	}
	if kind != "password" {
		return owner, errs.Invalid("password", "老板账号请设置至少6个字符的密码（不能只用数字）")
	}
	shop, err := settings.Load(ctx, tx)
	if err != nil {
		return owner, err
	}
	shop.Name = in.ShopName
	if _, err := settings.Save(ctx, tx, shop); err != nil {
		var e *errs.Error
		if errors.As(err, &e) && e.Field == "name" {
			e.Field = "shopName"
		}
		return owner, err
	}
	hash, _, err := hashSecret(in.Password)
	if err != nil {
		return owner, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET name = ?, secret_hash = ?, secret_kind = 'password' WHERE id = ?`, name, hash, owner.ID); err != nil {
		return owner, errs.Internal("setup owner", err)
	}
	return Get(ctx, tx, owner.ID)
}

// Attempt is the outcome of checking a secret. Failures are recorded even though they are errors,
// so the caller must commit the transaction either way.
type Attempt struct {
	Member Member
	Err    error
}

// CheckSecret verifies a staff member's PIN or password at now, counting misses and pausing the
// account after too many.
func CheckSecret(ctx context.Context, tx *sql.Tx, staffID int64, secret string, now time.Time) (Attempt, error) {
	var m Member
	var hash string
	var tries int
	var locked sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT id, name, role, active, secret_hash, failed_attempts, locked_until FROM staff WHERE id = ?`, staffID).
		Scan(&m.ID, &m.Name, &m.Role, &m.Active, &hash, &tries, &locked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !m.Active) {
		return Attempt{Err: errs.Invalid("staffId", "请选择员工")}, nil
	}
	if err != nil {
		return Attempt{}, errs.Internal("load staff secret", err)
	}
	if locked.Valid {
		if until, err := time.Parse(time.RFC3339, locked.String); err == nil && now.Before(until) {
			wait := until.Sub(now).Round(time.Second)
			return Attempt{Err: errs.Forbidden(fmt.Sprintf("连续输错次数过多，请 %d 秒后再试", int(wait.Seconds())))}, nil
		}
	}
	if hash == "" {
		return Attempt{Err: errs.Forbidden("该员工还没有设置PIN或密码，请让老板设置")}, nil
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(secret)) != nil {
		tries++
		var until any
		msg := fmt.Sprintf("PIN或密码不正确，还可再试 %d 次", maxTries-tries)
		if tries >= maxTries {
			pause := pauseAfter(tries)
			until = now.Add(pause).UTC().Format(time.RFC3339)
			msg = fmt.Sprintf("PIN或密码不正确，账号暂停 %d 秒", int(pause.Seconds()))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?`, tries, until, m.ID); err != nil {
			return Attempt{}, errs.Internal("count failed sign-in", err)
		}
		return Attempt{Err: errs.Invalid("secret", msg)}, nil
	}
	if tries > 0 || locked.Valid {
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?`, m.ID); err != nil {
			return Attempt{}, errs.Internal("reset failed sign-ins", err)
		}
	}
	return Attempt{Member: m}, nil
}

// StaffInput creates or edits an account. Secret is required when creating; on edit, empty keeps it.
type StaffInput struct {
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	Active bool   `json:"active"`
	Secret string `json:"secret"`
}

func checkRole(r Role) error {
	if r != Manager && r != Clerk {
		return errs.Invalid("role", "角色只能是店长或店员")
	}
	return nil
}

// Create adds a manager or clerk with their PIN or password.
func Create(ctx context.Context, tx *sql.Tx, in StaffInput) (Member, error) {
	name, err := checkName(in.Name)
	if err != nil {
		return Member{}, err
	}
	if err := checkRole(in.Role); err != nil {
		return Member{}, err
	}
	hash, kind, err := hashSecret(in.Secret)
	if err != nil {
		return Member{}, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO staff (name, role, secret_hash, secret_kind, created_at) VALUES (?,?,?,?,?)`,
		name, in.Role, hash, kind, store.Now())
	if err != nil {
		return Member{}, errs.Internal("create staff", err)
	}
	id, _ := res.LastInsertId()
	return Get(ctx, tx, id)
}

// Update edits an account. The owner stays owner and active; a new secret replaces the old one.
func Update(ctx context.Context, tx *sql.Tx, id int64, in StaffInput) (Member, error) {
	cur, err := Get(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	name, err := checkName(in.Name)
	if err != nil {
		return cur, err
	}
	if cur.Role == Owner {
		if in.Role != Owner || !in.Active {
			return cur, errs.Invalid("role", "老板账号不能停用或改变角色")
		}
	} else if err := checkRole(in.Role); err != nil {
		return cur, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?`, name, in.Role, in.Active, id); err != nil {
		return cur, errs.Internal("update staff", err)
	}
	if in.Secret != "" {
		hash, kind, err := hashSecret(in.Secret)
		if err != nil {
			return cur, err
		}
		if cur.Role == Owner && kind != "password" {
			return cur, errs.Invalid("secret", "老板账号请使用至少6个字符的密码")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET secret_hash = ?, secret_kind = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?`,
			hash, kind, id); err != nil {
			return cur, errs.Internal("set secret", err)
		}
	}
	return Get(ctx, tx, id)
}
