package sheets

import (
	"io"
	"strings"
)

// WriteTemplate writes the import template: the recommended columns with an example row, and a
// sheet explaining what each column may hold.
func WriteTemplate(w io.Writer) error {
	cols := make([]ExportColumn, len(Fields))
	for i, f := range Fields {
		h := f.Label
		if f.Required {
			h += "*"
		}
		cols[i] = ExportColumn{h, 14, KindText}
	}
	example := map[string]string{"name": exampleMark + "张三", "mobile": "13800138000", "otherPhone": "028-86668888", "gender": "男",
		"birthday": "1985-03-12", "district": "锦江区", "address": "春熙路1号", "company": "蜀香商贸", "title": "总经理", "kind": "个人",
		"cardNumber": "", "level": "金卡", "points": "1200", "openingPrincipal": "1000", "openingBonus": "100", "spendDate": "2025-12-01", "product": "五粮液 500ml ×2",
		"spend": "2360", "referrer": "李四", "source": "转介绍", "notes": "喜欢浓香型"}
	_, err := writeBook(w, table{"客户资料", cols, func(add func(...any) error) error {
		row := make([]any, len(Fields))
		for i, f := range Fields {
			row[i] = example[f.Key]
		}
		return add(row...)
	}}, table{"填写说明", []ExportColumn{{"列名", 14, KindText}, {"必填", 8, KindText}, {"怎么填", 80, KindText}},
		func(add func(...any) error) error {
			for _, f := range Fields {
				req := ""
				if f.Required {
					req = "是"
				}
				if err := add(f.Label, req, f.Hint); err != nil {
					return err
				}
			}
			return add("示例行", "", "以「"+exampleMark+"」开头的行不会导入，可以保留也可以删除；第一行的列名请勿修改")
		}})
	return err
}

// exampleMark starts the template's example row, which imports skip.
const exampleMark = "示例："

func isExample(cells []string) bool {
	for _, c := range cells {
		if strings.HasPrefix(strings.TrimSpace(c), exampleMark) {
			return true
		}
	}
	return false
}
