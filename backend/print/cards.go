package print

import (
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	"jiuke/backend/errs"
	"jiuke/backend/events"
)

// Cards and tents are printed on white with the shop's colour, so they read in black and white too.

var (
	ink  = c(0x22, 0x22, 0x22)
	grey = c(0x99, 0x99, 0x99)
)

// cardColour is the trim of cards and tents: the shop's colour, or the deep wine red.
func cardColour(accent string) color.RGBA {
	if a, ok := rgb(accent); ok {
		return a
	}
	return c(0x7B, 0x1E, 0x2B)
}

// folded draws face twice on a sheet folded across its middle: the lower half the right way up and
// the upper half turned over, so a card standing on the table reads from both sides.
func folded(cv Canvas, x, y, w, h float64, face func(b Box)) {
	half := h / 2
	face(Box{x, y + half, w, half})
	cv.UpsideDown(x+w/2, y+half/2, func() { face(Box{x, y, w, half}) })
	cv.Line(x, y+half, x+w, y+half, 0.2, grey, true)
}

// TableCardsPDF is one A5 landscape card per table: its number and name, the shop's logo, the event.
func TableCardsPDF(m Material) ([]byte, []Placed, error) {
	if len(m.Tables) == 0 {
		return nil, nil, errs.Invalid("eventId", "本活动还没有桌位：请先在「座位」中添加桌")
	}
	const w, h = 210.0, 148.0
	doc := NewPDF(w, h)
	col := cardColour(m.Style.Accent)
	var placed []Placed
	for _, t := range m.Tables {
		cv := doc.Page()
		label, name := fmt.Sprintf("%d号桌", t.Number), strings.TrimSpace(t.Name)
		folded(cv, 0, 0, w, h, func(b Box) {
			cv.Frame(b.X+6, b.Y+6, b.W-12, b.H-12, 0.6, col)
			if m.Logo != nil {
				drawImage(cv, m.Logo, Box{b.X + 10, b.Y + 9, 30, 12})
			}
			placed = append(placed, Placed{"event", Box{b.X + 44, b.Y + 9, b.W - 88, 10}, drawText(cv, Box{b.X + 44, b.Y + 9, b.W - 88, 10}, m.Event.Name, 5, 3, 1, Center, ink)})
			big := Box{b.X + 12, b.Y + 21, b.W - 24, 30}
			if name != "" {
				big = Box{b.X + 12, b.Y + 20, b.W - 24, 24}
				placed = append(placed, Placed{"tableName", Box{b.X + 12, b.Y + 46, b.W - 24, 16}, drawText(cv, Box{b.X + 12, b.Y + 46, b.W - 24, 16}, name, 12, 6, 1, Center, col)})
			}
			placed = append(placed, Placed{"table", big, drawText(cv, big, label, 20, 10, 1, Center, col)})
		})
	}
	data, err := doc.Bytes()
	return data, placed, err
}

// Tent is one name tent: a name large, a company or title small.
type Tent struct {
	Name  string
	Title string
	Table string
}

// MaxExtraTents bounds the extra tents typed in (brand guests, speakers).
const MaxExtraTents = 100

// ParseExtraTents reads typed extra tents, one a line: 姓名 单位/职务.
func ParseExtraTents(text string) ([]Tent, error) {
	var out []Tent
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(out) == MaxExtraTents {
			return nil, errs.Invalid("extra", fmt.Sprintf("其他席卡最多%d张", MaxExtraTents))
		}
		if utf8.RuneCountInString(line) > 60 {
			return nil, errs.Invalid("extra", fmt.Sprintf("其他席卡第%d行太长（最多60个字）", i+1))
		}
		name, title, _ := strings.Cut(strings.Join(strings.Fields(line), " "), " ")
		out = append(out, Tent{Name: name, Title: title})
	}
	return out, nil
}

// Tents lists the event's tents in seat order: table by table, its host first, then its guests; then
// guests not yet seated; the event's host first of all when they host no table.
func Tents(m Material) []Tent {
	var out []Tent
	hosting := false
	for _, t := range m.Tables {
		hosting = hosting || (t.HostStaffID != 0 && t.HostStaffID == m.Event.HostStaffID)
	}
	if m.Event.HostName != "" && !hosting {
		out = append(out, Tent{Name: m.Event.HostName, Title: m.Shop})
	}
	invited := map[int64]bool{}
	for _, g := range m.Guests {
		invited[g.ID] = true
	}
	for _, t := range m.Tables {
		label := TableLabel(t.Number, t.Name)
		if t.HostName != "" {
			out = append(out, Tent{Name: t.HostName, Title: m.Shop, Table: label})
		}
		for _, g := range t.Guests {
			if invited[g.ID] {
				out = append(out, guestTent(g, label))
			}
		}
	}
	for _, g := range m.Guests {
		if g.TableID == 0 {
			out = append(out, guestTent(g, ""))
		}
	}
	return out
}

func guestTent(g events.Guest, table string) Tent {
	return Tent{Name: g.Name, Title: g.Company, Table: table}
}

// NameTentsPDF prints tents two to an A4 sheet, each folded across its middle.
func NameTentsPDF(tents []Tent, accent string) ([]byte, []Placed, error) {
	if len(tents) == 0 {
		return nil, nil, errs.Invalid("eventId", "没有可打印的席卡：请先添加宾客")
	}
	const w, h = 210.0, 297.0
	doc := NewPDF(w, h)
	col := cardColour(accent)
	var placed []Placed
	var cv Canvas
	for i, t := range tents {
		if i%2 == 0 {
			cv = doc.Page()
			cv.Line(0, h/2, w, h/2, 0.2, grey, true)
			cv.Text(3, h/2-3.5, 2.5, "沿虚线剪开", grey)
		}
		top := float64(i%2) * h / 2
		cv.Text(3, top+h/4-3.5, 2.5, "折线", grey)
		folded(cv, 0, top, w, h/2, func(b Box) {
			cv.Line(b.X+20, b.Y+b.H-10, b.X+b.W-20, b.Y+b.H-10, 0.5, col, false)
			if t.Table != "" {
				placed = append(placed, Placed{"table", Box{b.X + b.W - 60, b.Y + 5, 50, 7}, drawText(cv, Box{b.X + b.W - 60, b.Y + 5, 50, 7}, t.Table, 4, 3, 1, Right, grey)})
			}
			nameBox := Box{b.X + 15, b.Y + 14, b.W - 30, 30}
			if t.Title == "" {
				nameBox = Box{b.X + 15, b.Y + 16, b.W - 30, 38}
			}
			placed = append(placed, Placed{"name", nameBox, drawText(cv, nameBox, t.Name, 26, 10, 1, Center, ink)})
			if t.Title != "" {
				tb := Box{b.X + 20, b.Y + 46, b.W - 40, 13}
				placed = append(placed, Placed{"title", tb, drawText(cv, tb, t.Title, 6, 3.5, 2, Center, col)})
			}
		})
	}
	data, err := doc.Bytes()
	return data, placed, err
}
