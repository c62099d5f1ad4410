package print

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"jiuke/backend/print/font"
)

// Sizes are in millimetres everywhere in layouts: a font size is the em height in mm.

// LineGap is the line height as a multiple of the font size.
const LineGap = 1.3

var (
	measureMu sync.Mutex
	glyphs    = map[rune]glyph{}
	sfntBuf   sfnt.Buffer
	ascent    float64 // of the em, from the top of the line box to the baseline
)

// glyph is which face sets a rune and how wide it is, in ems.
type glyph struct {
	face  font.Face
	width float64
}

// lookup finds the face for a rune, cached: measuring is done for every line of every poster. Latin
// letters, digits and ASCII marks come from the Latin face; everything else from the Chinese one,
// falling back to the Latin one for what the Chinese one lacks.
func lookup(r rune) glyph {
	measureMu.Lock()
	defer measureMu.Unlock()
	if g, ok := glyphs[r]; ok {
		return g
	}
	order := []font.Face{font.CJK, font.Latin}
	if r < 0x2000 {
		order = []font.Face{font.Latin, font.CJK}
	}
	g := glyph{face: order[0], width: 1}
	for _, face := range order {
		f, err := font.Parsed(face)
		if err != nil {
			break
		}
		upem := fixed.Int26_6(f.UnitsPerEm()) << 6
		if idx, err := f.GlyphIndex(&sfntBuf, r); err == nil && idx != 0 {
			if a, err := f.GlyphAdvance(&sfntBuf, idx, upem, 0); err == nil {
				g = glyph{face: face, width: float64(a) / float64(upem)}
				break
			}
		}
	}
	glyphs[r] = g
	return g
}

func advance(r rune) float64 { return lookup(r).width }

// Run is a stretch of text set in one face.
type Run struct {
	Face font.Face
	Text string
}

// Runs splits a line by the face each part is set in.
func Runs(s string) []Run {
	var out []Run
	for _, r := range s {
		f := lookup(r).face
		if n := len(out); n > 0 && out[n-1].Face == f {
			out[n-1].Text += string(r)
		} else {
			out = append(out, Run{f, string(r)})
		}
	}
	return out
}

// Ascent is the part of the em above the baseline (the Chinese face's, which both faces share a
// baseline with).
func Ascent() float64 {
	measureMu.Lock()
	defer measureMu.Unlock()
	if ascent == 0 {
		ascent = 0.88
		if f, err := font.Parsed(font.CJK); err == nil {
			upem := fixed.Int26_6(f.UnitsPerEm()) << 6
			if m, err := f.Metrics(&sfntBuf, upem, 0); err == nil && m.Ascent > 0 {
				ascent = min(float64(m.Ascent)/float64(upem), 1)
			}
		}
	}
	return ascent
}

// Width is how wide s is set at size (mm).
func Width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += advance(r)
	}
	return w * size
}

// Fitted is text laid out in a box: its lines and the size that made them fit.
type Fitted struct {
	Lines []string
	Size  float64
}

// Height is the height the lines take.
func (f Fitted) Height() float64 { return float64(len(f.Lines)) * f.Size * LineGap }

// Fit lays s out in a box w by h: the largest size from max down to min at which it wraps into at
// most maxLines lines that fit the box. Text too long even at min is cut with "…", so nothing ever
// runs outside its box: a guest's name or a venue never overflows the poster.
func Fit(s string, w, h, maxSize, minSize float64, maxLines int) Fitted {
	s = strings.TrimSpace(s)
	if s == "" {
		return Fitted{Size: maxSize}
	}
	for size := maxSize; size >= minSize; size -= max(0.1, (maxSize-minSize)/20) {
		lines := Wrap(s, w, size)
		if len(lines) <= maxLines && float64(len(lines))*size*LineGap <= h+1e-9 {
			return Fitted{Lines: lines, Size: size}
		}
	}
	lines := Wrap(s, w, minSize)
	keep := maxLines
	if byHeight := int(h / (minSize * LineGap)); byHeight < keep {
		keep = byHeight
	}
	if keep < 1 {
		keep = 1
	}
	if len(lines) > keep {
		lines = lines[:keep]
		last := []rune(lines[keep-1])
		for len(last) > 0 && Width(string(last)+"…", minSize) > w {
			last = last[:len(last)-1]
		}
		lines[keep-1] = string(last) + "…"
	}
	// A single character wider than the box is cut too (a box narrower than one glyph).
	for i, l := range lines {
		r := []rune(l)
		for len(r) > 0 && Width(string(r), minSize) > w {
			r = r[:len(r)-1]
		}
		lines[i] = string(r)
	}
	return Fitted{Lines: lines, Size: minSize}
}

// noLineStart are marks a Chinese line must not begin with.
const noLineStart = "，。、；：！？）》」』”’,.;:!?)"

// Wrap breaks s into lines no wider than w at size: between any two Han characters, between words of
// Latin text, and at the newlines s has; a word wider than the line is broken where it must be.
func Wrap(s string, w, size float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapPara([]rune(strings.TrimSpace(para)), w, size)...)
	}
	return out
}

func wrapPara(rs []rune, w, size float64) []string {
	var lines []string
	line, width := "", 0.0
	for _, tok := range tokens(rs) {
		tw := Width(tok, size)
		switch {
		case width+tw <= w:
			line, width = line+tok, width+tw
		case tok == " ":
			lines, line, width = append(lines, line), "", 0
		case line == "" || tw > w:
			// A word wider than the line: break it where it must be.
			for _, r := range tok {
				rw := advance(r) * size
				if width+rw > w && line != "" {
					lines, line, width = append(lines, line), "", 0
				}
				line, width = line+string(r), width+rw
			}
		default:
			lines = append(lines, strings.TrimRight(line, " "))
			line, width = tok, tw
		}
	}
	return append(lines, strings.TrimRight(line, " "))
}

// tokens splits a paragraph into what a line may not break inside: one Han character, one Latin word
// or number, one space; closing punctuation sticks to what precedes it.
func tokens(rs []rune) []string {
	var out []string
	word := ""
	flush := func() {
		if word != "" {
			out = append(out, word)
			word = ""
		}
	}
	for _, r := range rs {
		switch {
		case strings.ContainsRune(noLineStart, r):
			if word != "" {
				word += string(r)
			} else if len(out) > 0 && out[len(out)-1] != " " {
				out[len(out)-1] += string(r)
			} else {
				out = append(out, string(r))
			}
		case r == ' ':
			flush()
			out = append(out, " ")
		case unicode.Is(unicode.Han, r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			flush()
			out = append(out, string(r))
		default:
			word += string(r)
		}
	}
	flush()
	return out
}
