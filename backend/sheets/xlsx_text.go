package sheets

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text in an .xlsx: the shared-string table, XML entities and escapes, attributes and column letters.

// strTable keeps shared strings in one buffer: a million short strings cost their bytes and four
// more each, not a string header and an allocation each.
type strTable struct {
	buf  []byte
	ends []uint32
}

func (t *strTable) len() int { return len(t.ends) }

func (t *strTable) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return string(t.buf[start:t.ends[i]])
}

func (t *strTable) add(s string) error {
	if len(t.ends) >= maxStrings {
		return tooManyStrings()
	}
	t.buf = append(t.buf, s...)
	t.ends = append(t.ends, uint32(len(t.buf)))
	return nil
}

// readStrings reads xl/sharedStrings.xml into the table, each string its runs joined, phonetic
// guides left out (as Excel shows the cell).
func (x *xlsxFile) readStrings() error {
	f := x.parts["xl/sharedstrings.xml"]
	if f == nil {
		return nil
	}
	rc, err := x.open(f.Name, maxStringsXML)
	if err != nil {
		return orCorrupt(err)
	}
	defer rc.Close()
	// Its text is at most the part's declared size (the zip reader refuses more), so the buffer is
	// sized once, up to the cap.
	// Every string takes at least five bytes (<si/>), so the count is bounded by it too.
	x.strings.buf = make([]byte, 0, min(f.UncompressedSize64, maxStringsXML)/2)
	x.strings.ends = make([]uint32, 0, min(f.UncompressedSize64/5, maxStrings))
	t := newTagScanner(rc)
	var cur []byte
	inSI, rph := false, 0
	for {
		tag, err := t.tag()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return orCorrupt(err)
		}
		kept, long := t.text, t.long
		t.keep = false
		name, closing, empty, _ := tagName(tag)
		switch string(name) {
		case "si":
			switch {
			case empty:
				err = x.strings.add("")
			case !closing:
				inSI, cur = true, cur[:0]
			default:
				inSI = false
				s := unescapeBSTR(xmlText(cur))
				if utf8.RuneCountInString(s) > MaxCellChars {
					return stringTooLong(x.strings.len() + 1)
				}
				err = x.strings.add(s)
			}
			if err != nil {
				return err
			}
		case "rPh":
			if !empty {
				rph += map[bool]int{true: -1, false: 1}[closing]
			}
		case "t":
			if !inSI || rph != 0 {
				continue
			}
			if closing {
				if long || len(cur)+len(kept) > maxCellXML {
					return stringTooLong(x.strings.len() + 1)
				}
				cur = append(cur, kept...)
			} else if !empty {
				t.keep = true
			}
		}
	}
}

// xmlText decodes the text of an element: entities and character references, and line ends as an
// XML reader gives them.
func xmlText(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\r':
			out.WriteByte('\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case c == '&':
			semi := bytes.IndexByte(b[i:], ';')
			if semi < 0 || semi > 12 {
				out.WriteByte(c)
				continue
			}
			if r, ok := entity(string(b[i+1 : i+semi])); ok {
				out.WriteRune(r)
				i += semi
				continue
			}
			out.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

func entity(name string) (rune, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if strings.HasPrefix(name, "#x") || strings.HasPrefix(name, "#X") {
		n, err := strconv.ParseUint(name[2:], 16, 32)
		return rune(n), err == nil && utf8.ValidRune(rune(n))
	}
	if strings.HasPrefix(name, "#") {
		n, err := strconv.ParseUint(name[1:], 10, 32)
		return rune(n), err == nil && utf8.ValidRune(rune(n))
	}
	return 0, false
}

// unescapeBSTR turns Excel's _xHHHH_ escapes (for control characters such as a carriage return in
// a cell) back into the character, as Excel shows it.
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				out.WriteRune(rune(n))
				i += 6
				continue
			}
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

// eachAttr calls fn for every name="value" (or name='value') pair in the rest of a tag.
func eachAttr(s []byte, fn func(k, v []byte)) {
	for {
		eq := bytes.IndexByte(s, '=')
		if eq < 0 || eq+1 >= len(s) {
			return
		}
		k := bytes.TrimSpace(s[:eq])
		if i := bytes.IndexByte(k, ':'); i >= 0 {
			k = k[i+1:]
		}
		rest := bytes.TrimLeft(s[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return
		}
		close := bytes.IndexByte(rest[1:], rest[0])
		if close < 0 {
			return
		}
		fn(k, rest[1:1+close])
		s = rest[2+close:]
	}
}

// colIndex is the 1-based column of a cell reference such as "AB12"; 0 when there is none. A run of
// letters past Excel's last column saturates rather than overflowing.
func colIndex(ref []byte) int {
	c := 0
	for _, b := range ref {
		switch {
		case b >= 'A' && b <= 'Z':
			c = c*26 + int(b-'A') + 1
		case b >= 'a' && b <= 'z':
			c = c*26 + int(b-'a') + 1
		default:
			return c
		}
		if c > 1<<20 {
			return 1 << 20
		}
	}
	return c
}
