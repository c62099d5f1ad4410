package print

import (
	"image"
	"image/color"
	"strings"

	"github.com/skip2/go-qrcode"
)

// Canvas is a page being drawn, in millimetres from its top left: the PDF writer and the PNG
// rasteriser both implement it, so a poster is laid out once and looks the same in both.
type Canvas interface {
	Fill(x, y, w, h float64, c color.RGBA)
	// Frame strokes a rectangle's outline.
	Frame(x, y, w, h, width float64, c color.RGBA)
	// Line draws a straight line, dashed for fold and cut lines.
	Line(x1, y1, x2, y2, width float64, c color.RGBA, dashed bool)
	// Text sets one line with the top of its line box at y.
	Text(x, y, size float64, s string, c color.RGBA)
	Image(img image.Image, x, y, w, h float64)
	// UpsideDown draws what fn draws turned half a turn about the centre (cx, cy): the far face of a
	// folded card.
	UpsideDown(cx, cy float64, fn func())
}

// Align is where lines sit in their box.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// Box is a rectangle on the page (mm).
type Box struct{ X, Y, W, H float64 }

// Inset is the box shrunk by d on every side.
func (b Box) Inset(d float64) Box { return Box{b.X + d, b.Y + d, b.W - 2*d, b.H - 2*d} }

// drawText fits s into b (sizes from maxSize down to minSize, at most maxLines) and draws it,
// vertically centred; it returns what it laid out, so tests can measure it against the box.
func drawText(c Canvas, b Box, s string, maxSize, minSize float64, maxLines int, a Align, col color.RGBA) Fitted {
	f := Fit(s, b.W, b.H, maxSize, minSize, maxLines)
	y := b.Y + (b.H-f.Height())/2
	for _, l := range f.Lines {
		x := b.X
		switch a {
		case Center:
			x += (b.W - Width(l, f.Size)) / 2
		case Right:
			x += b.W - Width(l, f.Size)
		}
		// Half the extra line gap above the glyphs, so a single line sits in the middle of its box.
		c.Text(x, y+f.Size*(LineGap-1)/2, f.Size, l, col)
		y += f.Size * LineGap
	}
	return f
}

// drawQR draws content as a QR code filling a square of side size, with its quiet zone inside; it
// reports false when there is nothing to encode.
func drawQR(c Canvas, x, y, size float64, content string, dark, light color.RGBA) bool {
	content = strings.TrimSpace(content)
	if content == "" {
		return false
	}
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return false
	}
	bits := q.Bitmap() // includes a 4-module quiet zone
	n := float64(len(bits))
	m := size / n
	c.Fill(x, y, size, size, light)
	for r, row := range bits {
		for col, on := range row {
			if on {
				// A hair wider than a module, so neighbours leave no seams when rasterised.
				c.Fill(x+float64(col)*m, y+float64(r)*m, m+0.02, m+0.02, dark)
			}
		}
	}
	return true
}

// rgb parses "#RRGGBB"; ok is false for anything else.
func rgb(s string) (color.RGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	var v [3]uint8
	for i := range 3 {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return color.RGBA{}, false
		}
		v[i] = hi<<4 | lo
	}
	return color.RGBA{v[0], v[1], v[2], 255}, true
}

func hexDigit(b byte) (uint8, bool) {
	switch {
	case b >= '0' && b <= '9':
		return b - '0', true
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10, true
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}
