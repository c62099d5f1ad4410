package sheets

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The sheet and shared-string parts are read by a small tag scanner rather than encoding/xml: it
// holds at most one tag and one cell's text at a time (encoding/xml would buffer a text node of any
// length), and it is several times faster. XML forbids a raw '<' in text and attribute values, so
// every '<' starts a tag.

// maxCellXML bounds one cell's text as written in the XML, entities and all, before it is decoded
// and its characters counted against MaxCellChars.
const maxCellXML = 8 * MaxCellChars

// tagScanner walks a part tag by tag, keeping the text before a tag only when asked to.
type tagScanner struct {
	br   *bufio.Reader
	text []byte // the text before the current tag, when keep was set
	keep bool
	long bool // the kept text ran past maxCellXML
}

func newTagScanner(r io.Reader) *tagScanner {
	return &tagScanner{br: bufio.NewReaderSize(r, 64<<10)}
}

// tag returns the next tag's bytes after '<' (up to and including '>'), or io.EOF.
func (t *tagScanner) tag() ([]byte, error) {
	t.text, t.long = t.text[:0], false
	for {
		chunk, err := t.br.ReadSlice('<')
		if t.keep && !t.long {
			if len(t.text)+len(chunk) > maxCellXML {
				t.long = true
			} else {
				t.text = append(t.text, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return nil, err
		}
		break
	}
	if len(t.text) > 0 {
		t.text = t.text[:len(t.text)-1] // the '<'
	}
	tag, err := t.br.ReadSlice('>')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, corrupt() // no tag of a spreadsheet is 64 KB long
	}
	return tag, err
}

// tagName splits a tag into its local name (prefix dropped), whether it closes an element, whether
// it is self-closing, and the rest holding its attributes.
func tagName(tag []byte) (name []byte, closing, empty bool, attrs []byte) {
	body := bytes.TrimSuffix(tag, []byte(">"))
	if bytes.HasSuffix(body, []byte("/")) {
		empty, body = true, body[:len(body)-1]
	}
	if len(body) > 0 && body[0] == '/' {
		closing, body = true, body[1:]
	}
	end := bytes.IndexAny(body, " \t\r\n")
	if end < 0 {
		end = len(body)
	}
	name, attrs = body[:end], body[end:]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name, closing, empty, attrs
}

// sheetScan streams a worksheet's rows. Only rows holding a value come out; row and column numbers
// are checked against the limits before a row's cells are laid out, so a row numbered two billion or
// a cell in column XFD costs nothing but a refusal.
type sheetScan struct {
	x       *xlsxFile
	sheet   string
	t       *tagScanner
	rc      io.Closer
	collect bool // lay out cells (false: only count and check)

	num   int      // the current row's number
	cells []string // its cells, when collecting
	last  int      // the last row number holding a value
	err   error
	done  bool
}

func (x *xlsxFile) scan(s xlsxSheet, collect bool) (*sheetScan, error) {
	rc, err := x.open(s.part, maxSheetXML)
	if err != nil {
		return nil, orCorrupt(err)
	}
	return &sheetScan{x: x, sheet: s.name, t: newTagScanner(rc), rc: rc, collect: collect}, nil
}

func (s *sheetScan) close() error {
	if s.rc == nil {
		return nil
	}
	err := s.rc.Close()
	s.rc = nil
	return err
}

func (s *sheetScan) fail(err error) bool {
	s.err, s.done = orCorrupt(err), true
	s.cells = nil
	return false
}

// next reads up to the end of the next row that holds a value.
func (s *sheetScan) next() bool {
	if s.done {
		return false
	}
	var (
		row, col, prevRow   = 0, 0, s.num
		inRow, inCell, inIS bool
		rph                 int
		typ                 string
		style               int
		value, inline       []byte
		hasValue            bool
	)
	if s.collect {
		s.cells = nil
	}
	for {
		tag, err := s.t.tag()
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.done = true
				return false
			}
			return s.fail(err)
		}
		kept, long := s.t.text, s.t.long
		s.t.keep = false
		name, closing, empty, attrs := tagName(tag)
		switch {
		case string(name) == "sheetData" && closing:
			s.done = true
			return false
		case string(name) == "row" && !closing:
			row, col, inRow, hasValue = prevRow+1, 0, true, false
			eachAttr(attrs, func(k, v []byte) {
				if string(k) == "r" {
					if n, err := strconv.Atoi(string(v)); err == nil && n > 0 {
						row = n
					}
				}
			})
			if s.collect {
				s.cells = s.cells[:0]
			}
			if empty {
				inRow, prevRow = false, row
			}
		case string(name) == "row" && closing:
			inRow, prevRow = false, row
			if hasValue {
				s.num, s.last = row, row
				return true
			}
		case string(name) == "c" && !closing && inRow:
			col++
			typ, style, value, inline, inIS = "", 0, value[:0], inline[:0], false
			eachAttr(attrs, func(k, v []byte) {
				switch string(k) {
				case "r":
					if c := colIndex(v); c > 0 {
						col = c
					}
				case "t":
					typ = string(v)
				case "s":
					style, _ = strconv.Atoi(string(v))
				}
			})
			inCell = !empty
		case string(name) == "v" && inCell:
			if closing {
				if long {
					return s.fail(cellTooLong(s.sheet, row))
				}
				value = append(value[:0], kept...)
			} else if !empty {
				s.t.keep = true
			}
		case string(name) == "is" && inCell:
			inIS = !closing && !empty
		case string(name) == "rPh":
			if !empty {
				rph += map[bool]int{true: -1, false: 1}[closing]
			}
		case string(name) == "t" && inIS && rph == 0:
			if closing {
				if long || len(inline)+len(kept) > maxCellXML {
					return s.fail(cellTooLong(s.sheet, row))
				}
				inline = append(inline, kept...)
			} else if !empty {
				s.t.keep = true
			}
		case string(name) == "c" && closing && inCell:
			inCell = false
			v, err := s.cellText(typ, style, value, inline)
			if err != nil {
				return s.fail(err)
			}
			if v == "" {
				continue
			}
			switch {
			case row > MaxRows:
				return s.fail(tooManyRows(s.sheet))
			case col > MaxColumns:
				return s.fail(tooManyColumns(s.sheet, row))
			case utf8.RuneCountInString(v) > MaxCellChars:
				return s.fail(cellTooLong(s.sheet, row))
			}
			hasValue = true
			if s.collect {
				for len(s.cells) < col {
					s.cells = append(s.cells, "")
				}
				s.cells[col-1] = v
			}
		}
	}
}

// cellText is a cell's value as a person reads it; raw is the <v> text, inline an inline string's.
func (s *sheetScan) cellText(typ string, style int, raw, inline []byte) (string, error) {
	switch typ {
	case "s":
		if len(raw) == 0 {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil || i < 0 || i >= s.x.strings.len() {
			return "", corrupt()
		}
		return s.x.strings.at(i), nil
	case "inlineStr":
		if len(inline) > 0 {
			return unescapeBSTR(xmlText(inline)), nil
		}
		return xmlText(raw), nil
	case "", "n":
		if len(raw) == 0 {
			return "", nil
		}
		v := xmlText(raw)
		if style >= 0 && style < len(s.x.dateStyles) && s.x.dateStyles[style] {
			if t, ok := dateText(v, s.x.date1904); ok {
				return t, nil
			}
		}
		return numberText(v), nil
	}
	// str (a formula's text), b (1 or 0), e (#N/A…), d (ISO date): the cached text as written.
	return xmlText(raw), nil
}

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
