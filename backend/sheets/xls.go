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

// eachRecord calls fn with each record from off until (and not including) the EOF record, and
// returns the offset after that EOF. It holds no list of records: a stream of millions of empty
// records costs time, not memory.
func eachRecord(stream []byte, off int, fn func(id uint16, data []byte) error) (int, error) {
	for off+4 <= len(stream) {
		id := binary.LittleEndian.Uint16(stream[off:])
		size := int(binary.LittleEndian.Uint16(stream[off+2:]))
		if off+4+size > len(stream) {
			return 0, errTruncated
		}
		if id == 0x000A {
			return off + 4 + size, nil
		}
		if err := fn(id, stream[off+4:off+4+size]); err != nil {
			return 0, err
		}
		off += 4 + size
	}
	return 0, errTruncated
}

// maxSSTSegments bounds the CONTINUE records of a shared-string table: Excel fills each to 8 KB, so
// 50 MB of strings takes some 6,000.
const maxSSTSegments = 100_000

func u16(b []byte, at int) int { return int(binary.LittleEndian.Uint16(b[at:])) }
func u32(b []byte, at int) int { return int(binary.LittleEndian.Uint32(b[at:])) }

type xlsWorkbook struct {
	date1904 bool
	formats  map[int]string
	xfs      []int // XF index → number format id
	sst      strTable
}

func openXLS(stream []byte) (*Book, error) {
	if len(stream) < 8 || u16(stream, 0) != 0x0809 {
		return nil, corrupt()
	}
	if v := u16(stream, 4); v != 0x0600 {
		return nil, errs.Invalid("file", "这是 Excel 95 或更早版本的文件，请用 Excel 或 WPS 另存为 .xlsx 后再导入")
	}
	wb := xlsWorkbook{formats: map[int]string{}}
	type sheetRef struct {
		name string
		off  int
	}
	var refs []sheetRef
	var sst [][]byte // the SST record and its CONTINUE records, read once they end
	sstCount := -1
	endSST := func() error {
		if sstCount >= 0 {
			t, err := readSST(sst, sstCount)
			if err != nil {
				return err
			}
			wb.sst, sst, sstCount = t, nil, -1
		}
		return nil
	}
	_, err := eachRecord(stream, 0, func(id uint16, d []byte) error {
		if id == 0x003C && sstCount >= 0 { // CONTINUE
			if len(sst) >= maxSSTSegments {
				return tooManyStrings()
			}
			sst = append(sst, d)
			return nil
		}
		if err := endSST(); err != nil {
			return err
		}
		switch id {
		case 0x002F: // FILEPASS
			return passworded()
		case 0x0022: // DATEMODE
			wb.date1904 = u16(d, 0) == 1
		case 0x041E: // FORMAT
			s, _ := xlString(d[2:], true)
			wb.formats[u16(d, 0)] = s
		case 0x00E0: // XF
			wb.xfs = append(wb.xfs, u16(d, 2))
		case 0x0085: // BOUNDSHEET: only worksheets, not charts or macro sheets
			if d[5] == 0 {
				name, _ := xlString(d[6:], false)
				refs = append(refs, sheetRef{name, u32(d, 0)})
			}
		case 0x00FC: // SST, continued in the CONTINUE records that follow it
			sst, sstCount = [][]byte{d[8:]}, u32(d, 4)
		}
		return nil
	})
	if err == nil {
		err = endSST()
	}
	if err != nil {
		var e *errs.Error
		if errors.As(err, &e) { // a password or a limit
			return nil, err
		}
		return nil, corrupt()
	}
	if len(refs) == 0 {
		return nil, errs.Invalid("file", "文件中没有工作表")
	}
	// Each sheet is walked once now, for its row count and to find damage early; its rows are laid
	// out only when read, one at a time.
	names := make([]string, len(refs))
	totals := make([]int, len(refs))
	for i, ref := range refs {
		names[i] = ref.name
		rs := &xlsRows{wb: &wb, sheet: ref.name, stream: stream, off: ref.off}
		for rs.Next() {
			totals[i] = rs.num
		}
		if rs.err != nil {
			return nil, rs.err
		}
	}
	return &Book{Format: FormatXLS, Sheets: names, rows: func(sheet string) (rowSource, error) {
		for i, ref := range refs {
			if ref.name == sheet {
				return &xlsRows{wb: &wb, sheet: ref.name, stream: stream, off: ref.off, collect: true, total: totals[i]}, nil
			}
		}
		return nil, errs.Invalid("sheet", "没有该工作表")
	}}, nil
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

// readSST reads the shared strings into one buffer. count comes from the file, so it is checked
// against the limit rather than trusted for an allocation.
func readSST(segs [][]byte, count int) (strTable, error) {
	var t strTable
	if count < 0 || count > maxStrings {
		return t, tooManyStrings()
	}
	size := 0
	for _, s := range segs {
		size += len(s)
	}
	t.buf = make([]byte, 0, size)
	t.ends = make([]uint32, 0, min(count, size/3+1)) // a string takes at least 3 bytes
	r := &sstReader{segs: segs}
	for range count {
		n := u16(r.next(2), 0)
		if n > MaxCellChars {
			return t, stringTooLong(t.len() + 1)
		}
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
		if err := t.add(string(utf16.Decode(u))); err != nil {
			return t, err
		}
	}
	return t, nil
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

// xlsRows walks a sheet's records and serves its rows one at a time. Excel writes a sheet's cells
// row by row, so a row ends where a cell of another row begins; a file that goes back to an earlier
// row gets that row twice, in parts, rather than a sheet laid out whole in memory.
type xlsRows struct {
	wb      *xlsWorkbook
	sheet   string
	stream  []byte
	off     int // the next record
	collect bool
	total   int

	started bool
	done    bool
	queue   []xlsCell // cells read but not yet placed in a row
	cur     int       // the row being gathered, -1 for none
	row     []string
	num     int
	cells   []string
	err     error

	pendingR, pendingC int // a formula whose string result follows in a STRING record
}

type xlsCell struct {
	r, c int
	v    string
}

func (s *xlsRows) Num() int        { return s.num }
func (s *xlsRows) Cells() []string { return s.cells }
func (s *xlsRows) Total() int      { return s.total }
func (s *xlsRows) Err() error      { return s.err }
func (s *xlsRows) Close() error    { return nil }

func (s *xlsRows) Next() (ok bool) {
	// Malformed records panic at worst (a short record indexed past its end): a damaged file.
	defer func() {
		if recover() != nil {
			s.err, s.done, s.cells, ok = corrupt(), true, nil, false
		}
	}()
	if s.err != nil {
		return false
	}
	if !s.started {
		s.started, s.cur, s.pendingR = true, -1, -1
		if s.off+4 > len(s.stream) || u16(s.stream, s.off) != 0x0809 {
			s.err = corrupt()
			return false
		}
		s.off += 4 + u16(s.stream, s.off+2)
	}
	for {
		for len(s.queue) > 0 {
			x := s.queue[0]
			if s.cur >= 0 && x.r != s.cur {
				return s.emit()
			}
			s.queue = s.queue[1:]
			s.cur = x.r
			if s.collect {
				for len(s.row) <= x.c {
					s.row = append(s.row, "")
				}
				s.row[x.c] = x.v
			}
		}
		if s.done {
			if s.cur >= 0 {
				return s.emit()
			}
			s.cells = nil
			return false
		}
		s.read()
	}
}

// emit hands out the gathered row.
func (s *xlsRows) emit() bool {
	s.num, s.cells, s.row, s.cur = s.cur+1, s.row, nil, -1
	if s.cells == nil && s.collect {
		s.cells = []string{}
	}
	return true
}

// read reads one record into the queue.
func (s *xlsRows) read() {
	wb := s.wb
	if s.off+4 > len(s.stream) {
		s.err, s.done = corrupt(), true
		return
	}
	id := binary.LittleEndian.Uint16(s.stream[s.off:])
	size := int(binary.LittleEndian.Uint16(s.stream[s.off+2:]))
	if s.off+4+size > len(s.stream) {
		s.err, s.done = corrupt(), true
		return
	}
	d := s.stream[s.off+4 : s.off+4+size]
	s.off += 4 + size
	set := func(r, c int, v string) {
		if c >= 256 { // BIFF8 has 256 columns; a larger index is damage, not data
			return
		}
		s.queue = append(s.queue, xlsCell{r, c, v})
	}
	switch id {
	case 0x000A: // EOF
		s.done = true
	case 0x00FD: // LABELSST
		if i := u32(d, 6); i < wb.sst.len() {
			set(u16(d, 0), u16(d, 2), wb.sst.at(i))
		}
	case 0x0204, 0x00D6: // LABEL, RSTRING
		if u16(d, 6) > MaxCellChars {
			s.err, s.done = cellTooLong(s.sheet, u16(d, 0)+1), true
			return
		}
		v, _ := xlString(d[6:], true)
		set(u16(d, 0), u16(d, 2), v)
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
			return
		}
		switch d[6] {
		case 0:
			s.pendingR, s.pendingC = r, c
		case 1:
			set(r, c, map[bool]string{true: "TRUE", false: "FALSE"}[d[8] != 0])
		case 2:
			set(r, c, biffErrors[d[8]])
		}
	case 0x0207: // STRING, the text result of the formula before it
		if s.pendingR >= 0 {
			if u16(d, 0) > MaxCellChars {
				s.err, s.done = cellTooLong(s.sheet, s.pendingR+1), true
				return
			}
			v, _ := xlString(d, true)
			set(s.pendingR, s.pendingC, v)
			s.pendingR = -1
		}
	case 0x0205: // BOOLERR
		if d[7] == 1 {
			set(u16(d, 0), u16(d, 2), biffErrors[d[6]])
		} else {
			set(u16(d, 0), u16(d, 2), map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0])
		}
	}
}
