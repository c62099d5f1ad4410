package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiuke/backend/banquets"
	"jiuke/backend/customers"
	"jiuke/backend/errs"
	"jiuke/backend/sales"
	"jiuke/backend/store/storetest"
)

// In the window a photo is picked with the system's dialog; a browser seat has none and uploads.
func TestPickEvidenceInTheWindow(t *testing.T) {
	core := signedInCore(t, nil)
	s := &Banquets{core}
	ctx := context.Background()
	var id int64
	if err := core.DB.WithTx(ctx, func(tx *sql.Tx) error {
		host, err := customers.Create(ctx, tx, customers.Input{Name: "王新郎", Mobile: "13800000001"}, 0)
		if err != nil {
			return err
		}
		hotel, err := customers.Create(ctx, tx, customers.Input{Name: "金源大酒店", Kind: "终端门店", OutletType: "酒店"}, 0)
		if err != nil {
			return err
		}
		wine, err := sales.SaveProduct(ctx, tx, sales.Product{Name: "国窖1573", Category: "白酒", RetailFen: 100000, Active: true, BottlesPerCase: 6})
		if err != nil {
			return err
		}
		b, _, err := banquets.Register(ctx, tx, banquets.Input{HostID: host.ID, Kind: "婚宴", VenueID: hotel.ID, Tables: 10,
			HeldAt: time.Now().AddDate(0, 0, 7).Format("2006-01-02") + " 18:00", IdemKey: "b1",
			Lines: []banquets.LineInput{{ProductID: wine.ID, Cases: 2}}}, 0)
		id = b.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var img bytes.Buffer
	png.Encode(&img, image.NewRGBA(image.Rect(0, 0, 40, 30)))
	good := filepath.Join(dir, "桌数.png")
	os.WriteFile(good, img.Bytes(), 0o644)
	deep := filepath.Join(dir, "16位.png")
	os.WriteFile(deep, pngHeader16(6000, 5000), 0o644)
	in := banquets.EvidenceInput{Kind: "tables", IdemKey: "p1"}

	if _, err := s.PickEvidence(id, in); errs.CodeOf(err) != errs.CodeConflict {
		t.Fatalf("without dialogs: %v", err)
	}
	core.UseDialogs(answer{""})
	if e, err := s.PickEvidence(id, in); err != nil || e.ID != 0 {
		t.Fatalf("a closed dialog keeps nothing: %v %+v", err, e)
	}
	core.UseDialogs(answer{deep})
	if _, err := s.PickEvidence(id, banquets.EvidenceInput{Kind: "tables", IdemKey: "p2"}); errs.CodeOf(err) != errs.CodeInvalid ||
		!strings.Contains(err.Error(), "每像素8字节") {
		t.Fatalf("a 16-bit photo too large to decode: %v", err)
	}
	core.UseDialogs(answer{good})
	e, err := s.PickEvidence(id, in)
	sum := sha256.Sum256(img.Bytes())
	if err != nil || e.ID == 0 || e.SHA256 != hex.EncodeToString(sum[:]) || e.Width != 40 {
		t.Fatalf("picked photo: %v %+v", err, e)
	}
	var n int
	storetest.QueryRow(t, core.DB.R, `SELECT COUNT(*) FROM banquet_evidence`).Scan(&n)
	var details string
	storetest.QueryRow(t, core.DB.R, `SELECT details FROM audit_entries WHERE action = '宴席照片'`).Scan(&details)
	if n != 1 || !strings.Contains(details, "桌数.png") {
		t.Fatalf("%d photos kept, audit %s", n, details)
	}
}

// pngHeader16 is a PNG signature and IHDR of w×h 16-bit RGBA pixels, and no pixel data.
func pngHeader16(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 16, 6
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}
