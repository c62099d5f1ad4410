// Command readme writes the figures of build/bench.json into README.md's performance table, between
// its markers: `make bench` runs it after measuring, so the README shows what the last run measured.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"jiuke/backend/bench/figures"
)

func main() {
	in := flag.String("json", "build/bench.json", "make bench 写出的结果文件")
	readme := flag.String("readme", "README.md", "要更新的 README")
	flag.Parse()
	if err := run(*in, *readme); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

func run(in, readme string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var fs []figures.Figure
	if err := json.Unmarshal(data, &fs); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	figures.Sort(fs)
	out, err := figures.Replace(string(text), figures.Table(fs))
	if err != nil {
		return err
	}
	if err := os.WriteFile(readme, []byte(out), 0o644); err != nil {
		return err
	}
	fmt.Printf("已把 %d 项结果写入 %s 的性能表\n", len(fs), readme)
	return nil
}
