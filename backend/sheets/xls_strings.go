package sheets

import (
	"encoding/binary"
	"unicode/utf16"
)

// The strings of a .xls: XLUnicodeStrings and the shared-string table across CONTINUE records.

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
