package workbook

import (
	"os"
	"path/filepath"
	"time"
)

// spoolPattern names the temp files newSpool makes, so leftovers can be found again.
const spoolPattern = "jiuke-export-*.rows"

// SweepLeftovers removes export spool files that a killed process left in the temp folder. A spool
// lives for the seconds an export takes, so only files older than minAge are taken: another Jiuke
// running beside this one (the demo window, a serve) keeps its own. Errors are ignored: on Windows a
// file still open elsewhere cannot be removed, and that is the file we must keep anyway.
func SweepLeftovers(minAge time.Duration) (removed int) {
	paths, _ := filepath.Glob(filepath.Join(os.TempDir(), spoolPattern))
	cutoff := time.Now().Add(-minAge)
	for _, p := range paths {
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() && info.ModTime().Before(cutoff) {
			if os.Remove(p) == nil {
				removed++
			}
		}
	}
	return removed
}
