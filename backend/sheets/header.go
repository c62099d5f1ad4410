package sheets

import (
	"fmt"
	"strings"

	"jiuke/backend/errs"
)

// headerSearchRows is how far down the header is looked for: below a title, a date line and a few
// notes, never further in any ledger we have seen.
const headerSearchRows = 30

type bufferedRow struct {
	num   int
	cells []string
}

// sheetReader reads a sheet's data rows: the header found, title rows above it set aside.
type sheetReader struct {
	rs        rowSource
	header    []string
	headerRow int
	titles    []string
	pending   []bufferedRow
}

// openSheet opens a sheet and finds its header: the first of the top rows naming the most known
// columns (at least two, or every filled cell of a short row).
func openSheet(b *Book, sheet string, remembered map[string]string) (*sheetReader, error) {
	rs, err := b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	var top []bufferedRow
	for len(top) < headerSearchRows && rs.Next() {
		top = append(top, bufferedRow{rs.Num(), rs.Cells()})
	}
	if err := rs.Err(); err != nil {
		rs.Close()
		return nil, err
	}
	best, bestScore := -1, 0
	for i, r := range top {
		known, filled := 0, 0
		for _, c := range r.cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			filled++
			k := headerKey(c)
			if _, ok := synonyms[k]; ok {
				known++
			} else if f, ok := remembered[k]; ok && f != "" {
				known++
			}
		}
		if known > bestScore && (known >= 2 || known == filled) {
			best, bestScore = i, known
		}
	}
	if best < 0 {
		rs.Close()
		if len(top) == 0 || allBlank(top) {
			return nil, errs.Invalid("sheet", fmt.Sprintf("工作表「%s」是空的", sheet))
		}
		return nil, errs.Invalid("sheet", fmt.Sprintf("工作表「%s」的前%d行中没有找到表头：请确认有一行写着「姓名」「手机号」等列名", sheet, headerSearchRows))
	}
	s := &sheetReader{rs: rs, header: top[best].cells, headerRow: top[best].num, pending: top[best+1:]}
	for _, r := range top[:best] {
		if t := strings.TrimSpace(strings.Join(r.cells, " ")); t != "" {
			s.titles = append(s.titles, t)
		}
	}
	return s, nil
}

func allBlank(rows []bufferedRow) bool {
	for _, r := range rows {
		if !isBlank(r.cells) {
			return false
		}
	}
	return true
}

// next returns the next row below the header.
func (s *sheetReader) next() (int, []string, bool) {
	if len(s.pending) > 0 {
		r := s.pending[0]
		s.pending = s.pending[1:]
		return r.num, r.cells, true
	}
	if !s.rs.Next() {
		return 0, nil, false
	}
	return s.rs.Num(), s.rs.Cells(), true
}

func (s *sheetReader) Close() error { return s.rs.Close() }

func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// isSubtotal spots 合计/小计/总计 rows, which carry sums rather than a customer.
func isSubtotal(cells []string) bool {
	seen := 0
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if seen++; seen > 3 {
			return false
		}
		if !strings.ContainsAny(c, "计Tt") { // the cheap test first: this runs for every row
			continue
		}
		k := headerKey(c)
		if k == "" {
			continue
		}
		for _, w := range []string{"合计", "小计", "总计", "共计", "本页合计", "total"} {
			if strings.HasPrefix(k, w) {
				return true
			}
		}
	}
	return false
}

// isHeaderAgain spots the header repeated inside the data, as printed ledgers repeat it per page.
func isHeaderAgain(cells, header []string) bool {
	same := 0
	for i, c := range cells {
		if i < len(header) && strings.TrimSpace(c) != "" {
			if strings.TrimSpace(c) != strings.TrimSpace(header[i]) {
				return false
			}
			same++
		}
	}
	return same >= 2
}
