package sheets

import (
	"io"
	"strings"
)

// WriteErrorReport writes the rows that failed: their row number in the original file, their cells
// as they were (text, so nothing is reformatted) under the original headers, and the reason. The user
// corrects the cells and imports this file again; the two extra columns are not imported.
func WriteErrorReport(w io.Writer, res *Result) (int, error) {
	width := len(res.Header)
	for _, f := range res.Failures {
		width = max(width, len(f.Cells))
	}
	cols := []ExportColumn{{"原行号", 8, KindInt}}
	for i := range width {
		h := ""
		if i < len(res.Header) {
			h = strings.TrimSpace(res.Header[i])
		}
		if h == "" {
			h = "第" + colLetter(i) + "列"
		}
		cols = append(cols, ExportColumn{h, max(10, min(30, float64(len(h))*2.2)), KindText})
	}
	cols = append(cols, ExportColumn{"失败原因", 50, KindText})
	return writeBook(w, table{"导入失败的行", cols, func(add func(...any) error) error {
		for _, f := range res.Failures {
			values := make([]any, 0, width+2)
			values = append(values, int64(f.Row))
			for i := range width {
				v := ""
				if i < len(f.Cells) {
					v = f.Cells[i]
				}
				values = append(values, v)
			}
			if err := add(append(values, f.Message)...); err != nil {
				return err
			}
		}
		return nil
	}})
}

// ErrorReportName is the report's file name, after the imported file's.
func ErrorReportName(fileName string) string {
	base := strings.TrimSuffix(fileName, fileExt(fileName))
	if base == "" {
		base = "导入"
	}
	return base + "-未导入的行.xlsx"
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 6 {
		return name[i:]
	}
	return ""
}
