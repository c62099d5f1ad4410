package sheets

import (
	"encoding/binary"
	"math"
	"unicode/utf16"
)

// A minimal BIFF8 writer for fixtures: a compound file (one FAT sector, the Workbook stream, one
// directory sector) holding a workbook with shared strings split across CONTINUE records, dates in
// built-in and custom formats, RK and MULRK numbers, and formulas with cached number and text results.
// No Go library writes .xls, and a fixture made here documents itself.

type biffCell struct {
	row, col int
	kind     string // "s" shared string, "n" number, "rk", "label", "fs" formula with text result, "fn" formula with number
	xf       int    // 15 general, 16 date (format 14), 17 custom date yyyy/m/d
	s        string
	n        float64
}

func rec(id uint16, data []byte) []byte {
	b := make([]byte, 4, 4+len(data))
	binary.LittleEndian.PutUint16(b, id)
	binary.LittleEndian.PutUint16(b[2:], uint16(len(data)))
	return append(b, data...)
}

func le16(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func le32(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }

func wide(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func xlUnicode(s string) []byte {
	return append(append(le16(len(utf16.Encode([]rune(s)))), 1), wide(s)...)
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// sstRecords writes the SST with records of at most maxLen bytes: a string whose characters cross a
// record boundary continues after a fresh option byte, as Excel writes long tables.
func sstRecords(strs []string, maxLen int) []byte {
	var out []byte
	cur := cat(le32(len(strs)), le32(len(strs)))
	id := uint16(0x00FC)
	flush := func() {
		out = append(out, rec(id, cur)...)
		id, cur = 0x003C, nil
	}
	for _, s := range strs {
		units := utf16.Encode([]rune(s))
		if len(cur)+5 > maxLen {
			flush()
		}
		cur = append(cur, cat(le16(len(units)), []byte{1})...)
		for _, u := range units {
			if len(cur)+2 > maxLen {
				flush()
				cur = []byte{1}
			}
			cur = binary.LittleEndian.AppendUint16(cur, u)
		}
	}
	flush()
	return out
}

func encodeRK(v float64) (uint32, bool) {
	if v == math.Trunc(v) && math.Abs(v) < 1<<29 {
		return uint32(int32(v))<<2 | 2, true
	}
	return 0, false
}

// biffWorkbook builds the Workbook stream of one sheet. encrypted adds a FILEPASS record.
func biffWorkbook(sheet string, cells []biffCell, encrypted bool) []byte {
	var strs []string
	index := map[string]int{}
	for _, c := range cells {
		if c.kind == "s" {
			if _, ok := index[c.s]; !ok {
				index[c.s] = len(strs)
				strs = append(strs, c.s)
			}
		}
	}
	bof := func(dt int) []byte {
		return rec(0x0809, cat(le16(0x0600), le16(dt), le16(0x0DBB), le16(0x07CC), le32(0), le32(6)))
	}
	globals := bof(5)
	if encrypted {
		globals = append(globals, rec(0x002F, make([]byte, 54))...)
	}
	globals = append(globals, rec(0x0022, le16(0))...)
	globals = append(globals, rec(0x041E, cat(le16(164), xlUnicode("yyyy/m/d")))...)
	for i := range 18 {
		f := 0
		switch i {
		case 16:
			f = 14
		case 17:
			f = 164
		}
		globals = append(globals, rec(0x00E0, cat(le16(0), le16(f), make([]byte, 16)))...)
	}
	name := cat([]byte{byte(len(utf16.Encode([]rune(sheet)))), 1}, wide(sheet))
	boundAt := len(globals)
	globals = append(globals, rec(0x0085, cat(le32(0), []byte{0, 0}, name))...)
	globals = append(globals, sstRecords(strs, 40)...)
	globals = append(globals, rec(0x000A, nil)...)
	binary.LittleEndian.PutUint32(globals[boundAt+4:], uint32(len(globals)))

	body := bof(0x10)
	for _, c := range cells {
		pos := cat(le16(c.row), le16(c.col), le16(c.xf))
		switch c.kind {
		case "s":
			body = append(body, rec(0x00FD, cat(pos, le32(index[c.s])))...)
		case "label":
			body = append(body, rec(0x0204, cat(pos, xlUnicode(c.s)))...)
		case "n":
			body = append(body, rec(0x0203, cat(pos, binary.LittleEndian.AppendUint64(nil, math.Float64bits(c.n))))...)
		case "rk":
			v, _ := encodeRK(c.n)
			body = append(body, rec(0x027E, cat(pos, le32(int(v))))...)
		case "mulrk": // two RK numbers from col onwards
			v, _ := encodeRK(c.n)
			body = append(body, rec(0x00BD, cat(le16(c.row), le16(c.col), le16(c.xf), le32(int(v)), le16(c.xf), le32(int(v)), le16(c.col+1)))...)
		case "fn", "fs":
			result := binary.LittleEndian.AppendUint64(nil, math.Float64bits(c.n))
			if c.kind == "fs" {
				result = []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}
			}
			formula := cat(pos, result, le16(0), le32(0), le16(3), []byte{0x1E, 1, 0})
			body = append(body, rec(0x0006, formula)...)
			if c.kind == "fs" {
				body = append(body, rec(0x0207, xlUnicode(c.s))...)
			}
		}
	}
	body = append(body, rec(0x000A, nil)...)
	stream := append(globals, body...)
	for len(stream) < 4096 { // below 4096 bytes a stream would live in the mini stream
		stream = append(stream, 0)
	}
	return stream
}

// compoundFile wraps one stream named Workbook in a version 3 compound file.
func compoundFile(stream []byte) []byte { return compoundNamed("Workbook", stream) }

// compoundNamed wraps one stream in a compound file; Office's encrypted .xlsx is one whose stream is
// named EncryptedPackage.
func compoundNamed(name string, stream []byte) []byte {
	const sector = 512
	const endOfChain, freeSect, fatSect, noStream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
	for len(stream)%sector != 0 {
		stream = append(stream, 0)
	}
	n := len(stream) / sector
	dirSector := 1 + n
	header := make([]byte, sector)
	copy(header, oleMagic)
	binary.LittleEndian.PutUint16(header[24:], 0x003E)
	binary.LittleEndian.PutUint16(header[26:], 3)
	binary.LittleEndian.PutUint16(header[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(header[30:], 9)
	binary.LittleEndian.PutUint16(header[32:], 6)
	binary.LittleEndian.PutUint32(header[44:], 1) // FAT sectors
	binary.LittleEndian.PutUint32(header[48:], uint32(dirSector))
	binary.LittleEndian.PutUint32(header[56:], 4096)
	binary.LittleEndian.PutUint32(header[60:], endOfChain)
	binary.LittleEndian.PutUint32(header[68:], endOfChain)
	for i := range 109 {
		binary.LittleEndian.PutUint32(header[76+4*i:], freeSect)
	}
	binary.LittleEndian.PutUint32(header[76:], 0)
	fat := make([]byte, sector)
	for i := range 128 {
		v := uint32(freeSect)
		switch {
		case i == 0:
			v = fatSect
		case i >= 1 && i < n:
			v = uint32(i + 1)
		case i == n, i == dirSector:
			v = endOfChain
		}
		binary.LittleEndian.PutUint32(fat[4*i:], v)
	}
	entry := func(name string, typ byte, child, start uint32, size int) []byte {
		e := make([]byte, 128)
		u := wide(name)
		copy(e, u)
		binary.LittleEndian.PutUint16(e[64:], uint16(len(u)+2))
		e[66], e[67] = typ, 1
		binary.LittleEndian.PutUint32(e[68:], noStream)
		binary.LittleEndian.PutUint32(e[72:], noStream)
		binary.LittleEndian.PutUint32(e[76:], child)
		binary.LittleEndian.PutUint32(e[116:], start)
		binary.LittleEndian.PutUint32(e[120:], uint32(size))
		return e
	}
	empty := entry("", 0, noStream, 0, 0)
	dir := cat(entry("Root Entry", 5, 1, endOfChain, 0), entry(name, 2, noStream, 1, len(stream)), empty, empty)
	return cat(header, fat, stream, dir)
}
