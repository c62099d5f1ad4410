package print

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/settings"
	"jiuke/backend/store"
)

// Material is what one event's printed pages need, loaded once for a whole batch.
type Material struct {
	Event     events.Event
	Shop      string
	Style     Style
	Logo      image.Image
	Map       image.Image
	HostPhone string
	// Guests are those an invitation goes to: not declined, not on the waitlist, in seat order.
	Guests []events.Guest
	Tables []events.Table
}

// Load gathers an event's material.
func Load(ctx context.Context, q store.Querier, eventID int64) (m Material, err error) {
	if m.Event, err = events.Get(ctx, q, eventID); err != nil {
		return m, err
	}
	shop, err := settings.Load(ctx, q)
	if err != nil {
		return m, err
	}
	m.Shop = shop.Name
	if m.Style, err = LoadStyle(ctx, q); err != nil {
		return m, err
	}
	if m.Logo, err = LoadImage(ctx, q, Logo, ""); err != nil {
		return m, err
	}
	if m.Map, err = LoadImage(ctx, q, Map, m.Event.Venue); err != nil {
		return m, err
	}
	if m.Event.HostStaffID != 0 {
		if m.HostPhone, err = Phone(ctx, q, m.Event.HostStaffID); err != nil {
			return m, err
		}
	}
	gs, err := events.Guests(ctx, q, eventID)
	if err != nil {
		return m, err
	}
	m.Guests = []events.Guest{}
	for _, g := range gs {
		if g.Status != events.Declined && !g.Waitlisted {
			m.Guests = append(m.Guests, g)
		}
	}
	if m.Tables, err = events.Tables(ctx, q, eventID); err != nil {
		return m, err
	}
	return m, nil
}

// Guest finds one invited guest of the event.
func (m Material) Guest(guestID int64) (events.Guest, error) {
	for _, g := range m.Guests {
		if g.ID == guestID {
			return g, nil
		}
	}
	return events.Guest{}, errs.NotFound("本活动的受邀宾客中没有这位（已婉拒或候补的宾客不发邀请函）")
}

// TableLabel is how a seated guest's table is written: 3号桌·主桌; "" when not seated.
func TableLabel(number int, name string) string {
	if number <= 0 {
		return ""
	}
	s := fmt.Sprintf("%d号桌", number)
	if name = strings.TrimSpace(name); name != "" && name != s {
		s += "·" + name
	}
	return s
}

// Poster is one guest's poster, saying what the event and the style say; qr is their check-in URL.
func (m Material) Poster(g events.Guest, qr string) PosterData {
	ev := m.Event
	return PosterData{
		ShopName: m.Shop, EventName: ev.Name, Theme: ev.Theme,
		When:  events.Render("{时间}", ev, g),
		Venue: ev.Venue, Address: ev.Address,
		Salutation: events.Salutation(g.Name, g.Gender),
		Table:      TableLabel(g.TableNumber, g.TableName),
		Wording:    events.Render(m.Style.Wording, ev, g),
		HostName:   ev.HostName, HostPhone: m.HostPhone,
		Wines: ev.FeaturedProducts, QR: qr, Logo: m.Logo, Map: m.Map,
	}
}

// PosterName is a guest's file in the batch: 姓名-3号桌.png, or 姓名.png when not seated; a second
// guest of the same name and table gets 姓名-3号桌(2).png. seen carries the names used so far.
func PosterName(g events.Guest, seen map[string]int) string {
	stem := safeName(g.Name)
	if g.TableNumber > 0 {
		stem += fmt.Sprintf("-%d号桌", g.TableNumber)
	}
	seen[stem]++
	if n := seen[stem]; n > 1 {
		stem += fmt.Sprintf("(%d)", n)
	}
	return stem + ".png"
}

// safeName keeps a guest's name usable as a file name on Windows.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return "宾客"
	}
	return s
}

// PostersZip renders every poster as PNG into one zip; progress is told after each.
func PostersZip(ds []PosterData, names []string, layout, accent string, progress func(done int)) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, d := range ds {
		data, err := PosterPNG(d, layout, accent)
		if err != nil {
			return nil, err
		}
		// Stored, not deflated: PNGs are compressed already. The UTF-8 flag keeps Chinese names.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: names[i], Method: zip.Store, Flags: 0x800})
		if err != nil {
			return nil, errs.Internal("zip poster", err)
		}
		if _, err := w.Write(data); err != nil {
			return nil, errs.Internal("zip poster", err)
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, errs.Internal("zip posters", err)
	}
	return buf.Bytes(), nil
}
