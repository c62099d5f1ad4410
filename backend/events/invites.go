package events

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Placeholders an invitation may use.
var Placeholders = []string{"{姓名}", "{称呼}", "{活动名称}", "{时间}", "{地点}", "{桌号}"}

// InviteTemplate is a saved invitation text.
type InviteTemplate struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Body string `json:"body"`
}

// InviteTemplates lists the saved texts.
func InviteTemplates(ctx context.Context, q store.Querier) ([]InviteTemplate, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, body FROM invite_templates ORDER BY id`)
	if err != nil {
		return nil, errs.Internal("invite templates", err)
	}
	defer rows.Close()
	out := []InviteTemplate{}
	for rows.Next() {
		var t InviteTemplate
		if err := rows.Scan(&t.ID, &t.Name, &t.Body); err != nil {
			return nil, errs.Internal("scan invite template", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func checkBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return body, errs.Invalid("body", "请填写邀请内容")
	case utf8.RuneCountInString(body) > 500:
		return body, errs.Invalid("body", "邀请内容不能超过500个字")
	}
	return body, nil
}

// SaveInviteTemplate stores a text under a name, replacing the text of that name.
func SaveInviteTemplate(ctx context.Context, tx *sql.Tx, name, body string) (InviteTemplate, error) {
	name = strings.TrimSpace(name)
	body, err := checkBody(body)
	if err != nil {
		return InviteTemplate{}, err
	}
	if name == "" {
		return InviteTemplate{}, errs.Invalid("name", "请填写模板名称")
	}
	if err := errs.Text("name", "模板名称", name, errs.NameLen); err != nil {
		return InviteTemplate{}, err
	}
	var t InviteTemplate
	err = tx.QueryRowContext(ctx, `INSERT INTO invite_templates (name, body, created_at) VALUES (?,?,?)
		ON CONFLICT (name) DO UPDATE SET body = excluded.body RETURNING id, name, body`, name, body, store.Now()).Scan(&t.ID, &t.Name, &t.Body)
	if err != nil {
		return t, errs.Internal("save invite template", err)
	}
	return t, nil
}

// SetInviteText sets the invitation text an event's guests receive.
func SetInviteText(ctx context.Context, tx *sql.Tx, eventID int64, body string) (Event, error) {
	body, err := checkBody(body)
	if err != nil {
		return Event{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET invite_text = ?, updated_at = ? WHERE id = ?`, body, store.Now(), eventID); err != nil {
		return Event{}, errs.Internal("set invite text", err)
	}
	return Get(ctx, tx, eventID)
}

// Invitation is the text one guest receives.
type Invitation struct {
	GuestID int64  `json:"guestId"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Text    string `json:"text"`
}

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// when writes an event's start the way an invitation says it: 11月28日（周六）19:00.
func when(startsAt string) string {
	t, err := time.Parse(timeLayout, startsAt)
	if err != nil {
		return startsAt
	}
	return fmt.Sprintf("%d月%d日（周%s）%s", t.Month(), t.Day(), weekdays[t.Weekday()], t.Format("15:04"))
}

// salutation is how an invitation or poster addresses a guest (Salutation for other packages): the surname and 先生/女士 by gender
// (欧阳女士: compound surnames stay whole), or with no gender (or a name that is not a Chinese
// personal name) the full name and 贵宾, never a guess at the gender.
func salutation(name, gender string) string {
	name = strings.TrimSpace(name)
	title := map[string]string{"M": "先生", "F": "女士"}[gender]
	if title == "" {
		return name + "贵宾"
	}
	if s := customers.Surname(name); s != "" {
		return s + title
	}
	return name + title
}

// Render fills the placeholders for one guest.
func Render(body string, ev Event, g Guest) string {
	place := ev.Venue
	if ev.Address != "" {
		place = strings.TrimSpace(place + "（" + ev.Address + "）")
	}
	seat := "座位待定"
	if g.TableNumber > 0 {
		seat = fmt.Sprintf("%d号桌", g.TableNumber)
		if g.TableName != "" {
			seat += "·" + g.TableName
		}
	}
	return strings.NewReplacer("{姓名}", g.Name, "{称呼}", salutation(g.Name, g.Gender), "{活动名称}", ev.Name,
		"{时间}", when(ev.StartsAt), "{地点}", place, "{桌号}", seat).Replace(body)
}

// Invitations renders the event's text for every guest not declined.
func Invitations(ctx context.Context, q store.Querier, eventID int64) ([]Invitation, error) {
	ev, err := Get(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	gs, err := Guests(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	out := []Invitation{}
	for _, g := range gs {
		if g.Status == Declined || g.Waitlisted {
			continue
		}
		out = append(out, Invitation{GuestID: g.ID, Name: g.Name, Status: g.Status, Text: Render(ev.InviteText, ev, g)})
	}
	return out, nil
}

// MarkInvited records that an invitation was sent (copied for WeChat or SMS): 待邀请 becomes
// 已邀请; guests further along keep their state. It reports how many changed.
func MarkInvited(ctx context.Context, tx *sql.Tx, eventID int64, guestIDs []int64, staffID int64) (int, error) {
	ev, err := Get(ctx, tx, eventID)
	if err != nil {
		return 0, err
	}
	if err := open(ev); err != nil {
		return 0, err
	}
	n := 0
	for _, id := range guestIDs {
		res, err := tx.ExecContext(ctx, `UPDATE event_guests SET status = 'invited', status_at = ?, status_by = ?
			WHERE id = ? AND event_id = ? AND status = 'pending'`, store.Now(), store.Nullable(staffID), id, eventID)
		if err != nil {
			return n, errs.Internal("mark invited", err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}
