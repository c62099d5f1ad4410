package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"jiuke/backend/bench/figures"
)

// figs are the figures this run measured, in the order measured; writeFigures saves them.
var figs []figures.Figure

// record keeps one figure for build/bench.json and prints its verdict line. Every measurement with
// a target calls it once: the README's table is generated from what it keeps.
func record(f figures.Figure) {
	f = f.Settle()
	f.Measured = time.Now().UTC().Format(time.RFC3339)
	figs = append(figs, f)
	fmt.Printf("【%s】%s\n", verdict(f.Pass), f.Line())
}

// writeFigures writes this run's figures to path. A run that measured only some (-reuse, -n 0)
// replaces those and keeps the others from the file, each with the time it was measured.
func writeFigures(path string) error {
	if path == "" || len(figs) == 0 {
		return nil
	}
	var old []figures.Figure
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(data, &old); err != nil {
			return fmt.Errorf("%s 不是 bench 结果文件: %w", path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	out := slices.Clone(figs)
	for _, o := range old {
		if !slices.ContainsFunc(out, func(f figures.Figure) bool { return f.Name == o.Name }) {
			out = append(out, o)
		}
	}
	figures.Sort(out)
	data, err = json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	fmt.Printf("\n结果已写入 %s（%d 项，本次测 %d 项）\n", path, len(out), len(figs))
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
