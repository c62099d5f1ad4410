package sheets

import (
	"bytes"
	"encoding/csv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"jiuke/backend/errs"
)

// openCSV reads a text table. Excel on a Chinese Windows saves CSV in GBK and "Unicode text" in
// UTF-16 with tabs; WPS and others save UTF-8, with or without a BOM. Anything that is not valid
// UTF-8 is read as GB18030, the superset of GBK and GB2312.
func openCSV(data []byte) (*Book, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, errs.Invalid("file", "CSV 文件格式有误，无法读取："+err.Error())
	}
	return inMemory(FormatCSV, []string{"CSV"}, [][][]string{rows}), nil
}

func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return string(data[3:]), nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, _, err := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder(), data)
		if err != nil {
			return "", errs.Invalid("file", "文本文件编码有误，无法读取")
		}
		return string(out), nil
	case bytes.IndexByte(data, 0) >= 0:
		return "", errs.Invalid("file", "无法识别的文件格式：请导入 Excel（.xlsx / .xls）或 CSV 文件")
	case utf8.Valid(data):
		return string(data), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil {
		return "", errs.Invalid("file", "文本文件编码无法识别，请另存为 UTF-8 编码的 CSV 后再导入")
	}
	return string(out), nil
}

// sniffDelimiter picks comma, tab or semicolon by which splits the first lines most consistently.
func sniffDelimiter(text string) rune {
	lines := strings.SplitN(text, "\n", 11)
	if len(lines) > 10 {
		lines = lines[:10]
	}
	best, bestScore := ',', 0
	for _, d := range []rune{',', '\t', ';'} {
		score := 0
		for _, l := range lines {
			if n := strings.Count(l, string(d)); n > 0 {
				score += n + 10
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}
