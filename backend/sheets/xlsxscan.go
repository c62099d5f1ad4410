package sheets

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// xlsxMeta is what excelize's streaming reader does not say about a cell: whether it holds a number,
// and whether its number format shows a date. It comes from the workbook and style parts and from one
// fast pass over a sheet's XML that looks only at the attributes of <row> and <c> tags.
type xlsxMeta struct {
	paths      map[string]string // sheet name → part in the zip
	dateStyles []bool            // cellXfs index → its number format shows a date
	date1904   bool
}

func readPart(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			return xml.NewDecoder(rc).Decode(v)
		}
	}
	return errors.New("missing " + name)
}

// readXLSXMeta reads what it can; a part it cannot read only means no dates are recognised there.
func readXLSXMeta(zr *zip.Reader) xlsxMeta {
	m := xlsxMeta{paths: map[string]string{}}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readPart(zr, "xl/workbook.xml", &wb) == nil && readPart(zr, "xl/_rels/workbook.xml.rels", &rels) == nil {
		m.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
		targets := map[string]string{}
		for _, r := range rels.Rels {
			if strings.HasPrefix(r.Target, "/") {
				targets[r.ID] = strings.TrimPrefix(r.Target, "/")
			} else {
				targets[r.ID] = "xl/" + r.Target
			}
		}
		for _, s := range wb.Sheets {
			for _, a := range s.Attrs {
				if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
					m.paths[s.Name] = targets[a.Value]
				}
			}
		}
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if readPart(zr, "xl/styles.xml", &st) == nil {
		codes := map[int]string{}
		for _, f := range st.NumFmts {
			codes[f.ID] = f.Code
		}
		for _, x := range st.Xfs {
			m.dateStyles = append(m.dateStyles, isDateFormat(x.NumFmtID, codes[x.NumFmtID]))
		}
	}
	return m
}

// cellFlags marks, per row, which of the first 64 columns hold a number and which hold a date.
// Ledgers are narrow; a date beyond column 64 is read as its serial number and reported unreadable.
type cellFlags struct {
	num, date []uint64
}

func (f *cellFlags) mark(row, col int, date bool) {
	if col < 1 || col > 64 || row < 1 {
		return
	}
	for len(f.num) < row {
		f.num = append(f.num, 0)
		f.date = append(f.date, 0)
	}
	f.num[row-1] |= 1 << (col - 1)
	if date {
		f.date[row-1] |= 1 << (col - 1)
	}
}

func (f *cellFlags) at(row, col int) (num, date bool) {
	if col < 1 || col > 64 || row < 1 || row > len(f.num) {
		return false, false
	}
	bit := uint64(1) << (col - 1)
	return f.num[row-1]&bit != 0, f.date[row-1]&bit != 0
}

// scanCells reads a sheet part once, fast, for its cell flags and its row count. XML forbids a raw
// '<' in text and attribute values, so every '<' starts a tag.
func scanCells(zr *zip.Reader, path string, dateStyles []bool) (cellFlags, int, error) {
	var flags cellFlags
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == path {
			part = f
		}
	}
	if part == nil {
		return flags, 0, errors.New("missing " + path)
	}
	rc, err := part.Open()
	if err != nil {
		return flags, 0, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	row, col, rows := 0, 0, 0
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				return flags, rows, nil
			}
			return flags, rows, err
		}
		tag, err := br.ReadSlice('>')
		if err != nil {
			if errors.Is(err, io.EOF) {
				return flags, rows, nil
			}
			return flags, rows, err
		}
		end := bytes.IndexAny(tag, " \t\r\n/>")
		if end == 0 && tag[0] == '/' {
			if bytes.HasSuffix(bytes.TrimSuffix(tag, []byte(">")), []byte("sheetData")) {
				return flags, rows, nil
			}
			continue
		}
		name := tag[:end]
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		switch string(name) {
		case "row":
			row++
			eachAttr(tag[end:], func(k, v []byte) {
				if string(k) == "r" {
					if n, err := strconv.Atoi(string(v)); err == nil {
						row = n
					}
				}
			})
			rows = max(rows, row)
			col = 0
		case "c":
			col++
			typ, style := "", 0
			eachAttr(tag[end:], func(k, v []byte) {
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
			if typ == "" || typ == "n" {
				flags.mark(row, col, style >= 0 && style < len(dateStyles) && dateStyles[style])
			}
		}
	}
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

// colIndex is the 1-based column of a cell reference such as "AB12"; 0 when there is none.
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
	}
	return c
}
