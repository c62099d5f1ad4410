package demo

import (
	"context"
	"crypto/rand"
	"database/sql"
	"time"

	"jiuke/backend/events"
	"jiuke/backend/store"
)

// fillWalkIns leaves two walk-ins' forms (扫码登记) waiting at the upcoming event's desk: a customer
// of the archive who was not invited, and someone new. They are sent through the walk-in form as a
// phone would, at the event's start; the token is sealed under a throwaway key, so the app issues
// the stand's real one the first time the desk asks for the links.
func fillWalkIns(ctx context.Context, tx *sql.Tx) error {
	var eventID int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM events WHERE state = 'inviting' ORDER BY starts_at LIMIT 1`).Scan(&eventID)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	ev, err := events.Get(ctx, tx, eventID)
	if err != nil {
		return err
	}
	key := make([]byte, events.KeyLen)
	rand.Read(key)
	token, err := events.WalkInToken(ctx, tx, key, eventID, 0, false)
	if err != nil {
		return err
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", ev.StartsAt, store.Shop)
	if err != nil {
		return err
	}
	var name, mobile string
	err = tx.QueryRowContext(ctx, `SELECT name, mobile FROM customers c WHERE mobile IS NOT NULL AND mobile != '' AND archived = 0
		AND NOT EXISTS (SELECT 1 FROM event_guests g WHERE g.event_id = ? AND g.customer_id = c.id) ORDER BY id LIMIT 1`, eventID).Scan(&name, &mobile)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	forms := []events.WalkInInput{{Name: "周家明", Mobile: "19912345678"}}
	if mobile != "" {
		forms = append(forms, events.WalkInInput{Name: name, Mobile: mobile})
	}
	for _, in := range forms {
		if _, _, err := events.RequestWalkIn(ctx, tx, token, in, at.Add(10*time.Minute)); err != nil {
			return err
		}
	}
	return nil
}
