// Package demo generates a realistic, deterministic demo archive: the same seed always gives the same
// customers, so screenshots, manuals and bug reports can refer to them.
package demo

import (
	"fmt"
	"math/rand/v2"

	"jiuke/backend/customers"
)

var commonSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
	"林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "蒋", "袁", "邓"}

// Surnames read differently as surnames, and compound ones: the demo must exercise them.
var rareSurnames = []string{"曾", "单", "解", "仇", "区", "朴", "查", "乐", "尉迟", "欧阳", "诸葛", "司马", "上官", "令狐", "覃", "翟"}

var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇晨欣怡子涵梓轩一鸣思远雨婷俊峰德海春林")

// Districts of Chengdu, the demo shop's city.
var Districts = []string{"锦江区", "青羊区", "金牛区", "武侯区", "成华区", "高新区", "天府新区", "双流区", "郫都区", "温江区", "新都区", "龙泉驿区"}

var companyWords = []string{"蜀都", "天府", "锦城", "宏达", "川鹰", "金沙", "芙蓉", "华西", "新希望", "青城", "岷江", "浣花"}
var companyKinds = []string{"建设集团", "餐饮管理有限公司", "科技有限公司", "贸易有限公司", "房地产开发有限公司", "律师事务所", "医药有限公司", "酒店管理有限公司"}
var titles = []string{"总经理", "董事长", "采购经理", "办公室主任", "副总经理", "老板", "行政经理", "合伙人"}
var streets = []string{"春熙路", "人民南路", "天府大道", "蜀都大道", "红星路", "建设路", "科华北路", "光华大道", "玉林路", "二环路"}
var mobilePrefixes = []string{"138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "189", "130", "131", "132", "155", "156", "185", "133", "153", "180", "181", "177", "199", "166"}

// Person is a generated customer plus who referred them (an index into earlier people, or -1).
type Person struct {
	Input    customers.Input
	Referrer int
}

// Generator yields deterministic people one at a time, so a million need not sit in memory.
type Generator struct {
	r      *rand.Rand
	offset int
	i      int
}

func NewGenerator(seed uint64) *Generator {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &Generator{r: r, offset: r.IntN(100_000_000)}
}

// Next returns the next person. Mobiles are unique for the first 100 million.
func (g *Generator) Next() Person {
	p := person(g.r, g.i, g.offset)
	g.i++
	return p
}

// People returns the first n people for seed.
func People(seed uint64, n int) []Person {
	g := NewGenerator(seed)
	out := make([]Person, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func person(r *rand.Rand, i, offset int) Person {
	surname := pick(r, commonSurnames)
	if r.IntN(8) == 0 {
		surname = pick(r, rareSurnames)
	}
	given := string(pick(r, givenChars))
	if r.IntN(3) > 0 {
		given += string(pick(r, givenChars))
	}
	in := customers.Input{
		Name: surname + given,
		// Multiplying by a number coprime to 10^8 permutes the suffixes, so no two people share one.
		Mobile:   fmt.Sprintf("%s%08d", pick(r, mobilePrefixes), (i*7919+offset)%100_000_000),
		District: pick(r, Districts),
		Source:   pick(r, []string{"进店", "进店", "进店", "转介绍", "转介绍", "活动", "团购"}),
		Consent:  r.IntN(4) > 0,
	}
	in.Gender = pick(r, []string{"M", "M", "M", "F", "F", ""})
	if r.IntN(3) > 0 {
		in.Address = fmt.Sprintf("%s%s%d号", in.District, pick(r, streets), 1+r.IntN(300))
	}
	if r.IntN(2) == 0 {
		in.Company = pick(r, companyWords) + pick(r, companyKinds)
		in.Title = pick(r, titles)
	}
	switch k := r.IntN(10); {
	case k < 5:
		in.Birthday = customers.Birthday{Calendar: "solar", Year: 1955 + r.IntN(45), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
	case k < 7:
		// 29 at most: a lunar month may have 29 days only.
		in.Birthday = customers.Birthday{Calendar: "lunar", Year: 1955 + r.IntN(45), Month: 1 + r.IntN(12), Day: 1 + r.IntN(29)}
	case k < 8:
		in.Birthday = customers.Birthday{Calendar: "solar", Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
	}
	if r.IntN(12) == 0 {
		in.Notes = pick(r, []string{"喜欢酱香型白酒", "只喝干红", "公司年会团购联系人", "对威士忌感兴趣", "不喝酒，常买礼品酒"})
	}
	ref := -1
	if in.Source == "转介绍" && i > 0 {
		ref = r.IntN(i)
	}
	return Person{Input: in, Referrer: ref}
}
