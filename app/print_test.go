package app

import (
	"bytes"
	"encoding/base64"
	"image"
	_ "image/png"
	"strings"
	"sync"
	"testing"

	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/print"
	"jiuke/backend/store/storetest"
)

type printEvents struct {
	mu   sync.Mutex
	seen []PrintProgress
}

func (p *printEvents) Emit(name string, data any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pp, ok := data.(PrintProgress); ok && name == "print:progress" {
		p.seen = append(p.seen, pp)
	}
}

// Posters and cards through the service as the 打印物料 tab drives it in a browser: downloads come
// back as base64, each is logged, batches report progress, and without shop-network mode the posters
// say so and carry no code while the door stand is refused.
func TestPrintServiceAsTheUIDrivesIt(t *testing.T) {
	push := &printEvents{}
	core := signedInCore(t, push)
	s, ev := &Print{core}, &Events{core}
	var ids []int64
	for _, c := range []customers.Input{{Name: "欧阳娜娜", Mobile: "13800138000", Gender: "F"}, {Name: "张伟", Mobile: "13800138001"}} {
		cu, err := (&Customers{core}).Create(c)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cu.ID)
	}
	e, err := ev.Create(events.Input{Name: "秋季品鉴会", Kind: "品鉴会", StartsAt: "2026-12-05 19:00", EndsAt: "2026-12-05 21:30", Venue: "二楼"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ev.AddGuests(e.ID, ids, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := ev.AddTables(e.ID, 1, 10); err != nil {
		t.Fatal(err)
	}

	if _, err := s.SaveStyle(print.Style{Layout: "gold", Wording: "x"}); err == nil || errs.ToPayload(err).Field != "layout" {
		t.Fatalf("an unknown layout is refused: %v", err)
	}
	if _, err := s.SaveStyle(print.Style{Layout: print.Wine, Wording: "{姓名}，{不存在}"}); err == nil || !strings.Contains(err.Error(), "{不存在}") {
		t.Fatalf("an unknown placeholder is refused by name: %v", err)
	}
	st, err := s.SaveStyle(print.Style{Layout: print.Wine, Accent: "#114477", Wording: "{称呼}，诚邀您莅临{活动名称}。"})
	if err != nil || st.Layout != print.Wine {
		t.Fatalf("save style %+v %v", st, err)
	}
	if opt, err := s.Options(); err != nil || opt.Style != st || opt.HasLogo {
		t.Fatalf("options %+v %v", opt, err)
	}

	pv, err := s.Preview(PosterPreviewRequest{EventID: e.ID, Style: print.Style{Layout: print.Classic}})
	if err != nil || pv.Guest != "欧阳娜娜" || !strings.Contains(pv.QRNote, "局域网模式未开启") {
		t.Fatalf("preview %v %q %q", err, pv.Guest, pv.QRNote)
	}
	if w := pngWidth(t, pv.PNG); w != 1080 {
		t.Fatalf("preview %d px wide", w)
	}

	gs, _ := ev.Detail(e.ID)
	one, err := s.Poster(e.ID, gs.Guests[0].ID, "png")
	if err != nil || !strings.HasPrefix(one.Name, "邀请函-秋季品鉴会-") || pngWidth(t, one.Base64) != 1080 {
		t.Fatalf("one poster %v %+v", err, one.Name)
	}
	all, err := s.Posters(e.ID, "zip", "job-1")
	if err != nil || all.Rows != 2 || !strings.HasSuffix(all.Name, ".zip") {
		t.Fatalf("all posters %v %+v", err, all.Name)
	}
	if n := len(push.seen); n == 0 || push.seen[n-1] != (PrintProgress{JobID: "job-1", Done: 2, Total: 2}) {
		t.Fatalf("progress %+v", push.seen)
	}
	for _, run := range []func() (ExportFile, error){
		func() (ExportFile, error) { return s.Posters(e.ID, "pdf", "job-2") },
		func() (ExportFile, error) { return s.TableCards(e.ID) },
		func() (ExportFile, error) { return s.NameTents(e.ID, "王总 酒厂华西大区") },
		func() (ExportFile, error) { return s.SeatingPoster(e.ID) },
	} {
		f, err := run()
		data, _ := base64.StdEncoding.DecodeString(f.Base64)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) || !strings.HasSuffix(f.Name, ".pdf") {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	if _, err := s.DoorStand(e.ID); err == nil || !strings.Contains(err.Error(), "局域网模式未开启") {
		t.Fatalf("the door stand needs shop-network mode: %v", err)
	}
	var logged int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM audit_entries WHERE action = '打印物料'`).Scan(&logged)
	if logged != 6 {
		t.Fatalf("%d print downloads logged, want 6", logged)
	}
	if _, err := s.Posters(e.ID, "exe", "job-3"); err == nil {
		t.Fatal("an unknown batch format is refused")
	}
}

func pngWidth(t *testing.T, b64 string) int {
	t.Helper()
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width
}

// Extra tents typed in are checked before anything is drawn or saved: too long a line is named.
func TestNameTentsRefuseALongExtraLine(t *testing.T) {
	core := signedInCore(t, nil)
	e, err := (&Events{core}).Create(events.Input{Name: "秋季品鉴会", Kind: "品鉴会", StartsAt: "2026-12-05 19:00", EndsAt: "2026-12-05 21:30"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&Print{core}).NameTents(e.ID, "王总 酒厂\n"+strings.Repeat("长", 61))
	if p := errs.ToPayload(err); p.Field != "extra" || !strings.Contains(p.Message, "第2行") {
		t.Fatalf("got %+v", p)
	}
}
