package print_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/print"
)

func sample() print.PosterData {
	return print.PosterData{
		ShopName: "蜀香酒行", EventName: "秋季酱香品鉴会", Theme: "坤沙工艺与十五年老酒的对话",
		When: "12月5日（周六）19:00", Venue: "蜀香酒行二楼品鉴厅", Address: "成都市锦江区春熙路1号",
		Salutation: "欧阳女士", Table: "1号桌·主桌", Wording: "诚邀您莅临本次品鉴会，与我们共品佳酿、共叙情谊。恭候光临！",
		HostName: "王经理", HostPhone: "13800138000", Wines: "飞天茅台 53度、习酒·窖藏1988",
		QR: "http://192.168.1.10:8421/c/abcdef", Map: checker(),
	}
}

// checker is a small two-colour image standing in for an uploaded map.
func checker() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			c := color.RGBA{200, 220, 200, 255}
			if (x/5+y/5)%2 == 0 {
				c = color.RGBA{90, 120, 160, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func TestPosterPNGPerLayout(t *testing.T) {
	for _, l := range print.Layouts {
		data, err := print.PosterPNG(sample(), l.Key, "")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if w := img.Bounds().Dx(); w != 1080 {
			t.Fatalf("%s: width %d, want 1080", l.Key, w)
		}
		if n := colours(img); n < 50 {
			t.Fatalf("%s: only %d colours: blank poster", l.Key, n)
		}
		if dir := os.Getenv("POSTER_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "poster-"+l.Key+".png"), data, 0o644)
		}
	}
}

// colours counts distinct colours (sampled), to tell a drawn poster from a flat one.
func colours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

var _ = strings.TrimSpace
