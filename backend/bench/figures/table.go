package figures

import (
	"fmt"
	"strings"
)

// Header is the README table's heading; Table writes it and ParseRow reads rows under it.
var Header = []string{"项目", "测得", "基线（同一次运行）", "比值", "目标", "结果", "测于（UTC）"}

// BeginMarker and EndMarker enclose the generated table in README.md.
const (
	BeginMarker = "<!-- bench:begin (generated from build/bench.json by `go run ./backend/bench/readme`; do not edit) -->"
	EndMarker   = "<!-- bench:end -->"
)

// Table is the figures as a Markdown table, in the README's order.
func Table(fs []Figure) string {
	var b strings.Builder
	row := func(cells ...string) { b.WriteString("| " + strings.Join(cells, " | ") + " |\n") }
	row(Header...)
	b.WriteString("|" + strings.Repeat("---|", len(Header)) + "\n")
	for _, f := range fs {
		floor, ratio := "—", "—"
		if f.Floor > 0 {
			floor = fmt.Sprintf("%s %s（%s）", num(f.Floor), f.Unit, f.FloorName)
			ratio = num(f.Ratio) + "×"
		}
		result := "达标"
		if !f.Pass {
			result = "**未达标**"
		}
		name := f.Name
		if f.Note != "" {
			name += "（" + f.Note + "）"
		}
		row(esc(name), num(f.Value)+" "+f.Unit, esc(floor), ratio, f.Target, result, strings.TrimSuffix(strings.Replace(f.Measured, "T", " ", 1), "Z"))
	}
	return b.String()
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// Replace puts table between the markers of readme, or says why it cannot.
func Replace(readme, table string) (string, error) {
	begin := strings.Index(readme, BeginMarker)
	end := strings.Index(readme, EndMarker)
	if begin < 0 || end < begin {
		return "", fmt.Errorf("README 中没有成对的标记 %q … %q", BeginMarker, EndMarker)
	}
	return readme[:begin+len(BeginMarker)] + "\n" + table + readme[end:], nil
}

// Rows are the table rows between the markers of readme, each split into its cells, without the
// heading and the rule; ok is false when the markers or the heading are missing.
func Rows(readme string) (rows [][]string, ok bool) {
	begin := strings.Index(readme, BeginMarker)
	end := strings.Index(readme, EndMarker)
	if begin < 0 || end < begin {
		return nil, false
	}
	lines := strings.Split(strings.TrimSpace(readme[begin+len(BeginMarker):end]), "\n")
	if len(lines) < 2 || strings.Join(split(lines[0]), "|") != strings.Join(Header, "|") {
		return nil, false
	}
	for _, l := range lines[2:] {
		rows = append(rows, split(l))
	}
	return rows, true
}

// split cuts one Markdown table line into trimmed cells, keeping escaped bars inside a cell.
func split(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	line = strings.ReplaceAll(line, "\\|", "\x00")
	var out []string
	for _, c := range strings.Split(line, "|") {
		out = append(out, strings.ReplaceAll(strings.TrimSpace(c), "\x00", "|"))
	}
	return out
}
