package banquets_test

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"jiuke/backend/banquets"
)

func photo(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header claiming w×h 8-bit RGBA pixels, with no pixel data: decoding it would allocate.
func hugePNG(w, h uint32) []byte { return pngHeader(w, h, 8) }

// pngHeader is a PNG signature and IHDR of w×h RGBA pixels of the given bit depth, and nothing else.
func pngHeader(w, h uint32, depth byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, 6
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestEvidenceIsKeptWithItsHashAndFrozenOnceFiled(t *testing.T) {
	f := newFixture(t)
	root := banquets.EvidenceRoot(f.db.Path)
	b := f.register(f.wedding())
	add := func(in banquets.EvidenceInput, data []byte) (banquets.Evidence, error) {
		if in.IdemKey == "" {
			in.IdemKey = f.key()
		}
		var e banquets.Evidence
		err := f.tx(func(tx *sql.Tx) error {
			var err error
			e, _, err = banquets.AddEvidence(f.ctx, tx, root, b.ID, in, data, 0)
			return err
		})
		return e, err
	}
	data := photo(t, 800, 600)
	e, err := add(banquets.EvidenceInput{Kind: "tables", Note: "20桌", IdemKey: "p1"}, data)
	if err != nil {
		t.Fatal(err)
	}
	// The file on disk, re-hashed, is what the record says, and what was sent.
	onDisk, err := os.ReadFile(filepath.Join(root, "1", e.FileName()))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(onDisk)
	sent := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != e.SHA256 || sum != sent || e.Width != 800 || e.Height != 600 || e.Mime != "image/png" {
		t.Fatalf("record %+v does not match the file", e)
	}
	if ok, err := banquets.VerifyEvidence(f.ctx, f.db.R, root, b.ID, e.ID); !ok || err != nil {
		t.Fatalf("verify: %v %v", ok, err)
	}
	thumb, mime, err := banquets.ReadEvidence(f.ctx, f.db.R, root, b.ID, e.ID, true)
	if err != nil || mime != "image/jpeg" {
		t.Fatalf("thumb %s %v", mime, err)
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(thumb)); err != nil || cfg.Width != 320 || cfg.Height != 240 {
		t.Fatalf("thumbnail %+v %v", cfg, err)
	}
	if again, _ := add(banquets.EvidenceInput{Kind: "tables", IdemKey: "p1"}, data); again.ID != e.ID || count(t, f.db, "banquet_evidence") != 1 {
		t.Fatal("a repeated upload was kept twice")
	}
	// A file changed behind our back no longer verifies.
	os.WriteFile(filepath.Join(root, "1", e.FileName()), photo(t, 10, 10), 0o644)
	if ok, _ := banquets.VerifyEvidence(f.ctx, f.db.R, root, b.ID, e.ID); ok {
		t.Fatal("a replaced file still verifies")
	}

	for _, c := range []struct {
		name, field, want string
		data              []byte
		kind              string
	}{
		{"not an image", "file", "只能上传 JPG、PNG 或 GIF", []byte("MZ\x90\x00 this is an exe"), "sign"},
		{"empty", "file", "空的", nil, "sign"},
		{"huge dimensions", "file", "过大", hugePNG(60000, 60000), "sign"},
		{"too many pixels", "file", "过大", hugePNG(10000, 9000), "sign"},
		// 30 million pixels pass the pixel cap, but at 16 bits a channel they decode to 240 MB.
		{"16-bit RGBA", "file", "照片 6000×5000、每像素8字节，打开需要228MB内存，超过200MB上限", pngHeader(6000, 5000, 16), "sign"},
		// The same size at 8 bits (114 MB) passes the cap and only fails as the empty file it is.
		{"8-bit RGBA of that size", "file", "损坏", pngHeader(6000, 5000, 8), "sign"},
		{"truncated", "file", "损坏", data[:100], "sign"},
		{"too big", "file", "不能超过15MB", append(append([]byte{}, data...), make([]byte, banquets.MaxPhotoBytes)...), "sign"},
		{"kind", "kind", "照片类型", data, "selfie"},
	} {
		_, err := add(banquets.EvidenceInput{Kind: c.kind}, c.data)
		refused(t, c.name, err, c.field, c.want)
	}
	if n := count(t, f.db, "banquet_evidence"); n != 1 {
		t.Errorf("refused uploads left %d records", n)
	}
	if files, _ := os.ReadDir(filepath.Join(root, "1")); len(files) != 2 {
		t.Errorf("refused uploads left files: %d in the folder", len(files))
	}

	// Before filing: notes edit, photos can be removed (marked).
	second, _ := add(banquets.EvidenceInput{Kind: "sign"}, photo(t, 40, 30))
	edit := func(id int64, note string, remove bool) error {
		return f.tx(func(tx *sql.Tx) error {
			_, err := banquets.EditEvidence(f.ctx, tx, b.ID, id, note, remove, 0)
			return err
		})
	}
	if err := edit(second.ID, "门头", false); err != nil {
		t.Fatal(err)
	}
	if err := edit(second.ID, "", true); err != nil {
		t.Fatal(err)
	}
	// File the claim: deliver, settle, then the claims package's move.
	f.deliver(b.ID, banquets.DeliveryInput{Lines: []banquets.DeliveryLine{{ProductID: f.wuliang, Bottles: 2}}})
	if _, err := f.settle(b.ID, banquets.SettleInput{Lines: []banquets.SettleLine{{ProductID: f.wuliang, Opened: 2, CountedBy: "count"}}}); err != nil {
		t.Fatal(err)
	}
	f.tx(func(tx *sql.Tx) error {
		_, err := banquets.SetClaimState(f.ctx, tx, b.ID, banquets.StateClaimed)
		return err
	})
	refused(t, "edit after filing", edit(e.ID, "改", false), "state", "只能补充")
	refused(t, "remove after filing", edit(e.ID, "", true), "state", "只能补充")
	_, err = add(banquets.EvidenceInput{Kind: "opened"}, photo(t, 20, 20))
	refused(t, "add after filing without a note", err, "note", "请填写说明")
	if _, err := add(banquets.EvidenceInput{Kind: "opened", Note: "品牌要求补开瓶照片"}, photo(t, 20, 20)); err != nil {
		t.Fatalf("adding with a note after filing: %v", err)
	}
}
