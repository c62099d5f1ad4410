package app

import (
	"bytes"
	"context"
	"database/sql"

	"jiuke/backend/events"
	"jiuke/backend/staff"
)

// Seating, the sign-in desk, the budget and checklist, exports and the after-event measures.

func (s *Events) AddTables(eventID int64, count, seats int) (out []events.Table, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.AddTables(ctx, tx, eventID, count, seats); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "添加桌位", "event", eventID, eventLabel(ctx, tx, eventID), map[string]int{"count": count, "seats": seats})
	})
	return shown(s.core, out, err)
}

func (s *Events) UpdateTable(eventID, tableID int64, in events.TableInput) (out events.Table, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.UpdateTable(ctx, tx, eventID, tableID, in); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改桌位", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), in)
	})
	return shown(s.core, out, err)
}

func (s *Events) RemoveTable(eventID, tableID int64) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := events.RemoveTable(ctx, tx, eventID, tableID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除桌位", "event", eventID, eventLabel(ctx, tx, eventID), map[string]int64{"tableId": tableID})
	})
}

// AutoSeat seats everyone afresh by level and core score.
func (s *Events) AutoSeat(eventID int64, opt events.AutoSeatOptions) (out events.AutoSeatResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.AutoSeat(ctx, tx, eventID, opt); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "自动排座", "event", eventID, eventLabel(ctx, tx, eventID), out)
	})
	return shown(s.core, out, err)
}

// Seat moves a guest to a table (0: off every table).
func (s *Events) Seat(eventID, guestID, tableID int64) (out events.Guest, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.Seat(ctx, tx, eventID, guestID, tableID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "调整座位", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), map[string]int{"table": out.TableNumber})
	})
	return shown(s.core, out, err)
}

// CheckInEvent is pushed after every check-in so other sign-in desks update their counts at once.
const CheckInEvent = "event:checkin"

func (s *Events) checkIn(eventID int64, do func(ctx context.Context, tx *sql.Tx, a staff.Member) (events.CheckInResult, error)) (out events.CheckInResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = do(ctx, tx, a); err != nil || out.Already {
			return err
		}
		return s.core.log(ctx, tx, a, "活动签到", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Guest.Name), map[string]any{"walkIn": out.Guest.WalkIn, "points": out.Points})
	})
	if err == nil && !out.Already && s.core.Events != nil {
		s.core.Events.Emit(CheckInEvent, map[string]int64{"eventId": eventID, "guestId": out.Guest.ID})
	}
	return shown(s.core, out, err)
}

// CheckIn signs in a guest found by search.
func (s *Events) CheckIn(eventID, customerID int64) (events.CheckInResult, error) {
	return s.checkIn(eventID, func(ctx context.Context, tx *sql.Tx, a staff.Member) (events.CheckInResult, error) {
		res, err := events.CheckIn(ctx, tx, eventID, customerID, a.ID)
		return shown(s.core, res, err)
	})
}

// CheckInByCard signs in the holder of a scanned card.
func (s *Events) CheckInByCard(eventID int64, number string) (events.CheckInResult, error) {
	return s.checkIn(eventID, func(ctx context.Context, tx *sql.Tx, a staff.Member) (events.CheckInResult, error) {
		res, err := events.CheckInByCard(ctx, tx, eventID, number, a.ID)
		return shown(s.core, res, err)
	})
}

// WalkIn adds and signs in someone who came uninvited.
func (s *Events) WalkIn(eventID, customerID int64, companions int) (events.CheckInResult, error) {
	return s.checkIn(eventID, func(ctx context.Context, tx *sql.Tx, a staff.Member) (events.CheckInResult, error) {
		res, err := events.WalkIn(ctx, tx, eventID, customerID, companions, a.ID)
		return shown(s.core, res, err)
	})
}

// Live is the sign-in desk's running count; the desk polls it.
func (s *Events) Live(eventID int64) (events.Live, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return events.Live{}, err
	}
	res, err := events.LiveCount(ctx, db, eventID)
	return shown(s.core, res, err)
}

func (s *Events) SaveCost(c events.Cost) (out events.Cost, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SaveCost(ctx, tx, c); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "活动费用", "event", c.EventID, eventPartLabel(ctx, tx, c.EventID, out.Category+" "+out.Item), out)
	})
	return shown(s.core, out, err)
}

func (s *Events) DeleteCost(eventID, costID int64) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := events.DeleteCost(ctx, tx, eventID, costID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除活动费用", "event", eventID, eventLabel(ctx, tx, eventID), map[string]int64{"costId": costID})
	})
}

func (s *Events) SaveTask(t events.Task) (out events.Task, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SaveTask(ctx, tx, t); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "流程清单", "event", t.EventID, eventPartLabel(ctx, tx, t.EventID, out.Title), map[string]bool{"done": out.Done})
	})
	return shown(s.core, out, err)
}

func (s *Events) DeleteTask(eventID, taskID int64) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := events.DeleteTask(ctx, tx, eventID, taskID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除流程事项", "event", eventID, eventLabel(ctx, tx, eventID), map[string]int64{"taskId": taskID})
	})
}

// SaveChecklistTemplate makes this event's checklist the default for its kind; it returns the kind.
func (s *Events) SaveChecklistTemplate(eventID int64) (kind string, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var n int
		if kind, n, err = events.SaveChecklistTemplate(ctx, tx, eventID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存流程模板", "event", eventID, eventPartLabel(ctx, tx, eventID, kind), map[string]int{"items": n})
	})
	return kind, err
}

// CreateFollowUps writes 回访 tasks for the attendees; it returns how many were added.
func (s *Events) CreateFollowUps(req events.FollowUpRequest) (n int, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if n, err = events.CreateFollowUps(ctx, tx, req, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "活动回访任务", "event", req.EventID, eventLabel(ctx, tx, req.EventID), map[string]int{"added": n})
	})
	return n, err
}

func (s *Events) FollowUpTasks(eventID int64) ([]events.FollowUpTask, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := events.FollowUpTasks(ctx, db, eventID)
	return shown(s.core, res, err)
}

// ROI measures one event over days (default 30) after it.
func (s *Events) ROI(eventID int64, days int) (events.ROI, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return events.ROI{}, err
	}
	res, err := events.EventROI(ctx, db, eventID, days)
	return shown(s.core, res, err)
}

// ROIs measures every ended event.
func (s *Events) ROIs(days int) ([]events.ROI, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := events.ROIs(ctx, db, days)
	return shown(s.core, res, err)
}

// ExportGuests exports the guest list.
func (s *Events) ExportGuests(eventID int64) (ExportFile, error) {
	return (&Sheets{s.core}).exportAbout(events.ExportGuests, eventName(eventID), func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		res, err := events.WriteGuestList(ctx, db, buf, eventID)
		return shown(s.core, res, err)
	})
}

// ExportSignIn exports the printable sign-in sheet.
func (s *Events) ExportSignIn(eventID int64) (ExportFile, error) {
	return (&Sheets{s.core}).exportAbout(events.ExportSignIn, eventName(eventID), func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		res, err := events.WriteSignIn(ctx, db, buf, eventID)
		return shown(s.core, res, err)
	})
}

// ExportTables exports the table list, one block per table.
func (s *Events) ExportTables(eventID int64) (ExportFile, error) {
	return (&Sheets{s.core}).exportAbout(events.ExportTables, eventName(eventID), func(ctx context.Context, db *sql.DB, buf *bytes.Buffer) (int, error) {
		res, err := events.WriteTables(ctx, db, buf, eventID)
		return shown(s.core, res, err)
	})
}

// eventName names an export after its event.
func eventName(id int64) func(context.Context, *sql.DB) (string, error) {
	return func(ctx context.Context, db *sql.DB) (string, error) {
		ev, err := events.Get(ctx, db, id)
		return ev.Name, err
	}
}
