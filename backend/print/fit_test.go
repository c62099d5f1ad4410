package print_test

import (
	"strings"
	"testing"

	"jiuke/backend/print"
)

// within fails when a laid-out text is wider or taller than its box.
func within(t *testing.T, name string, b print.Box, f print.Fitted) {
	t.Helper()
	if f.Height() > b.H+1e-6 {
		t.Errorf("%s: %d lines at %.2f mm are %.2f mm tall, box %.2f", name, len(f.Lines), f.Size, f.Height(), b.H)
	}
	for _, l := range f.Lines {
		if w := print.Width(l, f.Size); w > b.W+1e-6 {
			t.Errorf("%s: line %q is %.2f mm wide, box %.2f", name, l, w, b.W)
		}
	}
}

func TestFitShrinksThenWrapsThenCuts(t *testing.T) {
	short := print.Fit("张伟", 100, 20, 10, 4, 1)
	if short.Size != 10 || len(short.Lines) != 1 || short.Lines[0] != "张伟" {
		t.Fatalf("a short name keeps the largest size: %+v", short)
	}
	long := "成都市锦江区春熙路一段88号国际金融中心二号楼三十八层蜀香酒行品鉴中心"
	f := print.Fit(long, 60, 12, 5, 3, 2)
	within(t, "venue", print.Box{W: 60, H: 12}, f)
	if f.Size >= 5 || strings.Join(f.Lines, "") != long {
		t.Fatalf("a long venue should shrink and wrap without losing text: %+v", f)
	}
	huge := print.Fit(strings.Repeat(long, 10), 60, 12, 5, 3, 2)
	within(t, "huge", print.Box{W: 60, H: 12}, huge)
	if !strings.HasSuffix(huge.Lines[len(huge.Lines)-1], "…") {
		t.Fatalf("text too long even at the smallest size is cut with …: %+v", huge)
	}
	mixed := print.Fit("Château Lafite Rothschild 2015 拉菲古堡正牌", 40, 20, 5, 3, 4)
	within(t, "mixed", print.Box{W: 40, H: 20}, mixed)
	for _, l := range mixed.Lines[:len(mixed.Lines)-1] {
		if strings.HasSuffix(l, "Châ") || strings.HasPrefix(l, "teau") {
			t.Fatalf("latin words are not broken when they fit a line: %q", mixed.Lines)
		}
	}
	// Closing punctuation never starts a line.
	for _, l := range print.Wrap("诚邀您莅临本次品鉴会，与我们共品佳酿、共叙情谊。恭候光临！", 20, 4) {
		if strings.ContainsAny(l[:len(string([]rune(l)[0]))], "，。、！") {
			t.Fatalf("line starts with punctuation: %q", l)
		}
	}
}

func TestPosterTextNeverOverflows(t *testing.T) {
	d := sample()
	d.EventName = "二〇二六年度酱香型白酒核心客户答谢暨坤沙老酒品鉴会（成都站）特别专场第二季"
	d.Theme = strings.Repeat("坤沙工艺与十五年老酒的对话，", 6)
	d.Salutation = "Alexander Montgomery-Smith先生"
	d.Venue = "成都市锦江区春熙路一段88号国际金融中心二号楼三十八层蜀香酒行品鉴中心VIP厅"
	d.Address = strings.Repeat("四川省成都市高新区天府大道北段1700号环球中心", 3)
	d.Wording = strings.Repeat("诚邀您莅临本次品鉴会，与我们共品佳酿、共叙情谊。", 5)
	d.Wines = strings.Repeat("飞天茅台53度500ml、", 12)
	d.HostName, d.HostPhone = "欧阳娜娜", "028-8888 8888 转 123456"
	for _, l := range print.Layouts {
		r := print.NewRaster(print.PosterPx, print.PosterW, print.PosterH)
		placed := print.DrawPoster(r, d, l.Key, "")
		if len(placed) < 10 {
			t.Fatalf("%s: only %d texts placed", l.Key, len(placed))
		}
		for _, p := range placed {
			within(t, l.Key+" "+p.Name, p.Box, p.Text)
			if p.Box.X < 5 || p.Box.Y < 5 || p.Box.X+p.Box.W > print.PosterW-5 || p.Box.Y+p.Box.H > print.PosterH-5 {
				t.Errorf("%s %s: box %+v leaves the frame", l.Key, p.Name, p.Box)
			}
		}
	}
}
