package sheets

import (
	"errors"
	"fmt"
	"io"

	"jiuke/backend/errs"
)

// The limits on an uploaded file. Any upload comes from a device on the shop network, so every reader
// checks them before it allocates anything that grows with the file: a 1.6 KB .xlsx can claim a row
// numbered 2,000,000,000 and a 2 MB one can inflate to gigabytes. Each limit is far above what a
// shop's ledger needs, and each refusal names its limit.
const (
	// MaxFileMB is the largest file accepted, and the figure the import page shows. The HTTP body
	// limit (app/web) is derived from it.
	MaxFileMB = 30
	// MaxFileSize is MaxFileMB in bytes.
	MaxFileSize = MaxFileMB << 20
	// MaxRows is the last row number a sheet may use: Excel's own limit is 1,048,576.
	MaxRows = 200_000
	// MaxColumns is the last column a row may use (the column letters stop at ALL): ledgers are narrow.
	MaxColumns = 1000
	// MaxCellChars is Excel's own limit on one cell's text.
	MaxCellChars = 32767
	// maxStrings caps an .xlsx or .xls shared-string table, which is read whole before any row.
	maxStrings = 4_000_000
	// maxSheetXML caps one worksheet's XML as decompressed: it is read as a stream, so the cap bounds
	// time, not memory. A sheet of 200,000 rows by 30 text columns is about 300 MB.
	maxSheetXML = 512 << 20
	// maxStringsXML caps xl/sharedStrings.xml: its text is kept in memory while the file is open.
	maxStringsXML = 64 << 20
	// maxSmallXML caps the workbook, its relationships and the styles, read whole.
	maxSmallXML = 16 << 20
	// maxHTMLTags caps an HTML "xls", which is parsed into a tree in memory (about 200 bytes a node).
	maxHTMLTags = 600_000
	// maxHTMLCells caps the cells an HTML "xls" lays out, each colspan counting its width.
	maxHTMLCells = 2_000_000
)

// errLimit marks a refusal for a limit, told apart from a damaged file: a sheet that cannot be read
// is only flagged, a file over a limit is refused whole.
var errLimit = errors.New("over a limit")

func overLimit(msg string) error {
	return &errs.Error{Code: errs.CodeInvalid, Field: "file", Message: msg, Err: errLimit}
}

func isLimit(err error) bool { return errors.Is(err, errLimit) }

// TooBig is the refusal of a file over MaxFileMB, wherever its size is first known.
func TooBig() error {
	return overLimit(fmt.Sprintf("文件超过 %d MB 的上限，请按年份或区域拆分成几个文件分批导入", MaxFileMB))
}

func tooManyRows(sheet string) error {
	return overLimit(fmt.Sprintf("表格「%s」超过 %d 万行的上限，请拆分成几个文件分批导入", sheet, MaxRows/10000))
}

func tooManyColumns(sheet string, row int) error {
	return overLimit(fmt.Sprintf("表格「%s」第 %d 行超过 %d 列的上限：客户台账用不到这么多列，请删去多余的列后再导入", sheet, row, MaxColumns))
}

func cellTooLong(sheet string, row int) error {
	return overLimit(fmt.Sprintf("表格「%s」第 %d 行有单元格内容超过 %d 字的上限，请检查后再导入", sheet, row, MaxCellChars))
}

func partTooBig(part string, limit int64) error {
	return overLimit(fmt.Sprintf("文件解压后的「%s」超过 %d MB 的上限：文件可能已损坏，或不是普通的客户台账", part, limit>>20))
}

func stringTooLong(n int) error {
	return overLimit(fmt.Sprintf("文件中第 %d 条文字超过 %d 字的单元格上限，请检查后再导入", n, MaxCellChars))
}

func tooManyStrings() error {
	return overLimit(fmt.Sprintf("文件中的不同文字超过 %d 万条的上限，请拆分成几个文件分批导入", maxStrings/10000))
}

// capReader fails once more than n bytes come out of r: a zip entry's declared size can lie, and the
// part it limits gets a clear error instead of growing without end.
type capReader struct {
	r    io.Reader
	n    int64
	fail error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// One byte more tells a part of exactly n bytes from a longer one.
		var one [1]byte
		for {
			k, err := c.r.Read(one[:])
			if k > 0 {
				return 0, c.fail
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}
