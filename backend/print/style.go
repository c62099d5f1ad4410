package print

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // maps and logos arrive as photos or screenshots
	"image/png"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/draw"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/store"
)

// Style is the shop's choice for posters: layout, trim colour and wording.
type Style struct {
	Layout string `json:"layout"`
	// Accent is "#RRGGBB", or "" for the layout's own colours.
	Accent string `json:"accent"`
	// Wording is the paragraph under the greeting, with the invitation's placeholders ({活动名称} …).
	Wording string `json:"wording"`
}

// DefaultWording is the paragraph a poster says until the owner writes their own.
const DefaultWording = "诚邀您莅临「{活动名称}」，与我们共品佳酿、共叙情谊。恭候光临！"

// MaxWording bounds the wording: five lines of the poster's paragraph.
const MaxWording = 120

// LoadStyle returns the saved style, or the defaults.
func LoadStyle(ctx context.Context, q store.Querier) (Style, error) {
	s := Style{Layout: Classic, Wording: DefaultWording}
	err := q.QueryRowContext(ctx, `SELECT layout, accent, wording FROM print_style WHERE id = 1`).Scan(&s.Layout, &s.Accent, &s.Wording)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, errs.Internal("load print style", err)
	}
	if strings.TrimSpace(s.Wording) == "" {
		s.Wording = DefaultWording
	}
	return s, nil
}

var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// CheckStyle refuses an unknown layout, a colour that is not #RRGGBB, and wording that is too long
// or names a placeholder the invitation does not have.
func CheckStyle(s Style) (Style, error) {
	s.Accent, s.Wording = strings.TrimSpace(s.Accent), strings.TrimSpace(s.Wording)
	if !slices.ContainsFunc(Layouts, func(l Layout) bool { return l.Key == s.Layout }) {
		return s, errs.Invalid("layout", "请选择海报版式：经典红金、深酒红或简约白")
	}
	if _, ok := rgb(s.Accent); s.Accent != "" && !ok {
		return s, errs.Invalid("accent", "主题色应为 #RRGGBB 形式，例如 #7B1E2B")
	}
	if n := utf8.RuneCountInString(s.Wording); n > MaxWording {
		return s, errs.Invalid("wording", fmt.Sprintf("海报文字不能超过%d个字（现有%d个）", MaxWording, n))
	}
	for _, p := range placeholder.FindAllString(s.Wording, -1) {
		if !slices.Contains(events.Placeholders, p) {
			return s, errs.Invalid("wording", fmt.Sprintf("海报文字中的“%s”不是可用的占位符：可用 %s", p, strings.Join(events.Placeholders, " ")))
		}
	}
	return s, nil
}

// SaveStyle stores the style after checking it.
func SaveStyle(ctx context.Context, tx *sql.Tx, s Style) (Style, error) {
	s, err := CheckStyle(s)
	if err != nil {
		return s, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO print_style (id, layout, accent, wording, updated_at) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET layout = excluded.layout, accent = excluded.accent, wording = excluded.wording,
		updated_at = excluded.updated_at`, s.Layout, s.Accent, s.Wording, store.Now()); err != nil {
		return s, errs.Internal("save print style", err)
	}
	if s.Wording == "" {
		s.Wording = DefaultWording
	}
	return s, nil
}

// Image kinds.
const (
	Logo = "logo"
	Map  = "map"
)

// Upload bounds: the file as sent, and the picture's size read from its header before decoding, so
// a small file that claims a huge picture is refused before any memory is taken for it.
const (
	MaxImageBytes  = 4 << 20
	MaxImagePixels = 6000 * 6000
	// Stored images are scaled down to at most this many pixels wide or high: a map prints 72 mm wide.
	storedSide = 900
)

// SaveImage stores the shop's logo (venue "") or a venue's map from an uploaded PNG or JPEG, scaled
// down and kept as PNG.
func SaveImage(ctx context.Context, tx *sql.Tx, kind, venue string, data []byte) error {
	venue = strings.TrimSpace(venue)
	switch {
	case kind != Logo && kind != Map:
		return errs.Invalid("kind", "图片类别应为店标或场地地图")
	case kind == Map && venue == "":
		return errs.Invalid("venue", "请先填写活动场地，再上传场地地图")
	case kind == Logo:
		venue = ""
	}
	if err := errs.Text("venue", "场地", venue, errs.NameLen); err != nil {
		return err
	}
	png, err := normalise(data)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO print_images (kind, venue, png, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, venue) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at`, kind, venue, png, store.Now()); err != nil {
		return errs.Internal("save print image", err)
	}
	return nil
}

// DeleteImage removes a logo or map; removing one that is not there is not an error.
func DeleteImage(ctx context.Context, tx *sql.Tx, kind, venue string) error {
	if kind != Logo && kind != Map {
		return errs.Invalid("kind", "图片类别应为店标或场地地图")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM print_images WHERE kind = ? AND venue = ?`, kind, strings.TrimSpace(venue)); err != nil {
		return errs.Internal("delete print image", err)
	}
	return nil
}

// normalise checks an upload and re-encodes it as a PNG no larger than storedSide.
func normalise(data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, errs.Invalid("file", "请选择一张图片（PNG 或 JPG）")
	}
	if len(data) > MaxImageBytes {
		return nil, errs.Invalid("file", fmt.Sprintf("图片不能超过 %d MB，请压缩后再上传", MaxImageBytes>>20))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, errs.Invalid("file", "只能上传 PNG 或 JPG 图片")
	}
	// 16 bits a channel decode to eight bytes a pixel, not four: such a picture counts double.
	pixels, hint := cfg.Width*cfg.Height, "请缩小到 6000×6000 以内"
	if cfg.ColorModel == color.RGBA64Model || cfg.ColorModel == color.NRGBA64Model {
		pixels, hint = pixels*2, "16位色深的图片请另存为8位，或缩小到 4200×4200 以内"
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || pixels > MaxImagePixels {
		return nil, errs.Invalid("file", fmt.Sprintf("图片像素过大（%d×%d），%s", cfg.Width, cfg.Height, hint))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errs.Invalid("file", "图片文件已损坏，无法读取")
	}
	b := img.Bounds()
	if side := max(b.Dx(), b.Dy()); side > storedSide {
		w, h := b.Dx()*storedSide/side, b.Dy()*storedSide/side
		small := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
		draw.CatmullRom.Scale(small, small.Bounds(), img, b, draw.Src, nil)
		img = small
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, errs.Internal("encode image", err)
	}
	return buf.Bytes(), nil
}

// LoadImage returns the stored logo or a venue's map, nil when there is none.
func LoadImage(ctx context.Context, q store.Querier, kind, venue string) (image.Image, error) {
	data, err := ImagePNG(ctx, q, kind, venue)
	if err != nil || data == nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errs.Internal("decode stored image", err)
	}
	return img, nil
}

// ImagePNG is a stored image's PNG bytes, nil when there is none.
func ImagePNG(ctx context.Context, q store.Querier, kind, venue string) ([]byte, error) {
	var data []byte
	err := q.QueryRowContext(ctx, `SELECT png FROM print_images WHERE kind = ? AND venue = ?`, kind, strings.TrimSpace(venue)).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Internal("load print image", err)
	}
	return data, nil
}

// MapVenues lists the venues that have a map.
func MapVenues(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT venue FROM print_images WHERE kind = 'map' ORDER BY venue`)
	if err != nil {
		return nil, errs.Internal("list maps", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, errs.Internal("scan map", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

var phoneRe = regexp.MustCompile(`^[0-9+\- ]{5,20}$`)

// SavePhone sets the phone a staff member's posters print ("" removes it).
func SavePhone(ctx context.Context, tx *sql.Tx, staffID int64, phone string) error {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM print_contacts WHERE staff_id = ?`, staffID); err != nil {
			return errs.Internal("delete phone", err)
		}
		return nil
	}
	if !phoneRe.MatchString(phone) {
		return errs.Invalid("phone", "联系电话应为5到20位数字（可含 + - 和空格）")
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff WHERE id = ?`, staffID).Scan(&n); err != nil {
		return errs.Internal("find staff", err)
	}
	if n == 0 {
		return errs.NotFound("没有这位员工")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO print_contacts (staff_id, phone, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (staff_id) DO UPDATE SET phone = excluded.phone, updated_at = excluded.updated_at`, staffID, phone, store.Now()); err != nil {
		return errs.Internal("save phone", err)
	}
	return nil
}

// Phone is the phone a staff member's posters print, "" when none was set.
func Phone(ctx context.Context, q store.Querier, staffID int64) (string, error) {
	var p string
	err := q.QueryRowContext(ctx, `SELECT phone FROM print_contacts WHERE staff_id = ?`, staffID).Scan(&p)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", errs.Internal("load phone", err)
	}
	return p, nil
}
