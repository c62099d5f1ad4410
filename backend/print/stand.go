package print

import "strings"

// DoorStandPDF is the A4 stand at the door with the event's walk-in code: guests without a poster
// scan it, give their name and phone, and a staff member confirms them at the desk.
func DoorStandPDF(m Material, walkInURL string) ([]byte, []Placed, error) {
	const w, h = 210.0, 297.0
	doc := NewPDF(w, h)
	cv := doc.Page()
	col := cardColour(m.Style.Accent)
	var placed []Placed
	cv.Frame(8, 8, w-16, h-16, 1, col)
	cv.Frame(10.5, 10.5, w-21, h-21, 0.3, col)
	if m.Logo != nil {
		drawImage(cv, m.Logo, Box{w/2 - 30, 16, 60, 20})
	} else {
		b := Box{20, 18, w - 40, 12}
		placed = append(placed, Placed{"shop", b, drawText(cv, b, m.Shop, 7, 4, 1, Center, col)})
	}
	for _, t := range []struct {
		name string
		b    Box
		s    string
		max  float64
		min  float64
		n    int
		col  bool
	}{
		{"event", Box{18, 40, w - 36, 30}, m.Event.Name, 13, 7, 2, true},
		{"theme", Box{22, 71, w - 44, 10}, m.Event.Theme, 6, 4, 1, false},
		{"scan", Box{20, 84, w - 40, 18}, "扫码签到", 14, 10, 1, true},
	} {
		colr := ink
		if t.col {
			colr = col
		}
		if strings.TrimSpace(t.s) != "" {
			placed = append(placed, Placed{t.name, t.b, drawText(cv, t.b, t.s, t.max, t.min, t.n, Center, colr)})
		}
	}
	const size = 110.0
	drawQR(cv, (w-size)/2, 106, size, walkInURL, black, white)
	for _, t := range []struct {
		name string
		b    Box
		s    string
		max  float64
	}{
		{"hint", Box{20, 220, w - 40, 10}, "已收到邀请函的来宾，请扫描邀请函上的二维码", 5},
		{"walkIn", Box{20, 231, w - 40, 10}, "未收到邀请函的来宾，请扫此码登记，工作人员将为您确认", 5},
		{"when", Box{20, 250, w - 40, 9}, joinNonEmpty(" · ", whenOf(m), m.Event.Venue), 5},
		{"url", Box{20, 268, w - 40, 7}, walkInURL, 3.5},
	} {
		placed = append(placed, Placed{t.name, t.b, drawText(cv, t.b, t.s, t.max, 2.5, 2, Center, grey)})
	}
	data, err := doc.Bytes()
	return data, placed, err
}
