package customers

import "testing"

// Surnames must read as surnames, not as the character's everyday reading.
func TestNameKeysReadSurnamesAsSurnames(t *testing.T) {
	cases := []struct{ name, initials, full string }{
		{"张三", "zs", "zhangsan"},
		{"曾国藩", "zgf", "zengguofan"},
		{"单田芳", "stf", "shantianfang"},
		{"解缙", "xj", "xiejin"},
		{"仇英", "qy", "qiuying"},
		{"区志坚", "ozj", "ouzhijian"},
		{"朴树", "ps", "piaoshu"},
		{"查良镛", "zly", "zhaliangyong"},
		{"乐嘉", "yj", "yuejia"},
		{"尉迟恭", "ycg", "yuchigong"},
		{"欧阳修", "oyx", "ouyangxiu"},
		{"诸葛亮", "zgl", "zhugeliang"},
		{"Tom李", "toml", "tomli"},
	}
	for _, c := range cases {
		i, f := NameKeys(c.name)
		if i != c.initials || f != c.full {
			t.Errorf("NameKeys(%s) = %s, %s; want %s, %s", c.name, i, f, c.initials, c.full)
		}
	}
}
