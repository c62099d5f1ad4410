package app

import (
	"context"
	"database/sql"

	"jiuke/backend/events"
	"jiuke/backend/staff"
)

// The sign-in desk's side of guest self check-in: each guest's link and QR, rotating a link, the
// walk-ins held for confirmation, and undoing a check-in.

// CheckInLinks gives every guest's check-in link and the walk-in stand's, for the desk to show or print.
func (s *Events) CheckInLinks(eventID int64) (out CheckInLinks, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		out, err = s.core.checkInURLs(ctx, tx, eventID, a.ID)
		return err
	})
	return out, err
}

// RotateCheckInLink gives a guest a new link (a poster went to the wrong person); the old one stops.
func (s *Events) RotateCheckInLink(eventID, guestID int64) (out GuestLink, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		base, _, err := s.core.lanBase(ctx, tx)
		if err != nil {
			return err
		}
		key, err := s.core.checkInKey()
		if err != nil {
			return err
		}
		t, err := events.RotateGuestToken(ctx, tx, key, eventID, guestID, a.ID)
		if err != nil {
			return err
		}
		out = GuestLink{GuestToken: t, URL: base + GuestCheckInPath + t.Token}
		return s.core.log(ctx, tx, a, "更换签到链接", "event", eventID, eventPartLabel(ctx, tx, eventID, t.Name), map[string]int64{"guestId": guestID})
	})
	return out, err
}

// RotateWalkInLink replaces the door stand's link; stands printed before stop working.
func (s *Events) RotateWalkInLink(eventID int64) (url string, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		base, _, err := s.core.lanBase(ctx, tx)
		if err != nil {
			return err
		}
		key, err := s.core.checkInKey()
		if err != nil {
			return err
		}
		token, err := events.WalkInToken(ctx, tx, key, eventID, a.ID, true)
		if err != nil {
			return err
		}
		url = base + WalkInPath + token
		return s.core.log(ctx, tx, a, "更换现场登记链接", "event", eventID, eventLabel(ctx, tx, eventID), nil)
	})
	return url, err
}

// WalkInRequests lists the walk-ins' forms, pending first.
func (s *Events) WalkInRequests(eventID int64) ([]events.WalkInRequest, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := events.WalkInRequests(ctx, db, eventID)
	return shown(s.core, res, err)
}

// ConfirmWalkIn signs in a held walk-in (the archive's customer with that mobile, or a new one).
func (s *Events) ConfirmWalkIn(eventID, requestID int64, companions int) (events.CheckInResult, error) {
	return s.checkIn(eventID, func(ctx context.Context, tx *sql.Tx, a staff.Member) (events.CheckInResult, error) {
		r, res, err := events.ConfirmWalkIn(ctx, tx, eventID, requestID, companions, a.ID)
		if err != nil {
			return res, err
		}
		if err := s.core.log(ctx, tx, a, "确认现场登记", "event", eventID, eventPartLabel(ctx, tx, eventID, r.Name),
			map[string]int64{"requestId": r.ID, "customerId": r.CustomerID}); err != nil {
			return res, err
		}
		return res, nil
	})
}

// RejectWalkIn turns a held walk-in away.
func (s *Events) RejectWalkIn(eventID, requestID int64) (out events.WalkInRequest, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.RejectWalkIn(ctx, tx, eventID, requestID, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "拒绝现场登记", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), map[string]int64{"requestId": requestID})
	})
	if err == nil {
		s.core.emitCheckIn(eventID, 0)
	}
	return shown(s.core, out, err)
}

// UndoCheckIn takes back a check-in (a guest scanned at home, the wrong 张伟 at the desk); the
// attendance points of that check-in go back too.
func (s *Events) UndoCheckIn(eventID, guestID int64) (out events.Guest, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var back int64
		if out, back, err = events.UndoCheckIn(ctx, tx, eventID, guestID, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "撤销签到", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), map[string]int64{"pointsReversed": back})
	})
	if err == nil {
		s.core.emitCheckIn(eventID, guestID)
	}
	return shown(s.core, out, err)
}

// emitCheckIn tells every desk that an event's arrivals changed (guestID 0: its walk-in forms).
func (c *Core) emitCheckIn(eventID, guestID int64) {
	if c.Events != nil {
		c.Events.Emit(CheckInEvent, map[string]int64{"eventId": eventID, "guestId": guestID})
	}
}
