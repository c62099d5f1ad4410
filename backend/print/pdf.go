package print

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"jiuke/backend/errs"
	"jiuke/backend/print/font"
)

// PDF is a document of pages of one size, drawn through Canvas.
type PDF struct {
	f      *fpdf.Fpdf
	images map[image.Image]string
}

// mmToPt converts a size in mm to the points fpdf sets fonts in.
const mmToPt = 72 / 25.4

// NewPDF starts a document of w by h mm pages.
func NewPDF(w, h float64) *PDF {
	orient := "P"
	if w > h {
		orient = "L"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", Size: fpdf.SizeType{Wd: min(w, h), Ht: max(w, h)}}) // fpdf turns the size for "L"
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	// A fixed date keeps the same input's output byte for byte the same.
	f.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, face := range []font.Face{font.Latin, font.CJK} {
		f.AddUTF8FontFromBytes(font.Names[face], "", font.TTF(face))
	}
	return &PDF{f: f, images: map[image.Image]string{}}
}

// Page adds a page and returns it to draw on.
func (p *PDF) Page() Canvas {
	p.f.AddPage()
	return p
}

// Bytes finishes the document.
func (p *PDF) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return nil, errs.Internal("write pdf", err)
	}
	return buf.Bytes(), nil
}

func (p *PDF) Fill(x, y, w, h float64, c color.RGBA) {
	p.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	p.f.Rect(x, y, w, h, "F")
}

func (p *PDF) Frame(x, y, w, h, width float64, c color.RGBA) {
	p.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	p.f.SetLineWidth(width)
	p.f.Rect(x, y, w, h, "D")
}

func (p *PDF) Line(x1, y1, x2, y2, width float64, c color.RGBA, dashed bool) {
	p.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	p.f.SetLineWidth(width)
	if dashed {
		p.f.SetDashPattern([]float64{2, 1.5}, 0)
	}
	p.f.Line(x1, y1, x2, y2)
	p.f.SetDashPattern(nil, 0)
}

func (p *PDF) Text(x, y, size float64, s string, c color.RGBA) {
	p.f.SetTextColor(int(c.R), int(c.G), int(c.B))
	for _, r := range Runs(s) {
		p.f.SetFont(font.Names[r.Face], "", size*mmToPt)
		p.f.Text(x, y+Ascent()*size, r.Text)
		x += Width(r.Text, size)
	}
}

func (p *PDF) Image(img image.Image, x, y, w, h float64) {
	name, ok := p.images[img]
	if !ok {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return
		}
		name = fmt.Sprintf("img%d", len(p.images))
		p.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
		p.images[img] = name
	}
	p.f.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

func (p *PDF) UpsideDown(cx, cy float64, fn func()) {
	p.f.TransformBegin()
	p.f.TransformRotate(180, cx, cy)
	fn()
	p.f.TransformEnd()
}
