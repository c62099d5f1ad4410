package print

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"

	"golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"jiuke/backend/errs"
	"jiuke/backend/print/font"
)

// Raster is a canvas drawn into an RGBA image at a fixed scale (pixels per mm): the PNG posters.
type Raster struct {
	img   *image.RGBA
	scale float64
	faces map[faceKey]xfont.Face
}

// NewRaster makes a widthPx wide image for a page of w by h mm.
func NewRaster(widthPx int, w, h float64) *Raster {
	scale := float64(widthPx) / w
	return &Raster{img: image.NewRGBA(image.Rect(0, 0, widthPx, int(math.Round(h*scale)))), scale: scale, faces: map[faceKey]xfont.Face{}}
}

// Image is what was drawn.
func (r *Raster) Picture() *image.RGBA { return r.img }

// PNG encodes what was drawn.
func (r *Raster) PNG() ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, r.img); err != nil {
		return nil, errs.Internal("write png", err)
	}
	return buf.Bytes(), nil
}

func (r *Raster) px(v float64) int { return int(math.Round(v * r.scale)) }

func (r *Raster) rect(x, y, w, h float64) image.Rectangle {
	return image.Rect(r.px(x), r.px(y), r.px(x+w), r.px(y+h))
}

func (r *Raster) Fill(x, y, w, h float64, c color.RGBA) {
	draw.Draw(r.img, r.rect(x, y, w, h), image.NewUniform(c), image.Point{}, draw.Over)
}

func (r *Raster) Frame(x, y, w, h, width float64, c color.RGBA) {
	r.Fill(x, y, w, width, c)
	r.Fill(x, y+h-width, w, width, c)
	r.Fill(x, y, width, h, c)
	r.Fill(x+w-width, y, width, h, c)
}

// Line draws horizontal and vertical lines, the only ones layouts use.
func (r *Raster) Line(x1, y1, x2, y2, width float64, c color.RGBA, dashed bool) {
	horizontal := math.Abs(y2-y1) < math.Abs(x2-x1)
	length := math.Hypot(x2-x1, y2-y1)
	step, on := length, length
	if dashed {
		step, on = 3.5, 2
	}
	for d := 0.0; d < length; d += step {
		seg := math.Min(on, length-d)
		if horizontal {
			r.Fill(math.Min(x1, x2)+d, y1-width/2, seg, width, c)
		} else {
			r.Fill(x1-width/2, math.Min(y1, y2)+d, width, seg, c)
		}
	}
}

type faceKey struct {
	face font.Face
	px   int
}

func (r *Raster) face(which font.Face, size float64) xfont.Face {
	px := int(math.Round(size * r.scale * 4)) // quarter-pixel steps are plenty
	if f, ok := r.faces[faceKey{which, px}]; ok {
		return f
	}
	parsed, err := font.Parsed(which)
	if err != nil {
		return nil
	}
	f, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: float64(px) / 4, DPI: 72, Hinting: xfont.HintingNone})
	if err != nil {
		return nil
	}
	r.faces[faceKey{which, px}] = f
	return f
}

func (r *Raster) Text(x, y, size float64, s string, c color.RGBA) {
	for _, run := range Runs(s) {
		if f := r.face(run.Face, size); f != nil {
			d := xfont.Drawer{Dst: r.img, Src: image.NewUniform(c), Face: f,
				Dot: fixed.Point26_6{X: fixed.Int26_6(x * r.scale * 64), Y: fixed.Int26_6((y + Ascent()*size) * r.scale * 64)}}
			d.DrawString(run.Text)
		}
		x += Width(run.Text, size)
	}
}

func (r *Raster) Image(img image.Image, x, y, w, h float64) {
	draw.CatmullRom.Scale(r.img, r.rect(x, y, w, h), img, img.Bounds(), draw.Over, nil)
}

// UpsideDown is not needed by any PNG (folded cards are PDF only): it draws the right way up.
func (r *Raster) UpsideDown(cx, cy float64, fn func()) { fn() }
