package sheets

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"jiuke/backend/errs"
)

// openCSV reads a text table. Excel on a Chinese Windows saves CSV in GBK and "Unicode text" in
// UTF-16 with tabs; WPS and others save UTF-8, with or without a BOM. Anything that is not valid
// UTF-8 is read as GB18030, the superset of GBK and GB2312.
//
// The decoded text stays in memory and rows are cut from it as they are read, one at a time: one
// pass at opening counts the rows and checks every row's columns and every cell's length against
// the limits, without laying out a single row.
func openCSV(data []byte) (*Book, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	comma := sniffDelimiter(text)
	count := &csvScan{text: text, comma: comma}
	for count.Next() {
	}
	if count.err != nil {
		return nil, count.err
	}
	total := count.num
	return &Book{Format: FormatCSV, Sheets: []string{"CSV"}, rows: func(string) (rowSource, error) {
		return &csvScan{text: text, comma: comma, collect: true, total: total}, nil
	}}, nil
}

func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return string(data[3:]), nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, err := decodeAll(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder(), data)
		if err != nil {
			return "", errs.Invalid("file", "文本文件编码有误，无法读取")
		}
		return out, nil
	case bytes.IndexByte(data, 0) >= 0:
		return "", errs.Invalid("file", "无法识别的文件格式：请导入 Excel（.xlsx / .xls）或 CSV 文件")
	case utf8.Valid(data):
		return string(data), nil
	}
	out, err := decodeAll(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil {
		return "", errs.Invalid("file", "文本文件编码无法识别，请另存为 UTF-8 编码的 CSV 后再导入")
	}
	return out, nil
}

// decodeAll decodes into one buffer sized once (UTF-8 takes at most half as much again as GBK or
// UTF-16), instead of a buffer that doubles and is then copied into a string.
func decodeAll(t transform.Transformer, data []byte) (string, error) {
	var out strings.Builder
	out.Grow(len(data)*3/2 + 16)
	if _, err := io.Copy(&out, transform.NewReader(bytes.NewReader(data), t)); err != nil {
		return "", err
	}
	return out.String(), nil
}

// csvScan cuts the records of a CSV text one at a time, as encoding/csv does with LazyQuotes (a
// stray quote is kept as text) and a variable number of fields, skipping empty lines. Unlike
// encoding/csv, it checks a record's fields and their length as it goes, so a line of twenty
// million commas is refused before anything is laid out. Unquoted cells are slices of the text.
type csvScan struct {
	text    string
	comma   byte
	collect bool
	pos     int
	num     int
	total   int
	cells   []string
	err     error
}

func (c *csvScan) Num() int        { return c.num }
func (c *csvScan) Cells() []string { return c.cells }
func (c *csvScan) Total() int      { return c.total }
func (c *csvScan) Err() error      { return c.err }
func (c *csvScan) Close() error    { return nil }

func (c *csvScan) Next() bool {
	if !c.next() {
		return false
	}
	if c.collect {
		c.cells = detach(c.cells)
	}
	return true
}

// detach copies a record's cells into one string of their own, as encoding/csv gives them: a cell
// kept in an error report then holds its record, not the whole text of the file.
func detach(cells []string) []string {
	n := 0
	for _, v := range cells {
		n += len(v)
	}
	var b strings.Builder
	b.Grow(n)
	for _, v := range cells {
		b.WriteString(v)
	}
	all, at := b.String(), 0
	for i, v := range cells {
		cells[i] = all[at : at+len(v)]
		at += len(v)
	}
	return cells
}

func (c *csvScan) next() bool {
	t := c.text
	// Skip empty lines.
	for {
		switch {
		case c.pos >= len(t), c.err != nil:
			c.cells = nil
			return false
		case t[c.pos] == '\n':
			c.pos++
			continue
		case t[c.pos] == '\r' && (c.pos+1 == len(t) || t[c.pos+1] == '\n'):
			c.pos++
			continue
		}
		break
	}
	c.num++
	if c.num > MaxRows {
		return c.fail(tooManyRows("CSV"))
	}
	if c.collect {
		c.cells = make([]string, 0, 16)
	}
	n := 0
	add := func(v string) bool {
		if n++; n > MaxColumns {
			return c.fail(tooManyColumns("CSV", c.num))
		}
		if len(v) > 4*MaxCellChars || (len(v) > MaxCellChars && utf8.RuneCountInString(v) > MaxCellChars) {
			return c.fail(cellTooLong("CSV", c.num))
		}
		if c.collect {
			c.cells = append(c.cells, v)
		}
		return true
	}
	i := c.pos
fields:
	for {
		if i < len(t) && t[i] == '"' {
			// A quoted field runs to a quote followed by the delimiter or a line end; "" is a quote.
			i++
			var b strings.Builder
			for {
				j := strings.IndexByte(t[i:], '"')
				if j < 0 { // never closed: the rest of the text, as encoding/csv's LazyQuotes reads it
					seg := strings.TrimSuffix(t[i:], "\r")
					if b.Len()+len(seg) > 4*MaxCellChars {
						return c.fail(cellTooLong("CSV", c.num))
					}
					b.WriteString(strings.ReplaceAll(seg, "\r\n", "\n"))
					c.pos = len(t)
					return add(b.String())
				}
				if b.Len()+j > 4*MaxCellChars {
					return c.fail(cellTooLong("CSV", c.num))
				}
				b.WriteString(strings.ReplaceAll(t[i:i+j], "\r\n", "\n"))
				i += j + 1
				switch {
				case i < len(t) && t[i] == '"':
					b.WriteByte('"')
					i++
				case i < len(t) && t[i] == c.comma:
					if !add(b.String()) {
						return false
					}
					i++
					continue fields
				case i >= len(t):
					c.pos = i
					return add(b.String())
				case t[i] == '\n':
					c.pos = i + 1
					return add(b.String())
				case t[i] == '\r' && (i+1 == len(t) || t[i+1] == '\n'):
					c.pos = min(i+2, len(t))
					return add(b.String())
				default:
					b.WriteByte('"')
				}
			}
		}
		k := strings.IndexAny(t[i:], string([]byte{c.comma, '\n'}))
		if k < 0 {
			k = len(t) - i
		}
		end := i + k
		if end < len(t) && t[end] == c.comma {
			if !add(t[i:end]) {
				return false
			}
			i = end + 1
			continue fields
		}
		c.pos = min(end+1, len(t))
		return add(strings.TrimSuffix(t[i:end], "\r"))
	}
}

func (c *csvScan) fail(err error) bool {
	c.err, c.cells = err, nil
	return false
}

// sniffDelimiter picks comma, tab or semicolon by which splits the first lines most consistently.
func sniffDelimiter(text string) byte {
	lines := strings.SplitN(text, "\n", 11)
	if len(lines) > 10 {
		lines = lines[:10]
	}
	best, bestScore := byte(','), 0
	for _, d := range []byte{',', '\t', ';'} {
		score := 0
		for _, l := range lines {
			if n := strings.Count(l, string(d)); n > 0 {
				score += n + 10
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}
