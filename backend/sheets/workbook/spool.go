package workbook

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"

	"jiuke/backend/errs"
)

// spool keeps a table's rows in a temp file between counting them and writing them, so the row
// count is known before the sheet starts and memory stays flat however long the list. Each row is
// written as its number of cells, then each cell as a kind byte and a varint (the integer, or the
// text's length followed by the text): gob, used before, cost as much as writing the sheet itself.
type spool struct {
	file *os.File
	buf  *bufio.Writer
	rows int
	tmp  []byte
}

// The kinds of a spooled cell: nothing, text, or a whole number.
const (
	spoolNil = iota
	spoolText
	spoolInt
)

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", spoolPattern)
	if err != nil {
		return nil, errs.Internal("export temp file", err)
	}
	return &spool{file: f, buf: bufio.NewWriterSize(f, 64<<10)}, nil
}

func (s *spool) add(values []any) error {
	b := binary.AppendUvarint(s.tmp[:0], uint64(len(values)))
	for _, v := range values {
		switch v := v.(type) {
		case nil:
			b = append(b, spoolNil)
		case string:
			b = append(b, spoolText)
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
		case int64:
			b = append(b, spoolInt)
			b = binary.AppendVarint(b, v)
		default:
			t := fmt.Sprint(v)
			b = append(b, spoolText)
			b = binary.AppendUvarint(b, uint64(len(t)))
			b = append(b, t...)
		}
	}
	s.tmp = b
	if _, err := s.buf.Write(b); err != nil {
		return errs.Internal("export temp file", err)
	}
	s.rows++
	return nil
}

// replay hands back every row in the order added.
func (s *spool) replay(fn func(values []any) error) error {
	if err := s.buf.Flush(); err != nil {
		return errs.Internal("export temp file", err)
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return errs.Internal("export temp file", err)
	}
	r := bufio.NewReaderSize(s.file, 64<<10)
	bad := func(err error) error { return errs.Internal("export temp file", err) }
	var values []any
	var text []byte
	for range s.rows {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return bad(err)
		}
		values = values[:0]
		for range n {
			kind, err := r.ReadByte()
			if err != nil {
				return bad(err)
			}
			switch kind {
			case spoolNil:
				values = append(values, nil)
			case spoolText:
				l, err := binary.ReadUvarint(r)
				if err != nil {
					return bad(err)
				}
				text = slices.Grow(text[:0], int(l))[:l]
				if _, err := io.ReadFull(r, text); err != nil {
					return bad(err)
				}
				values = append(values, string(text))
			case spoolInt:
				i, err := binary.ReadVarint(r)
				if err != nil {
					return bad(err)
				}
				values = append(values, i)
			default:
				return bad(fmt.Errorf("cell kind %d", kind))
			}
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	return nil
}

func (s *spool) remove() {
	s.file.Close()
	os.Remove(s.file.Name())
}
