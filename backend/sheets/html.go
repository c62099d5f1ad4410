package sheets

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"jiuke/backend/errs"
)

// openHTML reads an ".xls" that is an HTML page, as old systems and Excel's "web page" export write
// them: each <table> is a sheet. The page's declared encoding (often GBK) is honoured.
//
// The page is parsed into a tree in memory, so its tags are counted first, and the cells laid out
// (colspan included) are counted against a budget as they are.
func openHTML(data []byte) (*Book, error) {
	if bytes.Count(data, []byte("<")) > maxHTMLTags {
		return nil, overLimit(fmt.Sprintf("网页格式的表格超过 %d 万个标记的上限，请用 Excel 打开后另存为 .xlsx 再导入", maxHTMLTags/10000))
	}
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	doc, err := html.Parse(enc.NewDecoder().Reader(bytes.NewReader(data)))
	if err != nil {
		return nil, corrupt()
	}
	var names []string
	var sheets [][][]string
	budget := maxHTMLCells
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			names = append(names, fmt.Sprintf("表%d", len(names)+1))
			sheets = append(sheets, tableRows(n, &budget))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if budget < 0 {
		return nil, overLimit(fmt.Sprintf("网页格式的表格超过 %d 万个单元格的上限，请用 Excel 打开后另存为 .xlsx 再导入", maxHTMLCells/10000))
	}
	for i, rows := range sheets {
		if len(rows) > MaxRows {
			return nil, tooManyRows(names[i])
		}
		for r, row := range rows {
			if len(row) > MaxColumns {
				return nil, tooManyColumns(names[i], r+1)
			}
			for _, c := range row {
				if len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars {
					return nil, cellTooLong(names[i], r+1)
				}
			}
		}
	}
	if len(sheets) == 0 {
		return nil, errs.Invalid("file", "文件是网页格式，但其中没有表格")
	}
	return inMemory(FormatHTML, names, sheets), nil
}

// tableRows lays out a table's rows, taking each cell from budget; once it is spent, the rest of the
// table is left out and the caller refuses the file.
func tableRows(table *html.Node, budget *int) [][]string {
	var rows [][]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && n != table {
			return // a nested table is its own sheet's business
		}
		if n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					if *budget -= max(1, atoiAttr(c, "colspan")); *budget < 0 {
						return
					}
					row = append(row, cellText(c))
					for range atoiAttr(c, "colspan") - 1 {
						row = append(row, "")
					}
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	return rows
}

// cellText is what the cell shows, except that Excel's x:num attribute carries a number's exact
// value when the page shows it rounded or as 1.38E+10.
func cellText(td *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(td)
	shown := strings.TrimSpace(strings.ReplaceAll(b.String(), "\u00a0", " "))
	for _, a := range td.Attr {
		if a.Key == "x:num" && a.Val != "" && looksNumeric(shown) {
			return numberText(a.Val)
		}
	}
	return shown
}

func looksNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.,+-Ee ") == ""
}

func atoiAttr(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v := 0
			for _, r := range a.Val {
				if r < '0' || r > '9' {
					break
				}
				v = v*10 + int(r-'0')
			}
			return min(v, 256)
		}
	}
	return 1
}
