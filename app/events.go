package app

import (
	"context"
	"database/sql"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/staff"
	"jiuke/backend/store"
)

// Events is the tasting-event service (活动): plan, guests and invitations, seating, the sign-in desk,
// exports, follow-ups and what an event brought in.
type Events struct{ core *Core }

// EventOptions is what the event forms offer.
type EventOptions struct {
	Kinds          []string                `json:"kinds"`
	CostCategories []string                `json:"costCategories"`
	Placeholders   []string                `json:"placeholders"`
	Staff          []StaffName             `json:"staff"`
	Tags           []TagOption             `json:"tags"`
	Templates      []events.InviteTemplate `json:"templates"`
}

// StaffName is an active staff member for host and assignee pickers.
type StaffName struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// TagOption is a customer tag for filters and seating groups.
type TagOption struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// EventDetail is everything the event page shows at once.
type EventDetail struct {
	Event  events.Event   `json:"event"`
	Guests []events.Guest `json:"guests"`
	Tables []events.Table `json:"tables"`
	Costs  []events.Cost  `json:"costs"`
	Tasks  []events.Task  `json:"tasks"`
	Live   events.Live    `json:"live"`
}

func (s *Events) Options() (EventOptions, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return EventOptions{}, err
	}
	out := EventOptions{Kinds: events.Kinds, CostCategories: events.CostCategories, Placeholders: events.Placeholders, Staff: []StaffName{}, Tags: []TagOption{}}
	list, err := staff.List(ctx, db)
	if err != nil {
		return out, err
	}
	for _, m := range list {
		out.Staff = append(out.Staff, StaffName{m.ID, m.Name})
	}
	rows, err := db.QueryContext(ctx, `SELECT id, name FROM tags ORDER BY tag_group, name`)
	if err != nil {
		return out, errs.Internal("event tags", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t TagOption
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return out, errs.Internal("scan tag", err)
		}
		out.Tags = append(out.Tags, t)
	}
	out.Templates, err = events.InviteTemplates(ctx, db)
	return shown(s.core, out, err)
}

func (s *Events) List(state string) ([]events.Event, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := events.List(ctx, db, state)
	return shown(s.core, res, err)
}

func (s *Events) Detail(id int64) (EventDetail, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return EventDetail{}, err
	}
	res, err := s.detail(ctx, db, id)
	return shown(s.core, res, err)
}

func (s *Events) detail(ctx context.Context, q store.Querier, id int64) (d EventDetail, err error) {
	if d.Event, err = events.Get(ctx, q, id); err != nil {
		return d, err
	}
	if d.Guests, err = events.Guests(ctx, q, id); err != nil {
		return d, err
	}
	if d.Tables, err = events.Tables(ctx, q, id); err != nil {
		return d, err
	}
	if d.Costs, err = events.Costs(ctx, q, id); err != nil {
		return d, err
	}
	if d.Tasks, err = events.Tasks(ctx, q, id); err != nil {
		return d, err
	}
	if d.Live, err = events.LiveCount(ctx, q, id); err != nil {
		return d, err
	}
	return d, nil
}

func (s *Events) Create(in events.Input) (out events.Event, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.Create(ctx, tx, in, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "创建活动", "event", out.ID, out.Name, map[string]string{"kind": out.Kind, "startsAt": out.StartsAt})
	})
	return shown(s.core, out, err)
}

func (s *Events) Update(id int64, in events.Input) (out events.Event, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.Update(ctx, tx, id, in); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改活动", "event", id, out.Name, nil)
	})
	return shown(s.core, out, err)
}

// SetState moves the event to 邀请中, 进行中, 已结束 or 已取消.
func (s *Events) SetState(id int64, state string) (out events.Event, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SetState(ctx, tx, id, state, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "活动状态", "event", id, out.Name, map[string]string{"state": events.StateName(state)})
	})
	return shown(s.core, out, err)
}

// Candidates finds customers to invite by search and filters.
func (s *Events) Candidates(eventID int64, f events.Filter) ([]events.Candidate, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	out, err := events.Candidates(ctx, db, eventID, f)
	return shown(s.core, out, err)
}

// AddGuests puts customers on the list; those beyond the capacity go to the waitlist.
func (s *Events) AddGuests(eventID int64, customerIDs []int64, companions int) (out events.AddResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.AddGuests(ctx, tx, eventID, customerIDs, companions, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "添加活动宾客", "event", eventID, eventLabel(ctx, tx, eventID), out)
	})
	return shown(s.core, out, err)
}

// SetGuestStatus changes the state of one or more guests.
func (s *Events) SetGuestStatus(eventID int64, guestIDs []int64, status string) (n int, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if n, err = events.SetStatus(ctx, tx, eventID, guestIDs, status, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "宾客状态", "event", eventID, eventLabel(ctx, tx, eventID), map[string]any{"status": events.GuestStatusName(status), "guests": n})
	})
	return n, err
}

func (s *Events) SetCompanions(eventID, guestID int64, companions int) (out events.Guest, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SetCompanions(ctx, tx, eventID, guestID, companions, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "宾客同行人数", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), map[string]int{"companions": companions})
	})
	return shown(s.core, out, err)
}

func (s *Events) RemoveGuest(eventID, guestID int64) (out events.Guest, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.RemoveGuest(ctx, tx, eventID, guestID, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "移除活动宾客", "event", eventID, eventPartLabel(ctx, tx, eventID, out.Name), nil)
	})
	return shown(s.core, out, err)
}

// Invitations renders the event's invitation for every guest.
func (s *Events) Invitations(eventID int64) ([]events.Invitation, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := events.Invitations(ctx, db, eventID)
	return shown(s.core, res, err)
}

func (s *Events) SaveInviteTemplate(name, body string) (out events.InviteTemplate, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SaveInviteTemplate(ctx, tx, name, body); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存邀请模板", "invite_template", out.ID, out.Name, nil)
	})
	return shown(s.core, out, err)
}

func (s *Events) SetInviteText(eventID int64, body string) (out events.Event, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = events.SetInviteText(ctx, tx, eventID, body); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "修改邀请内容", "event", eventID, out.Name, nil)
	})
	return shown(s.core, out, err)
}

// MarkInvited records that invitations were copied to send: 待邀请 becomes 已邀请.
func (s *Events) MarkInvited(eventID int64, guestIDs []int64) (n int, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if n, err = events.MarkInvited(ctx, tx, eventID, guestIDs, a.ID); err != nil || n == 0 {
			return err
		}
		return s.core.log(ctx, tx, a, "发送邀请", "event", eventID, eventLabel(ctx, tx, eventID), map[string]int{"guests": n})
	})
	return n, err
}
