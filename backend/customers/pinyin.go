package customers

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Surnames whose reading as a surname differs from the character's common reading, which is what
// go-pinyin returns (曾 ceng, 单 dan …). Compound surnames are read as one unit.
var compoundSurnames = map[string][]string{
	"尉迟": {"yu", "chi"}, "欧阳": {"ou", "yang"}, "司马": {"si", "ma"}, "诸葛": {"zhu", "ge"},
	"上官": {"shang", "guan"}, "令狐": {"ling", "hu"}, "长孙": {"zhang", "sun"}, "单于": {"chan", "yu"},
	"澹台": {"tan", "tai"}, "万俟": {"mo", "qi"}, "皇甫": {"huang", "fu"}, "公孙": {"gong", "sun"},
	"东方": {"dong", "fang"}, "慕容": {"mu", "rong"}, "夏侯": {"xia", "hou"}, "司徒": {"si", "tu"},
	"端木": {"duan", "mu"}, "宇文": {"yu", "wen"}, "呼延": {"hu", "yan"}, "闻人": {"wen", "ren"},
	"独孤": {"du", "gu"}, "南宫": {"nan", "gong"}, "西门": {"xi", "men"}, "申屠": {"shen", "tu"},
	"公冶": {"gong", "ye"}, "太史": {"tai", "shi"}, "轩辕": {"xuan", "yuan"}, "钟离": {"zhong", "li"},
	"赫连": {"he", "lian"}, "濮阳": {"pu", "yang"}, "淳于": {"chun", "yu"}, "百里": {"bai", "li"},
}

// Surname is the family name of a Chinese name: a compound surname (欧阳, 司马 …) whole, else the
// first character; "" for a name that is not two to four Han characters (a foreign or company name).
func Surname(name string) string {
	runes := []rune(strings.TrimSpace(name))
	if len(runes) < 2 || len(runes) > 4 {
		return ""
	}
	for _, r := range runes {
		if !unicode.Is(unicode.Han, r) {
			return ""
		}
	}
	if _, ok := compoundSurnames[string(runes[:2])]; ok {
		return string(runes[:2])
	}
	return string(runes[:1])
}

var singleSurnames = map[rune]string{
	'曾': "zeng", '单': "shan", '解': "xie", '仇': "qiu", '区': "ou", '朴': "piao", '查': "zha",
	'乐': "yue", '盖': "ge", '缪': "miao", '翟': "zhai", '覃': "qin", '召': "shao", '种': "chong",
	'秘': "bi", '员': "yun", '隗': "wei", '宓': "mi", '繁': "po", '折': "she", '能': "nai",
	'祭': "zhai", '长': "chang", '重': "chong", '藏': "zang", '华': "hua", '任': "ren", '沈': "shen",
	'柏': "bai", '薄': "bo", '卜': "bu", '过': "guo", '句': "gou", '阚': "kan", '冼': "xian",
	'燕': "yan", '叶': "ye", '应': "ying", '尉': "wei", '纪': "ji", '钟': "zhong", '车': "che",
	'贾': "jia", '那': "na", '哈': "ha", '秦': "qin", '葛': "ge", '费': "fei", '朝': "chao",
}

var pinyinArgs = pinyin.NewArgs()

// NameKeys returns the search keys of a name: initials ("zs" for 张三) and full pinyin ("zhangsan"),
// both lower case. Letters and digits in the name are kept as they are.
func NameKeys(name string) (initials, full string) {
	runes := []rune(strings.TrimSpace(name))
	var syllables []string
	i := 0
	if len(runes) >= 2 {
		if s, ok := compoundSurnames[string(runes[:2])]; ok {
			syllables = append(syllables, s...)
			i = 2
		}
	}
	if i == 0 && len(runes) > 0 {
		if s, ok := singleSurnames[runes[0]]; ok {
			syllables = append(syllables, s)
			i = 1
		}
	}
	for ; i < len(runes); i++ {
		r := runes[i]
		switch {
		case unicode.Is(unicode.Han, r):
			if p := pinyin.LazyPinyin(string(r), pinyinArgs); len(p) > 0 {
				syllables = append(syllables, p[0])
			}
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			syllables = append(syllables, strings.ToLower(string(r)))
		}
	}
	var ib, fb strings.Builder
	for _, s := range syllables {
		ib.WriteByte(s[0])
		fb.WriteString(s)
	}
	return ib.String(), fb.String()
}
