// Package font embeds the fonts every printed page and poster uses, so the output looks the same on
// every PC whatever fonts Windows has: Droid Sans Fallback for Chinese (Apache-2.0) and Liberation
// Sans for Latin letters and digits, which the Chinese font lacks (SIL OFL 1.1). See NOTICE.txt.
package font

import (
	_ "embed"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Face names one of the two embedded fonts.
type Face int

const (
	Latin Face = iota
	CJK
)

// Names are the family names PDF writers register the faces under.
var Names = [...]string{Latin: "latin", CJK: "cjk"}

var (
	//go:embed LiberationSans-Regular.ttf
	latinTTF []byte
	//go:embed DroidSansFallbackFull.ttf
	cjkTTF []byte
)

// TTF is a face's font file, for PDF writers that embed (and subset) it.
func TTF(f Face) []byte {
	if f == Latin {
		return latinTTF
	}
	return cjkTTF
}

var (
	parsed    [2]*sfnt.Font
	parseErr  error
	parseOnce sync.Once
)

// Parsed is a face parsed once, for measuring and for drawing PNGs.
func Parsed(f Face) (*sfnt.Font, error) {
	parseOnce.Do(func() {
		for i, b := range [][]byte{latinTTF, cjkTTF} {
			if parsed[i], parseErr = sfnt.Parse(b); parseErr != nil {
				return
			}
		}
	})
	return parsed[f], parseErr
}
