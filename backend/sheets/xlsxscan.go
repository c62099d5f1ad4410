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
