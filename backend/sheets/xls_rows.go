package sheets

import (
	"encoding/binary"
	"math"
)

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
