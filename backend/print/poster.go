package print

import (
	"image"
	"image/color"
	"strings"
)

// Poster sizes: an A5 page; the PNG is the same page 1080 px wide, for WeChat.
const (
	PosterW, PosterH = 148.0, 210.0
	PosterPx         = 1080
)

// Layouts of the invitation poster, in the order the picker shows them.
const (
	Classic = "classic" // red and gold, for 白酒
	Wine    = "wine"    // dark wine red
	Plain   = "plain"   // white
)

// Layout is one choice in the layout picker.
type Layout struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

var Layouts = []Layout{{Classic, "经典红金"}, {Wine, "深酒红"}, {Plain, "简约白"}}

// PosterData is everything one guest's poster says; the caller fills it from the event.
type PosterData struct {
	ShopName   string
	EventName  string
	Theme      string
	When       string
	Venue      string
	Address    string
	Salutation string
	Table      string // "3号桌·主桌"; "" when not seated
	Wording    string // the owner's wording, placeholders already filled
	HostName   string
	HostPhone  string
	Wines      string
	QR         string // the guest's check-in address; "" draws no code
	Logo       image.Image
	Map        image.Image
}

// Placed is a text laid out on a page and its box, for tests that check nothing overflows.
type Placed struct {
	Name string
	Box  Box
	Text Fitted
}

type palette struct{ bg, title, text, accent, label color.RGBA }

func colours(layout, accent string) palette {
	p := map[string]palette{
		Classic: {bg: c(0xA3, 0x17, 0x1B), title: c(0xF6, 0xD3, 0x7A), text: c(0xFC, 0xEE, 0xD2), accent: c(0xD9, 0xA4, 0x41), label: c(0xF6, 0xD3, 0x7A)},
		Wine:    {bg: c(0x3E, 0x0A, 0x17), title: c(0xEC, 0xCF, 0xA8), text: c(0xF3, 0xE7, 0xD8), accent: c(0xB8, 0x8A, 0x5A), label: c(0xD8, 0xB0, 0x86)},
		Plain:   {bg: c(0xFF, 0xFF, 0xFF), title: c(0x7B, 0x1E, 0x2B), text: c(0x33, 0x33, 0x33), accent: c(0x7B, 0x1E, 0x2B), label: c(0x7B, 0x1E, 0x2B)},
	}[layout]
	if p.bg.A == 0 {
		p = colours(Classic, "")
	}
	// The shop's colour trims every layout; on white it is also the title's colour.
	if a, ok := rgb(accent); ok {
		p.accent = a
		if layout == Plain {
			p.title, p.label = a, a
		}
	}
	return p
}

func c(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

var white = c(0xFF, 0xFF, 0xFF)
var black = c(0, 0, 0)

// DrawPoster lays out one guest's invitation on an A5 page.
func DrawPoster(cv Canvas, d PosterData, layout, accent string) []Placed {
	p := colours(layout, accent)
	var out []Placed
	text := func(name string, b Box, s string, maxSize, minSize float64, lines int, a Align, col color.RGBA) {
		if strings.TrimSpace(s) != "" {
			out = append(out, Placed{name, b, drawText(cv, b, s, maxSize, minSize, lines, a, col)})
		}
	}
	cv.Fill(0, 0, PosterW, PosterH, p.bg)
	cv.Frame(5, 5, PosterW-10, PosterH-10, 0.8, p.accent)
	cv.Frame(6.8, 6.8, PosterW-13.6, PosterH-13.6, 0.3, p.accent)

	if d.Logo != nil {
		drawImage(cv, d.Logo, Box{54, 11, 40, 14})
	} else {
		text("shop", Box{20, 12, 108, 10}, d.ShopName, 5, 3.5, 1, Center, p.label)
	}
	text("label", Box{30, 26, 88, 9}, "邀 请 函", 7, 5, 1, Center, p.title)
	text("event", Box{14, 36, 120, 22}, d.EventName, 10, 5, 2, Center, p.title)
	text("theme", Box{16, 59, 116, 11}, d.Theme, 4.5, 3, 2, Center, p.text)
	cv.Line(44, 73, 104, 73, 0.4, p.accent, false)
	text("salutation", Box{14, 76, 120, 13}, "尊敬的"+d.Salutation, 8, 4.5, 1, Center, p.title)
	text("wording", Box{18, 90, 112, 25}, d.Wording, 4.3, 3, 5, Left, p.text)

	rows := []struct {
		label, value string
		lines        int
	}{
		{"时间", d.When, 1},
		{"地点", joinNonEmpty(" · ", d.Venue, d.Address), 2},
		{"席位", d.Table, 1},
		{"酒品", d.Wines, 2},
		{"联系", joinNonEmpty("  ", d.HostName, d.HostPhone), 1},
	}
	y := 116.0
	for _, r := range rows {
		if strings.TrimSpace(r.value) == "" {
			continue
		}
		// The value's box is as tall as its lines, so the label sits beside its first line.
		f := Fit(r.value, 99, 5.8+float64(r.lines-1)*4.6, 3.8, 2.8, r.lines)
		text("label:"+r.label, Box{18, y, 12, 3.8 * LineGap}, r.label, 3.8, 3.8, 1, Left, p.label)
		text(r.label, Box{31, y, 99, f.Height()}, r.value, 3.8, 2.8, r.lines, Left, p.text)
		y += max(5.8, f.Height()) + 0.6
	}

	// The foot: the venue's map on the left, the check-in code on the right (or either alone, centred).
	const top, size = 161.0, 32.0
	qrX := PosterW - 18 - size
	if d.Map == nil {
		qrX = (PosterW - size) / 2
	}
	if d.Map != nil {
		mapBox := Box{18, top, 72, 37}
		if strings.TrimSpace(d.QR) == "" {
			mapBox = Box{(PosterW - 90) / 2, top, 90, 37}
		}
		cv.Fill(mapBox.X, mapBox.Y, mapBox.W, mapBox.H, white)
		drawImage(cv, d.Map, mapBox.Inset(0.8))
	}
	if drawQR(cv, qrX, top, size, d.QR, black, white) {
		text("qrCaption", Box{qrX - 6, top + size + 0.5, size + 12, 5}, "到场请扫码签到", 3.2, 2.5, 1, Center, p.text)
	} else if d.Map == nil {
		text("admit", Box{20, top + 10, 108, 10}, "凭此函入场 · 恭候光临", 5, 3.5, 1, Center, p.title)
	}
	return out
}

// drawImage draws img as large as fits in b, keeping its proportions, centred.
func drawImage(cv Canvas, img image.Image, b Box) {
	sz := img.Bounds().Size()
	if sz.X == 0 || sz.Y == 0 {
		return
	}
	w, h := b.W, b.W*float64(sz.Y)/float64(sz.X)
	if h > b.H {
		w, h = b.H*float64(sz.X)/float64(sz.Y), b.H
	}
	cv.Image(img, b.X+(b.W-w)/2, b.Y+(b.H-h)/2, w, h)
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, sep)
}

// PosterPNG renders one poster 1080 px wide.
func PosterPNG(d PosterData, layout, accent string) ([]byte, error) {
	r := NewRaster(PosterPx, PosterW, PosterH)
	DrawPoster(r, d, layout, accent)
	return r.PNG()
}

// PostersPDF renders posters as one A5 PDF, a page each; progress is told after each page.
func PostersPDF(ds []PosterData, layout, accent string, progress func(done int)) ([]byte, error) {
	doc := NewPDF(PosterW, PosterH)
	for i, d := range ds {
		DrawPoster(doc.Page(), d, layout, accent)
		if progress != nil {
			progress(i + 1)
		}
	}
	return doc.Bytes()
}
