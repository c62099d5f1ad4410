package workbook

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"

	"jiuke/backend/errs"
)

// spool keeps a table's rows in a temp file between counting them and writing them, so the row
// count is known before the sheet starts and memory stays flat however long the list.
type spool struct {
	file *os.File
	buf  *bufio.Writer
	enc  *gob.Encoder
	rows int
}

// spoolCell is a value as a list cell can hold it: nothing, text, or a whole number.
type spoolCell struct {
	Kind uint8 // 0 nil, 1 text, 2 integer
	S    string
	I    int64
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", spoolPattern)
	if err != nil {
		return nil, errs.Internal("export temp file", err)
	}
	buf := bufio.NewWriter(f)
	return &spool{file: f, buf: buf, enc: gob.NewEncoder(buf)}, nil
}

func (s *spool) add(values []any) error {
	row := make([]spoolCell, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case nil:
		case string:
			row[i] = spoolCell{Kind: 1, S: v}
		case int64:
			row[i] = spoolCell{Kind: 2, I: v}
		default:
			row[i] = spoolCell{Kind: 1, S: fmt.Sprint(v)}
		}
	}
	if err := s.enc.Encode(row); err != nil {
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
	dec := gob.NewDecoder(bufio.NewReader(s.file))
	for {
		var row []spoolCell
		if err := dec.Decode(&row); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return errs.Internal("export temp file", err)
		}
		values := make([]any, len(row))
		for i, c := range row {
			switch c.Kind {
			case 1:
				values[i] = c.S
			case 2:
				values[i] = c.I
			}
		}
		if err := fn(values); err != nil {
			return err
		}
	}
}

func (s *spool) remove() {
	s.file.Close()
	os.Remove(s.file.Name())
}
