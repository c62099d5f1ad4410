package banquets

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // registers the decoder
	"image/jpeg"
	_ "image/png" // registers the decoder
	"os"
	"path/filepath"
	"slices"
	"strings"

	"jiuke/backend/errs"
	"jiuke/backend/store"
)

// Photos are untrusted (a phone on the shop network): bounded in bytes, typed by their first bytes,
// and their dimensions read from the header and capped before any pixel is decoded.
const (
	MaxPhotoBytes  = 15 << 20
	MaxPhotoSide   = 12_000
	MaxPhotoPixels = 50_000_000
	// MaxDecodeBytes bounds the memory a decoded photo takes: pixels × bytes per pixel. A 16-bit RGBA
	// PNG takes 8 bytes a pixel, so the pixel cap alone would let one upload hold 400 MB.
	MaxDecodeBytes = 200 << 20
	thumbSide      = 320
)

// bytesPerPixel is what image.Decode allocates per pixel for a colour model (JPEG's YCbCr at most 3).
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	case color.YCbCrModel:
		return 3
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8 // an unknown model counts as the widest
}

// EvidenceKinds: the table count, the opened bottles, the venue's sign, anything else.
var EvidenceKinds = []string{"tables", "opened", "sign", "other"}

// Evidence is one photo kept for a banquet.
type Evidence struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	Mime       string `json:"mime"`
	SizeBytes  int64  `json:"sizeBytes"`
	Width      int64  `json:"width"`
	Height     int64  `json:"height"`
	SHA256     string `json:"sha256"`
	Note       string `json:"note"`
	StaffName  string `json:"staffName"`
	UploadedAt string `json:"uploadedAt"`
	Removed    bool   `json:"removed"`
	fileName   string
}

// EvidenceInput describes a photo being added.
type EvidenceInput struct {
	Kind    string `json:"kind"`
	Note    string `json:"note"`
	IdemKey string `json:"idemKey"`
}

// EvidenceRoot is where photos live: beside the database, so a backup of the folder keeps them.
func EvidenceRoot(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "evidence") }

// Filed reports whether a banquet's claim is filed: its evidence is then only added to.
func Filed(state string) bool { return state == StateClaimed || state == StateCleared }

// sniff names the image type by its magic bytes.
func sniff(data []byte) (mime, ext string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg", ".jpg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", ".png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", ".gif"
	}
	return "", ""
}

// checkPhoto bounds and types a photo, answering its type, extension and dimensions.
func checkPhoto(data []byte) (mime, ext string, w, h int, err error) {
	if len(data) == 0 {
		return "", "", 0, 0, errs.Invalid("file", "照片是空的，请重新选择")
	}
	if len(data) > MaxPhotoBytes {
		return "", "", 0, 0, errs.Invalid("file", fmt.Sprintf("照片不能超过%dMB", MaxPhotoBytes>>20))
	}
	if mime, ext = sniff(data); mime == "" {
		return "", "", 0, 0, errs.Invalid("file", "只能上传 JPG、PNG 或 GIF 照片")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", "", 0, 0, errs.Invalid("file", "照片已损坏，无法读取")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxPhotoSide || cfg.Height > MaxPhotoSide ||
		int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return "", "", 0, 0, errs.Invalid("file", fmt.Sprintf("照片尺寸 %d×%d 过大：每边最多%d像素，总共最多%d万像素",
			cfg.Width, cfg.Height, MaxPhotoSide, MaxPhotoPixels/10_000))
	}
	px, per := int64(cfg.Width)*int64(cfg.Height), bytesPerPixel(cfg.ColorModel)
	if need := px * per; need > MaxDecodeBytes {
		return "", "", 0, 0, errs.Invalid("file", fmt.Sprintf("照片 %d×%d、每像素%d字节，打开需要%dMB内存，超过%dMB上限：请换成普通8位照片或缩小尺寸",
			cfg.Width, cfg.Height, per, need>>20, MaxDecodeBytes>>20))
	}
	return mime, ext, cfg.Width, cfg.Height, nil
}

// AddEvidence keeps a photo: written under root/<banquet>/ with a name made here, its SHA-256 and
// dimensions recorded with who and when. After the claim is filed a photo may still be added, with a
// note saying why. A repeated IdemKey answers the photo it kept (false). The caller removes the file
// (RemoveFile) if its transaction fails after this returns.
func AddEvidence(ctx context.Context, tx *sql.Tx, root string, banquetID int64, in EvidenceInput, data []byte, actorID int64) (Evidence, bool, error) {
	in.IdemKey, in.Note = strings.TrimSpace(in.IdemKey), strings.TrimSpace(in.Note)
	if in.IdemKey == "" {
		return Evidence{}, false, errs.Invalid("idemKey", "缺少请求编号，请刷新页面后再试")
	}
	if err := errs.First(errs.Text("idemKey", "请求编号", in.IdemKey, errs.KeyLen), errs.Text("note", "说明", in.Note, errs.LineLen)); err != nil {
		return Evidence{}, false, err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM banquet_evidence WHERE idem_key = ?`, in.IdemKey).Scan(&id); err == nil {
		e, err := getEvidence(ctx, tx, banquetID, id)
		return e, false, err
	}
	if !slices.Contains(EvidenceKinds, in.Kind) {
		return Evidence{}, false, errs.Invalid("kind", "照片类型应为桌数、开瓶、门头或其他")
	}
	b, err := Get(ctx, tx, banquetID)
	if err != nil {
		return Evidence{}, false, err
	}
	if Filed(b.State) && in.Note == "" {
		return Evidence{}, false, errs.Invalid("note", "宴席已申报，补充照片请填写说明")
	}
	mime, ext, w, h, err := checkPhoto(data)
	if err != nil {
		return Evidence{}, false, err
	}
	// The pixels are decoded only now that the header passed the caps, for the thumbnail.
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Evidence{}, false, errs.Invalid("file", "照片已损坏，无法读取")
	}
	sum := sha256.Sum256(data)
	var rnd [12]byte
	rand.Read(rnd[:])
	name := hex.EncodeToString(rnd[:]) + ext
	dir := filepath.Join(root, fmt.Sprint(banquetID))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Evidence{}, false, errs.Internal("evidence folder", err)
	}
	if err := writeAtomic(filepath.Join(dir, name), data); err != nil {
		return Evidence{}, false, errs.Internal("write evidence", err)
	}
	var thumb bytes.Buffer
	if err := jpeg.Encode(&thumb, shrink(img, thumbSide), &jpeg.Options{Quality: 80}); err == nil {
		writeAtomic(filepath.Join(dir, name+".thumb.jpg"), thumb.Bytes())
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO banquet_evidence (banquet_id, kind, file_name, mime, size_bytes, width, height, sha256,
		note, idem_key, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		banquetID, in.Kind, name, mime, len(data), w, h, hex.EncodeToString(sum[:]), in.Note, in.IdemKey, nullID(actorID), store.Now())
	if err != nil {
		RemoveFile(root, banquetID, name)
		return Evidence{}, false, errs.Internal("insert evidence", err)
	}
	id, _ = res.LastInsertId()
	e, err := getEvidence(ctx, tx, banquetID, id)
	return e, true, err
}

// FileName is the stored name of a photo, for RemoveFile after a failed transaction.
func (e Evidence) FileName() string { return e.fileName }

// RemoveFile deletes a photo file (and its thumbnail) whose record did not land.
func RemoveFile(root string, banquetID int64, name string) {
	if name == "" || name != filepath.Base(name) {
		return
	}
	dir := filepath.Join(root, fmt.Sprint(banquetID))
	os.Remove(filepath.Join(dir, name))
	os.Remove(filepath.Join(dir, name+".thumb.jpg"))
}

func writeAtomic(path string, data []byte) error {
	tmp := path + ".saving"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

const evidenceCols = `e.id, e.kind, e.mime, e.size_bytes, e.width, e.height, e.sha256, e.note, COALESCE(s.name, ''), e.uploaded_at,
	e.removed_at IS NOT NULL, e.file_name FROM banquet_evidence e LEFT JOIN staff s ON s.id = e.uploaded_by`

func scanEvidence(sc interface{ Scan(...any) error }) (Evidence, error) {
	var e Evidence
	err := sc.Scan(&e.ID, &e.Kind, &e.Mime, &e.SizeBytes, &e.Width, &e.Height, &e.SHA256, &e.Note, &e.StaffName, &e.UploadedAt, &e.Removed, &e.fileName)
	return e, err
}

func getEvidence(ctx context.Context, q store.Querier, banquetID, id int64) (Evidence, error) {
	e, err := scanEvidence(q.QueryRowContext(ctx, `SELECT `+evidenceCols+` WHERE e.id = ? AND e.banquet_id = ?`, id, banquetID))
	if errors.Is(err, sql.ErrNoRows) {
		return e, errs.NotFound("照片不存在")
	} else if err != nil {
		return e, errs.Internal("read evidence", err)
	}
	return e, nil
}

// EvidenceOf lists a banquet's photos, removed ones included (marked), oldest first.
func EvidenceOf(ctx context.Context, q store.Querier, banquetID int64) ([]Evidence, error) {
	out := []Evidence{}
	err := each(ctx, q, `SELECT `+evidenceCols+` WHERE e.banquet_id = ? ORDER BY e.id`, []any{banquetID}, func(r *sql.Rows) error {
		e, err := scanEvidence(r)
		if err == nil {
			out = append(out, e)
		}
		return err
	})
	return out, err
}

// EditEvidence changes a photo's note, or removes it (a mark; the file stays), before the claim is filed.
func EditEvidence(ctx context.Context, tx *sql.Tx, banquetID, id int64, note string, remove bool, actorID int64) (Evidence, error) {
	note = strings.TrimSpace(note)
	if err := errs.Text("note", "说明", note, errs.LineLen); err != nil {
		return Evidence{}, err
	}
	b, err := Get(ctx, tx, banquetID)
	if err != nil {
		return Evidence{}, err
	}
	if Filed(b.State) {
		return Evidence{}, errs.Invalid("state", "宴席已申报，照片不能修改或删除，只能补充")
	}
	e, err := getEvidence(ctx, tx, banquetID, id)
	if err != nil {
		return e, err
	}
	if e.Removed {
		return e, errs.Invalid("id", "照片已删除")
	}
	if remove {
		_, err = tx.ExecContext(ctx, `UPDATE banquet_evidence SET removed_at = ?, removed_by = ? WHERE id = ?`, store.Now(), nullID(actorID), id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE banquet_evidence SET note = ? WHERE id = ?`, note, id)
	}
	if err != nil {
		return e, errs.Internal("edit evidence", err)
	}
	return getEvidence(ctx, tx, banquetID, id)
}

// ReadEvidence reads a photo (or its thumbnail) by its record: the path is made here from the stored
// name, never from anything a client sent.
func ReadEvidence(ctx context.Context, q store.Querier, root string, banquetID, id int64, thumb bool) ([]byte, string, error) {
	e, err := getEvidence(ctx, q, banquetID, id)
	if err != nil {
		return nil, "", err
	}
	if e.fileName != filepath.Base(e.fileName) || strings.ContainsAny(e.fileName, `/\`) {
		return nil, "", errs.Internal("evidence name", fmt.Errorf("bad stored name %q", e.fileName))
	}
	path, mime := filepath.Join(root, fmt.Sprint(banquetID), e.fileName), e.Mime
	if thumb {
		if _, err := os.Stat(path + ".thumb.jpg"); err == nil {
			path, mime = path+".thumb.jpg", "image/jpeg"
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", errs.Invalid("id", "照片文件找不到了（数据文件夹里的 evidence 文件夹被移动或删除？）")
	}
	return data, mime, nil
}

// VerifyEvidence re-hashes a photo on disk and reports whether it still matches its record.
func VerifyEvidence(ctx context.Context, q store.Querier, root string, banquetID, id int64) (bool, error) {
	data, _, err := ReadEvidence(ctx, q, root, banquetID, id, false)
	if err != nil {
		return false, err
	}
	e, err := getEvidence(ctx, q, banquetID, id)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]) == e.SHA256, nil
}

// shrink scales img to fit side×side by averaging source pixels (a box filter: good enough for a
// thumbnail, and no dependency).
func shrink(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	scale := float64(max(w, h)) / float64(side)
	tw, th := max(1, int(float64(w)/scale)), max(1, int(float64(h)/scale))
	out := image.NewRGBA(image.Rect(0, 0, tw, th))
	for y := 0; y < th; y++ {
		y0, y1 := b.Min.Y+y*h/th, b.Min.Y+max((y+1)*h/th, y*h/th+1)
		for x := 0; x < tw; x++ {
			x0, x1 := b.Min.X+x*w/tw, b.Min.X+max((x+1)*w/tw, x*w/tw+1)
			var r, g, bl, a, n uint64
			// Sample at most a 4×4 grid of the box: the cost stays bounded for any size.
			for sy := y0; sy < y1; sy += max(1, (y1-y0)/4) {
				for sx := x0; sx < x1; sx += max(1, (x1-x0)/4) {
					cr, cg, cb, ca := img.At(sx, sy).RGBA()
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(r/n>>8), uint8(g/n>>8), uint8(bl/n>>8), uint8(a/n>>8)
		}
	}
	return out
}
