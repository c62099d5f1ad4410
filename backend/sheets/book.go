// Package sheets reads the spreadsheets a shop keeps by hand (.xlsx from Excel and WPS, real .xls,
// .csv in any Chinese encoding, .xls files that are really HTML) and imports their customers; it also
// writes the spreadsheets people take away: exports, the import template and the error report.
package sheets

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/richardlehane/mscfb"

	"jiuke/backend/errs"
)

// File formats, judged by the first bytes rather than the name.
const (
	FormatXLSX = "xlsx"
	FormatXLS  = "xls"
	FormatHTML = "html"
	FormatCSV  = "csv"
)

// Book is an opened spreadsheet: its sheets in file order, read one at a time.
type Book struct {
	Name   string
	Format string
	Sheets []string
	rows   func(sheet string) (rowSource, error)
	close  func() error
}

// Close releases what reading needs beyond memory (excelize keeps large sheets in temp files).
func (b *Book) Close() error {
	if b.close == nil {
		return nil
	}
	return b.close()
}

// rowSource walks a sheet's rows in order. Cells are text as a person would read them: numbers in
// plain decimal, date-formatted numbers as YYYY-MM-DD, formulas as their cached result.
type rowSource interface {
	Next() bool
	Num() int // 1-based row number in the sheet
	Cells() []string
	Total() int // rows in the sheet, for progress
	Err() error
	Close() error
}

// Rows opens a sheet for reading.
func (b *Book) Rows(sheet string) (rowSource, error) {
	for _, s := range b.Sheets {
		if s == sheet {
			return b.rows(sheet)
		}
	}
	return nil, errs.Invalid("sheet", fmt.Sprintf("文件中没有名为「%s」的工作表，可选：%s", sheet, strings.Join(b.Sheets, "、")))
}

// OpenFile reads the file at path and opens it.
func OpenFile(path string) (*Book, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, errs.Invalid("file", "找不到文件："+path)
	}
	if st.IsDir() {
		return nil, errs.Invalid("file", path+" 是文件夹，请选择一个表格文件")
	}
	if st.Size() > MaxFileSize {
		return nil, TooBig()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errs.Invalid("file", "无法读取文件："+err.Error())
	}
	name := path
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		name = path[i+1:]
	}
	return Open(name, data)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open recognises the file by its first bytes (a renamed file is common: an .xlsx saved as .xls, an
// HTML page saved as .xls by an old system) and opens it. name is only shown back to the user.
func Open(name string, data []byte) (b *Book, err error) {
	// The readers parse untrusted bytes; a panic deep in one is a broken file, not a broken program.
	defer recoverCorrupt(&err)
	switch {
	case len(data) == 0:
		return nil, errs.Invalid("file", "文件是空的（0 字节），请确认选对了文件")
	case len(data) > MaxFileSize:
		return nil, TooBig()
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		b, err = openXLSX(data)
	case bytes.HasPrefix(data, oleMagic):
		b, err = openOLE(data)
	case looksLikeHTML(data):
		b, err = openHTML(data)
	default:
		b, err = openCSV(data)
	}
	if err != nil {
		return nil, err
	}
	b.Name = name
	return b, nil
}

// openOLE handles the old compound file: a real .xls, or an encrypted .xlsx (Office wraps
// password-protected files in one), or some other Office document.
func openOLE(data []byte) (*Book, error) {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt()
	}
	var book []byte
	for e, err := r.Next(); err == nil; e, err = r.Next() {
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return nil, passworded()
		case "Workbook", "Book":
			if e.Size < 0 || e.Size > MaxFileSize { // the directory's claim, checked before allocating it
				return nil, corrupt()
			}
			if book == nil {
				book = make([]byte, e.Size)
				if _, err := io.ReadFull(e, book); err != nil {
					return nil, corrupt()
				}
			}
		}
	}
	if book == nil {
		return nil, errs.Invalid("file", "这不是 Excel 表格（可能是 Word 等其他 Office 文档）")
	}
	return openXLS(book)
}

// recoverCorrupt turns a panic in a reader (malformed input) into the corrupt-file error.
func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = corrupt()
	}
}

func corrupt() error {
	return errs.Invalid("file", "文件已损坏或不完整，无法打开。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
}

func passworded() error {
	return errs.Invalid("file", "文件设置了打开密码，请在 Excel 或 WPS 中取消密码后再导入")
}

func looksLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xEF\xBB\xBF")), " \t\r\n")
	head = bytes.ToLower(head)
	for _, p := range []string{"<html", "<!doctype html", "<table", "<meta", "<head", "<body"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<html"))
}

// sliceRows serves rows already in memory (csv, html, xls).
type sliceRows struct {
	rows [][]string
	i    int
}

func (s *sliceRows) Next() bool      { s.i++; return s.i <= len(s.rows) }
func (s *sliceRows) Num() int        { return s.i }
func (s *sliceRows) Cells() []string { return s.rows[s.i-1] }
func (s *sliceRows) Total() int      { return len(s.rows) }
func (s *sliceRows) Err() error      { return nil }
func (s *sliceRows) Close() error    { return nil }

// inMemory makes a Book of sheets whose rows are all read already.
func inMemory(format string, names []string, sheets [][][]string) *Book {
	return &Book{Format: format, Sheets: names, rows: func(sheet string) (rowSource, error) {
		for i, n := range names {
			if n == sheet {
				return &sliceRows{rows: sheets[i]}, nil
			}
		}
		return nil, errs.Invalid("sheet", "没有该工作表")
	}}
}
