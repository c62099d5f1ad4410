package events

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Check-in tokens (扫码签到): each guest has one token and each event one walk-in token. A token is
// 18 bytes from crypto/rand (144 bits), written as 24 URL-safe characters; only its SHA-256 is looked
// up. So that the desk and the posters can show a link again, the token is also kept sealed
// (AES-GCM) under a key the app keeps beside the database file: a copy of the database alone
// neither shows nor forges a token.

const (
	tokenBytes = 18
	// TokenLen is the length of a token as it appears in a URL.
	TokenLen = 24
	// CheckInLead is how long before the start a token begins to work; it stops at the event's end.
	CheckInLead = 2 * time.Hour
)

// KeyLen is the length of the sealing key.
const KeyLen = 32

// GuestToken is one guest's check-in token with what a poster or the desk prints beside it.
type GuestToken struct {
	GuestID     int64  `json:"guestId"`
	CustomerID  int64  `json:"customerId"`
	Name        string `json:"name"`
	Salutation  string `json:"salutation"`
	TableNumber int    `json:"tableNumber"`
	TableName   string `json:"tableName"`
	Status      string `json:"status"`
	Token       string `json:"token"`
}

// Salutation is how the invitation addresses a guest (张先生, 欧阳女士, or the full name).
func Salutation(name, gender string) string { return salutation(name, gender) }

// CheckInWindow is when an event's tokens work: from CheckInLead before the start until the end.
func CheckInWindow(ev Event) (from, until time.Time, err error) {
	start, err := time.ParseInLocation(timeLayout, ev.StartsAt, store.Shop)
	if err != nil {
		return from, until, errs.Internal("event start", err)
	}
	end, err := time.ParseInLocation(timeLayout, ev.EndsAt, store.Shop)
	if err != nil {
		return from, until, errs.Internal("event end", err)
	}
	return start.Add(-CheckInLead), end, nil
}

// HashToken is what the database keeps of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// wellFormed rejects anything that cannot be a token before it reaches the database.
func wellFormed(token string) bool {
	if len(token) != TokenLen {
		return false
	}
	for _, r := range token {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func newToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", errs.Internal("token", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func seal(key []byte, token string) (string, error) {
	gcm, err := sealer(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", errs.Internal("nonce", err)
	}
	return base64.RawStdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(token), nil)), nil
}

// unseal gives the token back, or ok=false when it was sealed under another key (the database moved
// to another PC without its key file).
func unseal(key []byte, sealed string) (string, bool) {
	gcm, err := sealer(key)
	if err != nil {
		return "", false
	}
	b, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(b) < gcm.NonceSize() {
		return "", false
	}
	plain, err := gcm.Open(nil, b[:gcm.NonceSize()], b[gcm.NonceSize():], nil)
	if err != nil {
		return "", false
	}
	return string(plain), true
}

func sealer(key []byte) (cipher.AEAD, error) {
	if len(key) != KeyLen {
		return nil, errs.Internal("check-in key", fmt.Errorf("key of %d bytes", len(key)))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, errs.Internal("check-in key", err)
	}
	return cipher.NewGCM(block)
}

// putToken gives the guest (guestID 0: the event's walk-in) a fresh token, replacing any it had.
func putToken(ctx context.Context, tx *sql.Tx, key []byte, eventID, guestID, staffID int64) (string, error) {
	token, err := newToken()
	if err != nil {
		return "", err
	}
	sealed, err := seal(key, token)
	if err != nil {
		return "", err
	}
	where, args := `guest_id = ?`, []any{guestID}
	if guestID == 0 {
		where, args = `event_id = ? AND guest_id IS NULL`, []any{eventID}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_checkin_tokens WHERE `+where, args...); err != nil {
		return "", errs.Internal("drop token", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_checkin_tokens (event_id, guest_id, token_hash, sealed, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, eventID, store.Nullable(guestID), HashToken(token), sealed, store.Nullable(staffID), store.Now()); err != nil {
		return "", errs.Internal("put token", err)
	}
	return token, nil
}

// GuestTokens returns every guest's token, issuing one to each guest that has none yet (or whose
// token was sealed under a key this PC does not have); renewed counts those re-issued for that reason.
func GuestTokens(ctx context.Context, tx *sql.Tx, key []byte, eventID, staffID int64) (out []GuestToken, renewed int, err error) {
	gs, err := Guests(ctx, tx, eventID)
	if err != nil {
		return nil, 0, err
	}
	if _, err := Get(ctx, tx, eventID); err != nil {
		return nil, 0, err
	}
	sealedOf := map[int64]string{}
	rows, err := tx.QueryContext(ctx, `SELECT guest_id, sealed FROM event_checkin_tokens WHERE event_id = ? AND guest_id IS NOT NULL`, eventID)
	if err != nil {
		return nil, 0, errs.Internal("tokens", err)
	}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return nil, 0, errs.Internal("scan token", err)
		}
		sealedOf[id] = s
	}
	rows.Close()
	out = make([]GuestToken, 0, len(gs))
	for _, g := range gs {
		s, had := sealedOf[g.ID]
		token, ok := unseal(key, s)
		if !ok {
			if token, err = putToken(ctx, tx, key, eventID, g.ID, staffID); err != nil {
				return nil, 0, err
			}
			if had {
				renewed++
			}
		}
		out = append(out, GuestToken{GuestID: g.ID, CustomerID: g.CustomerID, Name: g.Name, Salutation: salutation(g.Name, g.Gender),
			TableNumber: g.TableNumber, TableName: g.TableName, Status: g.Status, Token: token})
	}
	return out, renewed, nil
}

// RotateGuestToken replaces a guest's token (a poster went to the wrong person): the old one stops
// working at once.
func RotateGuestToken(ctx context.Context, tx *sql.Tx, key []byte, eventID, guestID, staffID int64) (GuestToken, error) {
	g, err := guest(ctx, tx, eventID, guestID)
	if err != nil {
		return GuestToken{}, err
	}
	token, err := putToken(ctx, tx, key, eventID, g.ID, staffID)
	return GuestToken{GuestID: g.ID, CustomerID: g.CustomerID, Name: g.Name, Salutation: salutation(g.Name, g.Gender),
		TableNumber: g.TableNumber, TableName: g.TableName, Status: g.Status, Token: token}, err
}

// WalkInToken returns the event's walk-in token (the door stand's QR), issuing it the first time;
// rotate replaces it.
func WalkInToken(ctx context.Context, tx *sql.Tx, key []byte, eventID, staffID int64, rotate bool) (string, error) {
	if _, err := Get(ctx, tx, eventID); err != nil {
		return "", err
	}
	if !rotate {
		var s string
		err := tx.QueryRowContext(ctx, `SELECT sealed FROM event_checkin_tokens WHERE event_id = ? AND guest_id IS NULL`, eventID).Scan(&s)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", errs.Internal("walk-in token", err)
		}
		if token, ok := unseal(key, s); ok {
			return token, nil
		}
	}
	return putToken(ctx, tx, key, eventID, 0, staffID)
}
