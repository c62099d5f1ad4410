package sheets

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"unicode/utf16"

	"jiuke/backend/errs"
)

// The .xls (BIFF8) reader is our own, over the compound-file container of mscfb: the Go xls libraries
// we tried skip FORMULA records, so every computed cell of an old ledger would come back empty, and
// their format lookups panic on files from some writers. BIFF8 is frozen since 1997; the records a
// ledger uses are few. Malformed input panics at worst, which Open turns into a clear error.

var errTruncated = errors.New("truncated record")

type biffRecord struct {
	id   uint16
	data []byte
}

// records reads the records starting at off until (and not including) the EOF record.
func records(stream []byte, off int) ([]biffRecord, error) {
	var out []biffRecord
	for off+4 <= len(stream) {
		id := binary.LittleEndian.Uint16(stream[off:])
		size := int(binary.LittleEndian.Uint16(stream[off+2:]))
		if off+4+size > len(stream) {
			return nil, errTruncated
		}
		if id == 0x000A {
			return out, nil
		}
		out = append(out, biffRecord{id, stream[off+4 : off+4+size]})
		off += 4 + size
	}
	return nil, errTruncated
}

func u16(b []byte, at int) int { return int(binary.LittleEndian.Uint16(b[at:])) }
func u32(b []byte, at int) int { return int(binary.LittleEndian.Uint32(b[at:])) }

type xlsWorkbook struct {
	date1904 bool
	formats  map[int]string
	xfs      []int // XF index → number format id
	sst      []string
}

func openXLS(stream []byte) (*Book, error) {
	if len(stream) < 8 || u16(stream, 0) != 0x0809 {
		return nil, corrupt()
	}
	if v := u16(stream, 4); v != 0x0600 {
		return nil, errs.Invalid("file", "这是 Excel 95 或更早版本的文件，请用 Excel 或 WPS 另存为 .xlsx 后再导入")
	}
	globals, err := records(stream, 0)
	if err != nil {
		return nil, corrupt()
	}
	wb := xlsWorkbook{formats: map[int]string{}}
	type sheetRef struct {
		name string
		off  int
	}
	var refs []sheetRef
	for i, r := range globals {
		switch r.id {
		case 0x002F: // FILEPASS
			return nil, passworded()
		case 0x0022: // DATEMODE
			wb.date1904 = u16(r.data, 0) == 1
		case 0x041E: // FORMAT
			s, _ := xlString(r.data[2:], true)
			wb.formats[u16(r.data, 0)] = s
		case 0x00E0: // XF
			wb.xfs = append(wb.xfs, u16(r.data, 2))
		case 0x0085: // BOUNDSHEET: only worksheets, not charts or macro sheets
			if r.data[5] == 0 {
				name, _ := xlString(r.data[6:], false)
				refs = append(refs, sheetRef{name, u32(r.data, 0)})
			}
		case 0x00FC: // SST, continued in the CONTINUE records that follow it
			segs := [][]byte{r.data[8:]}
			for _, c := range globals[i+1:] {
				if c.id != 0x003C {
					break
				}
				segs = append(segs, c.data)
			}
			wb.sst = readSST(segs, u32(r.data, 4))
		}
	}
	if len(refs) == 0 {
		return nil, errs.Invalid("file", "文件中没有工作表")
	}
	names := make([]string, len(refs))
	sheets := make([][][]string, len(refs))
	for i, ref := range refs {
		names[i] = ref.name
		if sheets[i], err = wb.readSheet(stream, ref.off); err != nil {
			return nil, corrupt()
		}
	}
	return inMemory(FormatXLS, names, sheets), nil
}

// xlString reads an XLUnicodeString: a 16-bit (long) or 8-bit length, an option byte, then Latin-1
// or UTF-16LE characters. It returns the string and the bytes it took.
func xlString(b []byte, long bool) (string, int) {
	n, at := int(b[0]), 1
	if long {
		n, at = u16(b, 0), 2
	}
	flags := b[at]
	at++
	if flags&0x08 != 0 { // rich text runs
		at += 2
	}
	if flags&0x04 != 0 { // phonetic data
		at += 4
	}
	return chars(b[at:], n, flags&1 != 0), at + n*(1+int(flags&1))
}

func chars(b []byte, n int, wide bool) string {
	if !wide {
		r := make([]rune, n)
		for i := range n {
			r[i] = rune(b[i])
		}
		return string(r)
	}
	u := make([]uint16, n)
	for i := range n {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// sstReader reads across the SST's CONTINUE records. When a string's characters run into the next
// record, that record starts with a fresh option byte saying whether they are 8- or 16-bit.
type sstReader struct {
	segs [][]byte
	seg  int
	off  int
}

func (r *sstReader) next(n int) []byte {
	for r.off >= len(r.segs[r.seg]) {
		r.seg++
		r.off = 0
	}
	b := r.segs[r.seg][r.off : r.off+n]
	r.off += n
	return b
}

func (r *sstReader) skip(n int) {
	for n > 0 {
		if r.off >= len(r.segs[r.seg]) {
			r.seg++
			r.off = 0
			continue
		}
		step := min(n, len(r.segs[r.seg])-r.off)
		r.off += step
		n -= step
	}
}

func readSST(segs [][]byte, count int) []string {
	r := &sstReader{segs: segs}
	out := make([]string, 0, min(count, 1<<20))
	for range count {
		n := u16(r.next(2), 0)
		flags := r.next(1)[0]
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			runs = u16(r.next(2), 0)
		}
		if flags&0x04 != 0 {
			ext = u32(r.next(4), 0)
		}
		wide := flags&1 != 0
		u := make([]uint16, 0, n)
		for len(u) < n {
			if r.off >= len(r.segs[r.seg]) {
				r.seg++
				r.off = 0
				wide = r.next(1)[0]&1 != 0
			}
			if wide {
				u = append(u, uint16(u16(r.next(2), 0)))
			} else {
				u = append(u, uint16(r.next(1)[0]))
			}
		}
		r.skip(4*runs + ext)
		out = append(out, string(utf16.Decode(u)))
	}
	return out
}

// number renders a numeric cell: as a date when its XF's format shows one, else as plain decimal.
func (wb *xlsWorkbook) number(v float64, xf int) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if xf >= 0 && xf < len(wb.xfs) {
		if id := wb.xfs[xf]; isDateFormat(id, wb.formats[id]) {
			if t, ok := dateText(s, wb.date1904); ok {
				return t
			}
		}
	}
	return numberText(s)
}

func rk(v uint32) float64 {
	var f float64
	if v&2 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&0xFFFFFFFC) << 32)
	}
	if v&1 != 0 {
		f /= 100
	}
	return f
}

var biffErrors = map[byte]string{0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}

func (wb *xlsWorkbook) readSheet(stream []byte, off int) ([][]string, error) {
	if off+4 > len(stream) || u16(stream, off) != 0x0809 {
		return nil, errTruncated
	}
	size := u16(stream, off+2)
	recs, err := records(stream, off+4+size)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	set := func(r, c int, v string) {
		if c >= 256 { // BIFF8 has 256 columns; a larger index is damage, not data
			return
		}
		for len(rows) <= r {
			rows = append(rows, nil)
		}
		for len(rows[r]) <= c {
			rows[r] = append(rows[r], "")
		}
		rows[r][c] = v
	}
	pendingR, pendingC := -1, -1 // a formula whose string result follows in a STRING record
	for _, rec := range recs {
		d := rec.data
		switch rec.id {
		case 0x00FD: // LABELSST
			if i := u32(d, 6); i < len(wb.sst) {
				set(u16(d, 0), u16(d, 2), wb.sst[i])
			}
		case 0x0204, 0x00D6: // LABEL, RSTRING
			s, _ := xlString(d[6:], true)
			set(u16(d, 0), u16(d, 2), s)
		case 0x0203: // NUMBER
			set(u16(d, 0), u16(d, 2), wb.number(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])), u16(d, 4)))
		case 0x027E: // RK
			set(u16(d, 0), u16(d, 2), wb.number(rk(binary.LittleEndian.Uint32(d[6:])), u16(d, 4)))
		case 0x00BD: // MULRK
			r, c := u16(d, 0), u16(d, 2)
			for at := 4; at+6 <= len(d)-2; at += 6 {
				set(r, c, wb.number(rk(binary.LittleEndian.Uint32(d[at+2:])), u16(d, at)))
				c++
			}
		case 0x0006: // FORMULA: the cached result of the last calculation
			r, c := u16(d, 0), u16(d, 2)
			if u16(d, 12) != 0xFFFF {
				set(r, c, wb.number(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])), u16(d, 4)))
				continue
			}
			switch d[6] {
			case 0:
				pendingR, pendingC = r, c
			case 1:
				set(r, c, map[bool]string{true: "TRUE", false: "FALSE"}[d[8] != 0])
			case 2:
				set(r, c, biffErrors[d[8]])
			}
		case 0x0207: // STRING, the text result of the formula before it
			if pendingR >= 0 {
				s, _ := xlString(d, true)
				set(pendingR, pendingC, s)
				pendingR = -1
			}
		case 0x0205: // BOOLERR
			if d[7] == 1 {
				set(u16(d, 0), u16(d, 2), biffErrors[d[6]])
			} else {
				set(u16(d, 0), u16(d, 2), map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0])
			}
		}
	}
	return rows, nil
}
