package app

import (
	"context"
	"database/sql"

	"jiuke/backend/audit"
	"jiuke/backend/communities"
	"jiuke/backend/staff"
)

// Communities is the communities service (社群): the company's customer chat groups, their members,
// activities, health, fission rewards and lucky draws.
type Communities struct{ core *Core }

// mask hides phone numbers from clerks, as the customer list does.
func (s *Communities) mask(m *string) {
}

func (s *Communities) List() ([]communities.Group, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := communities.List(ctx, db)
	return shown(s.core, res, err)
}

func (s *Communities) Get(id int64) (communities.Group, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return communities.Group{}, err
	}
	res, err := communities.Get(ctx, db, id)
	return shown(s.core, res, err)
}

// OfCustomer lists the groups a customer is in, e.g. to say which one a purchase came from.
func (s *Communities) OfCustomer(customerID int64) ([]communities.Group, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := communities.OfCustomer(ctx, db, customerID)
	return shown(s.core, res, err)
}

// Save creates or edits a group; groups belong to the company, so managers set them up.
func (s *Communities) Save(g communities.Group) (out communities.Group, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var old any
		if g.ID != 0 {
			if old, err = communities.Get(ctx, tx, g.ID); err != nil {
				return err
			}
		}
		if out, err = communities.Save(ctx, tx, g); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "保存社群", "community", out.ID, out.Name, audit.Change{Old: old, New: out})
	})
	return shown(s.core, out, err)
}

func (s *Communities) Members(groupID int64, withLeft bool) ([]communities.Member, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	list, err := communities.Members(ctx, db, groupID, withLeft)
	return shown(s.core, list, err)
}

// Candidates lists customers a filter finds, for the add-members dialog.
func (s *Communities) Candidates(groupID int64, f communities.Filter) ([]communities.Candidate, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	list, err := communities.Candidates(ctx, db, groupID, f)
	return shown(s.core, list, err)
}

func (s *Communities) AddMembers(req communities.AddRequest) (out communities.AddResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = communities.AddMembers(ctx, tx, req, a.ID); err != nil {
			return err
		}
		g, _ := communities.Get(ctx, tx, req.GroupID)
		return s.core.log(ctx, tx, a, "社群加人", "community", req.GroupID, g.Name,
			map[string]any{"ids": req.IDs, "added": out.Added, "inviterId": req.InviterID, "role": req.Role, "rewarded": out.Rewarded})
	})
	return shown(s.core, out, err)
}

func (s *Communities) Leave(groupID, customerID int64, date string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := communities.Leave(ctx, tx, groupID, customerID, date); err != nil {
			return err
		}
		g, _ := communities.Get(ctx, tx, groupID)
		return s.core.log(ctx, tx, a, "社群退群", "community", groupID, g.Name, map[string]any{"customerId": customerID, "date": date})
	})
}

func (s *Communities) SetRole(groupID, customerID int64, role string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := communities.SetRole(ctx, tx, groupID, customerID, role); err != nil {
			return err
		}
		g, _ := communities.Get(ctx, tx, groupID)
		return s.core.log(ctx, tx, a, "社群角色", "community", groupID, g.Name, map[string]any{"customerId": customerID, "role": role})
	})
}

// MatchPasted matches a pasted list of remark names (张三-8000) to customers.
func (s *Communities) MatchPasted(groupID int64, text string) ([]communities.PastedName, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	list, err := communities.MatchPasted(ctx, db, groupID, text)
	return shown(s.core, list, err)
}

func (s *Communities) Activities(groupID int64) ([]communities.Activity, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := communities.Activities(ctx, db, groupID)
	return shown(s.core, res, err)
}

func (s *Communities) AddActivity(in communities.Activity) (out communities.Activity, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = communities.AddActivity(ctx, tx, in, a.ID); err != nil {
			return err
		}
		g, _ := communities.Get(ctx, tx, in.GroupID)
		return s.core.log(ctx, tx, a, "社群活动", "community", in.GroupID, g.Name, out)
	})
	return shown(s.core, out, err)
}

func (s *Communities) DeleteActivity(id int64) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := communities.DeleteActivity(ctx, tx, id)
		if err != nil {
			return err
		}
		g, _ := communities.Get(ctx, tx, old.GroupID)
		return s.core.log(ctx, tx, a, "删除社群活动", "community", old.GroupID, g.Name, old)
	})
}

// Health is every live group's vital signs, ranked.
func (s *Communities) Health() ([]communities.Health, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	return communities.HealthReport(ctx, db, "")
}

func (s *Communities) Settings() (communities.Settings, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return communities.Settings{}, err
	}
	return communities.LoadSettings(ctx, db)
}

func (s *Communities) SaveSettings(in communities.Settings) (out communities.Settings, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		old, err := communities.LoadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if out, err = communities.SaveSettings(ctx, tx, in); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "社群设置", "settings", 0, "社群备注名与裂变奖励", audit.Change{Old: old, New: out})
	})
	return shown(s.core, out, err)
}

// Invites is a group's inviter tree.
func (s *Communities) Invites(groupID int64) ([]communities.InviteNode, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := communities.GroupInvites(ctx, db, groupID)
	return shown(s.core, res, err)
}

// CustomerInvites is everyone a customer brought into groups, shown next to their referral tree.
func (s *Communities) CustomerInvites(customerID int64) ([]communities.InviteNode, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	res, err := communities.CustomerInvites(ctx, db, customerID)
	return shown(s.core, res, err)
}

// Options are the tags and events the add and draw dialogs offer.
type GroupOptions struct {
	Tags   []communities.Option `json:"tags"`
	Events []communities.Option `json:"events"`
}

func (s *Communities) Options() (out GroupOptions, err error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return out, err
	}
	if out.Tags, err = communities.TagOptions(ctx, db); err != nil {
		return out, err
	}
	out.Events, err = communities.EventOptions(ctx, db)
	return shown(s.core, out, err)
}

// DrawPool shows who could win before the draw.
func (s *Communities) DrawPool(req communities.DrawRequest) (communities.PoolInfo, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return communities.PoolInfo{}, err
	}
	info, err := communities.Pool(ctx, db, req)
	return shown(s.core, info, err)
}

// Draw runs and records a lucky draw, taking the prizes from stock; the seed and winners go to the
// audit log.
func (s *Communities) Draw(req communities.DrawRequest) (out communities.DrawResult, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = communities.Draw(ctx, tx, req, a.ID); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "抽奖", "draw", out.ID, out.Title,
			map[string]any{"groupId": out.GroupID, "eventId": out.EventID, "seed": out.Seed, "pool": out.PoolSize, "winners": out.Winners})
	})
	return shown(s.core, out, err)
}

func (s *Communities) Draws(groupID, eventID int64) ([]communities.DrawResult, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return nil, err
	}
	list, err := communities.Draws(ctx, db, groupID, eventID)
	return shown(s.core, list, err)
}

// VerifyDraw re-runs a draw's recorded seed and says whether it gives the same winners.
func (s *Communities) VerifyDraw(id int64) (communities.DrawResult, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return communities.DrawResult{}, err
	}
	d, err := communities.Verify(ctx, db, id)
	return shown(s.core, d, err)
}
