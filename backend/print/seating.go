package print

import (
	"fmt"
	"math"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/events"
)

// SeatingPosterPDF is the A3 plan for the entrance: every table in a grid, its guests listed, so a
// guest finds their name and walks to their table.
func SeatingPosterPDF(m Material) ([]byte, []Placed, error) {
	if len(m.Tables) == 0 {
		return nil, nil, errs.Invalid("eventId", "本活动还没有桌位：请先在「座位」中添加桌")
	}
	const w, h = 297.0, 420.0
	doc := NewPDF(w, h)
	cv := doc.Page()
	col := cardColour(m.Style.Accent)
	var placed []Placed
	cv.Frame(8, 8, w-16, h-16, 0.8, col)
	top := 16.0
	if m.Logo != nil {
		drawImage(cv, m.Logo, Box{w/2 - 25, top, 50, 16})
		top += 18
	}
	tb := Box{20, top, w - 40, 20}
	placed = append(placed, Placed{"event", tb, drawText(cv, tb, m.Event.Name, 14, 7, 1, Center, col)})
	sb := Box{20, top + 21, w - 40, 9}
	placed = append(placed, Placed{"subtitle", sb, drawText(cv, sb, "座位图 · "+joinNonEmpty(" · ", whenOf(m), m.Event.Venue), 6, 4, 1, Center, ink)})
	gridTop := top + 34

	n := len(m.Tables)
	cols := int(math.Ceil(math.Sqrt(float64(n) * (w - 32) / (h - gridTop - 14))))
	cols = max(1, min(cols, n))
	rows := (n + cols - 1) / cols
	const gap = 4.0
	cw := (w - 32 - gap*float64(cols-1)) / float64(cols)
	ch := (h - gridTop - 14 - gap*float64(rows-1)) / float64(rows)
	for i, t := range m.Tables {
		x := 16 + float64(i%cols)*(cw+gap)
		y := gridTop + float64(i/cols)*(ch+gap)
		cv.Frame(x, y, cw, ch, 0.4, col)
		head := min(ch*0.22, 14)
		cv.Fill(x, y, cw, head, col)
		hb := Box{x + 2, y, cw - 4, head}
		placed = append(placed, Placed{"table", hb, drawText(cv, hb, TableLabel(t.Number, t.Name), min(head*0.6, 8), 3, 1, Center, white)})
		var names []string
		if t.HostName != "" {
			names = append(names, t.HostName+"（主持）")
		}
		for _, g := range t.Guests {
			s := g.Name
			if g.Companions > 0 {
				s += fmt.Sprintf("+%d", g.Companions)
			}
			names = append(names, s)
		}
		if len(names) == 0 {
			continue
		}
		lb := Box{x + 3, y + head + 2, cw - 6, ch - head - 4}
		lines := max(1, int(lb.H/(2.5*LineGap)))
		placed = append(placed, Placed{"guests", lb, drawText(cv, lb, strings.Join(names, "　"), min(6, lb.H/float64(len(names))/LineGap*2), 2.5, lines, Center, ink)})
	}
	data, err := doc.Bytes()
	return data, placed, err
}

// whenOf is the event's start as invitations write it: 12月5日（周六）19:00.
func whenOf(m Material) string { return events.Render("{时间}", m.Event, events.Guest{}) }
