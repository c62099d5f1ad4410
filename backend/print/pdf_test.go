package print_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/events"
	"jiuke/backend/print"
	"jiuke/backend/staff"
	"jiuke/backend/store"
	"jiuke/backend/store/storetest"
)

var ctx = context.Background()

// seatedEvent is a real event in a temp database: four guests (one a compound surname, one without a
// gender, two of the same name), two tables, the first named 主桌 with a host, one guest unseated.
func seatedEvent(t *testing.T) (*store.DB, int64) {
	t.Helper()
	db := storetest.Open(t)
	owner, err := staff.EnsureOwner(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var evID int64
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		var ids []int64
		for i, c := range []customers.Input{
			{Name: "欧阳娜娜", Gender: "F", Company: "锦江酒业有限公司"},
			{Name: "张伟", Gender: "M", Company: "蜀都贸易"},
			{Name: "张伟", Gender: "M"},
			{Name: "李明"},
		} {
			c.Mobile = fmt.Sprintf("1380013800%d", i)
			cu, err := customers.Create(ctx, tx, c, 0)
			if err != nil {
				return err
			}
			ids = append(ids, cu.ID)
		}
		ev, err := events.Create(ctx, tx, events.Input{Name: "秋季酱香品鉴会", Kind: "品鉴会", Theme: "坤沙老酒之夜", StartsAt: "2026-12-05 19:00",
			EndsAt: "2026-12-05 21:30", Venue: "蜀香酒行二楼", Address: "锦江区春熙路1号", HostStaffID: owner.ID, FeaturedProducts: "飞天茅台53度"}, owner.ID)
		if err != nil {
			return err
		}
		evID = ev.ID
		if _, err := events.AddGuests(ctx, tx, ev.ID, ids, 0, owner.ID); err != nil {
			return err
		}
		tables, err := events.AddTables(ctx, tx, ev.ID, 2, 10)
		if err != nil {
			return err
		}
		if _, err := events.UpdateTable(ctx, tx, ev.ID, tables[0].ID, events.TableInput{Name: "主桌", Seats: 10, HostStaffID: owner.ID}); err != nil {
			return err
		}
		gs, err := events.Guests(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		for i, g := range gs[:3] {
			if _, err := events.Seat(ctx, tx, ev.ID, g.ID, tables[i%2].ID); err != nil {
				return err
			}
		}
		return print.SavePhone(ctx, tx, owner.ID, "13900001111")
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, evID
}

// pdfText extracts a PDF's text with pdftotext and checks every page renders non-blank with pdftoppm.
func pdfText(t *testing.T, data []byte, pages int) string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed (Debian package poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("POSTER_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.pdf", t.Name(), pages)), data, 0o644)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if err := exec.Command("pdftoppm", "-r", "20", "-png", in, filepath.Join(dir, "page")).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(files) != pages {
		t.Fatalf("%d pages rendered, want %d", len(files), pages)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if n := colours(img); n < 4 {
			t.Fatalf("%s is blank (%d colours)", filepath.Base(f), n)
		}
	}
	return string(out)
}

func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), "")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

func TestPostersPDFHaveEachGuestsNameAndTable(t *testing.T) {
	db, evID := seatedEvent(t)
	m, err := print.Load(ctx, db.R, evID)
	if err != nil {
		t.Fatal(err)
	}
	var ds []print.PosterData
	for _, g := range m.Guests {
		ds = append(ds, m.Poster(g, "http://192.168.1.10:8421/c/token"))
	}
	data, err := print.PostersPDF(ds, print.Wine, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, data, 4)
	contains(t, "posters", text, "尊敬的欧阳女士", "尊敬的张先生", "尊敬的李明贵宾", "1号桌·主桌", "2号桌", "秋季酱香品鉴会",
		"12月5日（周六）19:00", "蜀香酒行二楼", "锦江区春熙路1号", "13900001111", "飞天茅台53度")
	// The fourth guest is not seated: their page has no 席位 line.
	pages := strings.Split(text, "\f")
	if strings.Contains(pages[3], "席位") || !strings.Contains(pages[3], "李明") {
		t.Fatalf("the unseated guest's page:\n%s", pages[3])
	}
}

func TestPosterBatchZipNames(t *testing.T) {
	db, evID := seatedEvent(t)
	m, err := print.Load(ctx, db.R, evID)
	if err != nil {
		t.Fatal(err)
	}
	var ds []print.PosterData
	var names []string
	seen := map[string]int{}
	// The two 张伟 sit at different tables; a poster again for the same name and table gets (2).
	guests := append(m.Guests, m.Guests[1])
	for _, g := range guests {
		ds = append(ds, m.Poster(g, ""))
		names = append(names, print.PosterName(g, seen))
	}
	var done []int
	data, err := print.PostersZip(ds, names, print.Plain, "#114477", func(n int) { done = append(done, n) })
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
		r, _ := f.Open()
		cfg, _, err := image.DecodeConfig(r)
		r.Close()
		if err != nil || cfg.Width != 1080 {
			t.Fatalf("%s: %v %d px wide", f.Name, err, cfg.Width)
		}
	}
	want := fmt.Sprintf("%v", []string{"欧阳娜娜-1号桌.png", "张伟-1号桌.png", "张伟-2号桌.png", "李明.png", "张伟-1号桌(2).png"})
	if fmt.Sprint(got) != want {
		t.Fatalf("zip names %v, want %v", got, want)
	}
	if fmt.Sprint(done) != "[1 2 3 4 5]" {
		t.Fatalf("progress %v", done)
	}
}

func TestTableCardsTentsSeatingAndStand(t *testing.T) {
	db, evID := seatedEvent(t)
	m, err := print.Load(ctx, db.R, evID)
	if err != nil {
		t.Fatal(err)
	}
	cards, placed, err := print.TableCardsPDF(m)
	if err != nil {
		t.Fatal(err)
	}
	checkPlaced(t, "table cards", placed)
	contains(t, "table cards", pdfText(t, cards, 2), "1号桌", "主桌", "2号桌", "秋季酱香品鉴会")

	tents := print.Tents(m)
	var order []string
	for _, x := range tents {
		order = append(order, x.Name+"@"+x.Table)
	}
	// Table by table, the host first, then the guests in seat order; unseated guests last.
	if want := "[店主@1号桌·主桌 欧阳娜娜@1号桌·主桌 张伟@1号桌·主桌 张伟@2号桌 李明@]"; fmt.Sprint(order) != want {
		t.Fatalf("tents %v, want %s", order, want)
	}
	extra, err := print.ParseExtraTents("王总 茅台集团 华西大区\n\n赵经理")
	if err != nil || len(extra) != 2 || extra[0].Title != "茅台集团 华西大区" {
		t.Fatalf("extra tents %+v %v", extra, err)
	}
	data, placed, err := print.NameTentsPDF(append(tents, extra...), "")
	if err != nil {
		t.Fatal(err)
	}
	checkPlaced(t, "tents", placed)
	contains(t, "tents", pdfText(t, data, 4), "欧阳娜娜", "锦江酒业有限公司", "1号桌·主桌", "王总", "茅台集团华西大区", "赵经理")

	data, placed, err = print.SeatingPosterPDF(m)
	if err != nil {
		t.Fatal(err)
	}
	checkPlaced(t, "seating", placed)
	contains(t, "seating", pdfText(t, data, 1), "座位图", "1号桌·主桌", "店主（主持）", "欧阳娜娜", "2号桌")

	data, placed, err = print.DoorStandPDF(m, "http://192.168.1.10:8421/w/walkin")
	if err != nil {
		t.Fatal(err)
	}
	checkPlaced(t, "stand", placed)
	contains(t, "stand", pdfText(t, data, 1), "扫码签到", "秋季酱香品鉴会", "http://192.168.1.10:8421/w/walkin")
}

func checkPlaced(t *testing.T, what string, placed []print.Placed) {
	t.Helper()
	if len(placed) == 0 {
		t.Fatalf("%s: nothing placed", what)
	}
	for _, p := range placed {
		within(t, what+" "+p.Name, p.Box, p.Text)
	}
}
