package sheets

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"

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
