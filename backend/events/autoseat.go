package events

import (
	"context"
	"database/sql"
	"sort"

	"jiuke/backend/errs"
	"jiuke/backend/scoring"
	"jiuke/backend/store"
)

// AutoSeatOptions shape the automatic seating.
type AutoSeatOptions struct {
	// TagID seats the guests carrying this tag together (0: no grouping).
	TagID int64 `json:"tagId"`
	// HostPerTable gives every table without a host one of the active staff, the event's host at table 1.
	HostPerTable bool `json:"hostPerTable"`
}

// AutoSeatResult says how many guests got a seat and how many did not fit.
type AutoSeatResult struct {
	Seated   int `json:"seated"`
	Unseated int `json:"unseated"`
	Tables   int `json:"tables"`
}

// seatUnit is guests who should sit together: one guest, or everyone with the chosen tag.
type seatUnit struct {
	guests []Guest
}

// AutoSeat seats everyone expected afresh: higher levels and higher core score (backend/scoring)
// nearer table 1, companions always with their guest, guests with the chosen tag
// together. With no tables yet it adds tables of 10.
func AutoSeat(ctx context.Context, tx *sql.Tx, eventID int64, opt AutoSeatOptions) (AutoSeatResult, error) {
	var res AutoSeatResult
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return res, err
	}
	if err := open(ev); err != nil {
		return res, err
	}
	all, err := Guests(ctx, tx, eventID)
	if err != nil {
		return res, err
	}
	var seatable []Guest
	people := 0
	for _, g := range all {
		if !g.Waitlisted && g.Status != Declined && g.Status != NoShow {
			seatable = append(seatable, g)
			people += g.people()
		}
	}
	if len(seatable) == 0 {
		return res, errs.Conflict("guests", "还没有需要安排座位的宾客", nil)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_guests SET table_id = NULL WHERE event_id = ?`, eventID); err != nil {
		return res, errs.Internal("clear seats", err)
	}
	tables, err := Tables(ctx, tx, eventID)
	if err != nil {
		return res, err
	}
	if len(tables) == 0 {
		per := 10
		if opt.HostPerTable {
			per = 9
		}
		if tables, err = AddTables(ctx, tx, eventID, (people+per-1)/per, 10); err != nil {
			return res, err
		}
	}
	if opt.HostPerTable {
		if err := assignHosts(ctx, tx, ev, tables); err != nil {
			return res, err
		}
		if tables, err = Tables(ctx, tx, eventID); err != nil {
			return res, err
		}
	}
	units, err := units(ctx, tx, seatable, opt.TagID)
	if err != nil {
		return res, err
	}
	free := make([]int, len(tables))
	for i, t := range tables {
		free[i] = t.Seats - t.Used
	}
	seat := func(g Guest, i int) error {
		free[i] -= g.people()
		res.Seated++
		_, err := tx.ExecContext(ctx, `UPDATE event_guests SET table_id = ? WHERE id = ?`, tables[i].ID, g.ID)
		return err
	}
	for _, u := range units {
		// A group fills tables one after the other from the first with room, so it stays together
		// as far as seats allow; a single guest takes the first table their party fits.
		start := 0
		for _, g := range u.guests {
			placed := false
			for i := start; i < len(tables); i++ {
				if free[i] >= g.people() {
					if err := seat(g, i); err != nil {
						return res, errs.Internal("auto seat", err)
					}
					if len(u.guests) > 1 {
						start = i
					}
					placed = true
					break
				}
			}
			if !placed {
				res.Unseated++
			}
		}
	}
	res.Tables = len(tables)
	return res, nil
}

// units groups and orders the guests for seating, the most important first.
func units(ctx context.Context, q store.Querier, guests []Guest, tagID int64) ([]seatUnit, error) {
	scores, err := scoring.Totals(ctx, q, store.Today())
	if err != nil {
		return nil, err
	}
	tagged := map[int64]bool{}
	if tagID != 0 {
		rows, err := q.QueryContext(ctx, `SELECT customer_id FROM customer_tags WHERE tag_id = ?`, tagID)
		if err != nil {
			return nil, errs.Internal("tagged guests", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, errs.Internal("scan tagged", err)
			}
			tagged[id] = true
		}
		rows.Close()
	}
	better := func(a, b Guest) bool {
		if a.LevelRank != b.LevelRank {
			return a.LevelRank > b.LevelRank
		}
		if scores[a.CustomerID] != scores[b.CustomerID] {
			return scores[a.CustomerID] > scores[b.CustomerID]
		}
		return a.ID < b.ID
	}
	sort.SliceStable(guests, func(i, j int) bool { return better(guests[i], guests[j]) })
	var out []seatUnit
	group := -1
	for _, g := range guests {
		if tagged[g.CustomerID] {
			if group < 0 {
				group = len(out)
				out = append(out, seatUnit{})
			}
			out[group].guests = append(out[group].guests, g)
			continue
		}
		out = append(out, seatUnit{guests: []Guest{g}})
	}
	return out, nil
}

// assignHosts gives tables without a host an active staff member, round robin, the event's host first.
func assignHosts(ctx context.Context, tx *sql.Tx, ev Event, tables []Table) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM staff WHERE active = 1
		AND id NOT IN (SELECT host_staff_id FROM event_tables WHERE event_id = ? AND host_staff_id IS NOT NULL)
		ORDER BY id != ?, id`, ev.ID, ev.HostStaffID)
	if err != nil {
		return errs.Internal("hosts", err)
	}
	var staff []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Internal("scan host", err)
		}
		staff = append(staff, id)
	}
	rows.Close()
	i := 0
	for _, t := range tables {
		if t.HostStaffID != 0 || i >= len(staff) || t.Seats-t.Used < 1 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_tables SET host_staff_id = ? WHERE id = ?`, staff[i], t.ID); err != nil {
			return errs.Internal("assign host", err)
		}
		i++
	}
	return nil
}
