// Package figures is what `make bench` measured, as build/bench.json holds it and the README's
// performance table shows it: one figure a target, with the floor measured in the same run.
package figures

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Figure is one measurement against its target. A target on the ratio (OnRatio) compares the
// value with a floor measured in the same run on the same machine; the others are absolute.
type Figure struct {
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Floor     float64 `json:"floor"`     // in Unit; 0 when there is none
	FloorName string  `json:"floorName"` // what the floor measures
	Ratio     float64 `json:"ratio"`     // Value / Floor; 0 without a floor
	Target    string  `json:"target"`
	Pass      bool    `json:"pass"`
	Note      string  `json:"note,omitempty"`
	Measured  string  `json:"measured"` // UTC, RFC 3339

	// Limit is the target: the ratio's when OnRatio, otherwise the value's. Below is "<" instead of "≤".
	Limit   float64 `json:"-"`
	OnRatio bool    `json:"-"`
	Below   bool    `json:"-"`
}

// Settle fills in the ratio, the target's text and whether it passes.
func (f Figure) Settle() Figure {
	if f.Floor > 0 {
		f.Ratio = round(f.Value/f.Floor, 2)
	}
	op := "≤"
	if f.Below {
		op = "<"
	}
	got, limit := f.Value, f.Limit
	if f.OnRatio {
		got = f.Value / max(f.Floor, 1e-9)
		f.Target = fmt.Sprintf("%s %s× 基线", op, num(limit))
	} else {
		f.Target = fmt.Sprintf("%s %s %s", op, num(limit), f.Unit)
	}
	f.Pass = got <= limit && (!f.Below || got < limit)
	f.Value, f.Floor = round(f.Value, 3), round(f.Floor, 3)
	return f
}

// Line is the figure as one line of the bench's output.
func (f Figure) Line() string {
	s := fmt.Sprintf("%s：%s %s", f.Name, num(f.Value), f.Unit)
	if f.Floor > 0 {
		s += fmt.Sprintf("，基线（%s）%s %s，%s×", f.FloorName, num(f.Floor), f.Unit, num(f.Ratio))
	}
	s += "，目标 " + f.Target
	if f.Note != "" {
		s += "（" + f.Note + "）"
	}
	return s
}

// Order is where the README table lists each figure; names not in it follow, alphabetically.
var Order = []string{
	"导入 10 万客户（8 列）", "导入 10 万客户（8 列）内存峰值", "导入 10 万行完整台账（12 列）", "导出 10 万客户",
	"jiuke serve 启动到首个应答", "搜索 p99（HTTP）", "搜索最慢一类 p99（进程内）", "客群实时计数 p99", "消费记账 p99", "储值支付消费 p99",
	"首页仪表盘 p99", "jiuke serve 常驻内存峰值",
}

// Sort puts figures in the README's order.
func Sort(fs []Figure) {
	rank := func(name string) int {
		if i := slices.Index(Order, name); i >= 0 {
			return i
		}
		return len(Order)
	}
	slices.SortStableFunc(fs, func(a, b Figure) int {
		return cmp.Or(cmp.Compare(rank(a.Name), rank(b.Name)), cmp.Compare(a.Name, b.Name))
	})
}

func round(v float64, places int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', places, 64), 64)
	return r
}

// num writes a number without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
