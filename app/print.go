package app

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/events"
	"jiuke/backend/print"
	"jiuke/backend/staff"
)

// Print is printed material for tasting events (打印物料): invitation posters per guest (PNG for
// WeChat, A5 PDF), table cards, name tents, the seating poster and the door stand, plus the shop's
// poster style, logo and venue maps. Files go out like exports: a download in a browser, the save
// dialog and the system's viewer in the window.
type Print struct{ core *Core }

// PrintOptions is what the 打印物料 tab offers.
type PrintOptions struct {
	Layouts        []print.Layout `json:"layouts"`
	Style          print.Style    `json:"style"`
	DefaultWording string         `json:"defaultWording"`
	Placeholders   []string       `json:"placeholders"`
	HasLogo        bool           `json:"hasLogo"`
	MapVenues      []string       `json:"mapVenues"`
	MaxImageMB     int            `json:"maxImageMb"`
}

func (s *Print) Options() (PrintOptions, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return PrintOptions{}, err
	}
	out := PrintOptions{Layouts: print.Layouts, DefaultWording: print.DefaultWording, Placeholders: events.Placeholders, MaxImageMB: print.MaxImageBytes >> 20}
	if out.Style, err = print.LoadStyle(ctx, db); err != nil {
		return out, err
	}
	logo, err := print.ImagePNG(ctx, db, print.Logo, "")
	if err != nil {
		return out, err
	}
	out.HasLogo = logo != nil
	out.MapVenues, err = print.MapVenues(ctx, db)
	return out, err
}

// SaveStyle saves the poster layout, trim colour and wording for the whole shop.
func (s *Print) SaveStyle(st print.Style) (out print.Style, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = print.SaveStyle(ctx, tx, st); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "海报样式", "print", 0, "海报样式", map[string]string{"layout": out.Layout, "colour": out.Accent})
	})
	return out, err
}

// decodeUpload reads a browser's base64 upload (a data: URL prefix is accepted), bounded before it is
// decoded.
func decodeUpload(contentBase64 string) ([]byte, error) {
	if i := strings.Index(contentBase64, "base64,"); i >= 0 && i < 100 {
		contentBase64 = contentBase64[i+len("base64,"):]
	}
	if base64.StdEncoding.DecodedLen(len(contentBase64)) > print.MaxImageBytes+3 {
		return nil, errs.Invalid("file", fmt.Sprintf("图片不能超过 %d MB，请压缩后再上传", print.MaxImageBytes>>20))
	}
	data, err := base64.StdEncoding.DecodeString(contentBase64)
	if err != nil {
		return nil, errs.Invalid("file", "图片上传不完整，请重新选择图片")
	}
	return data, nil
}

// UploadLogo sets the shop's logo (PNG or JPG) printed on posters and table cards.
func (s *Print) UploadLogo(contentBase64 string) error {
	return s.upload(print.Logo, "", contentBase64)
}

// UploadMap sets the small map of a venue, printed on the posters of every event held there.
func (s *Print) UploadMap(venue, contentBase64 string) error {
	return s.upload(print.Map, venue, contentBase64)
}

func (s *Print) upload(kind, venue, contentBase64 string) error {
	p, err := s.core.gate()
	if err != nil {
		return err
	}
	data, err := decodeUpload(contentBase64)
	if err != nil {
		return err
	}
	return s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := print.SaveImage(ctx, tx, kind, venue, data); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, imageAction[kind], "print", 0, strings.TrimSpace(venue+" "+imageName[kind]), nil)
	})
}

var imageAction = map[string]string{print.Logo: "上传店标", print.Map: "上传场地地图"}
var imageName = map[string]string{print.Logo: "店标", print.Map: "地图"}

// DeleteImage removes the logo (kind "logo") or a venue's map (kind "map").
func (s *Print) DeleteImage(kind, venue string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := print.DeleteImage(ctx, tx, kind, venue); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "删除"+imageName[kind], "print", 0, strings.TrimSpace(venue+" "+imageName[kind]), nil)
	})
}

// Image is the stored logo or a venue's map as base64 PNG, "" when there is none.
func (s *Print) Image(kind, venue string) (string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return "", err
	}
	data, err := print.ImagePNG(ctx, db, kind, venue)
	if err != nil || data == nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// SaveHostPhone sets the phone printed on posters beside a host staff member's name ("" removes it).
func (s *Print) SaveHostPhone(staffID int64, phone string) error {
	return s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if err := print.SavePhone(ctx, tx, staffID, phone); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "海报联系电话", "staff", staffID, nameOf(ctx, tx, `SELECT name FROM staff WHERE id = ?`, staffID), nil)
	})
}

// HostPhone is the phone printed beside a staff member's name.
func (s *Print) HostPhone(staffID int64) (string, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return "", err
	}
	return print.Phone(ctx, db, staffID)
}

// PosterPreviewRequest asks for one guest's poster drawn with a style that may not be saved yet.
type PosterPreviewRequest struct {
	EventID int64       `json:"eventId"`
	GuestID int64       `json:"guestId"` // 0: the first invited guest, or a sample one
	Style   print.Style `json:"style"`
}

// PosterPreview is a poster as base64 PNG; QRNote says why it has no check-in code, if it has none.
type PosterPreview struct {
	PNG    string `json:"png"`
	Guest  string `json:"guest"`
	QRNote string `json:"qrNote"`
}

// Preview draws one poster for the layout picker's live preview.
func (s *Print) Preview(req PosterPreviewRequest) (PosterPreview, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return PosterPreview{}, err
	}
	st, err := print.CheckStyle(req.Style)
	if err != nil {
		return PosterPreview{}, err
	}
	m, err := print.Load(ctx, db, req.EventID)
	if err != nil {
		return PosterPreview{}, err
	}
	if st.Wording == "" {
		st.Wording = print.DefaultWording
	}
	m.Style = st
	g := events.Guest{Name: "张伟", Gender: "M"}
	switch {
	case req.GuestID != 0:
		if g, err = m.Guest(req.GuestID); err != nil {
			return PosterPreview{}, err
		}
	case len(m.Guests) > 0:
		g = m.Guests[0]
	}
	urls, note, err := s.qrTargets(req.EventID)
	if err != nil {
		return PosterPreview{}, err
	}
	data, err := print.PosterPNG(m.Poster(g, urls[g.ID]), st.Layout, st.Accent)
	if err != nil {
		return PosterPreview{}, err
	}
	return PosterPreview{PNG: base64.StdEncoding.EncodeToString(data), Guest: g.Name, QRNote: note}, nil
}

// qrTargets are the guests' check-in URLs by guest id. With shop-network mode off the posters carry
// no code and note says why; the posters are still made.
func (s *Print) qrTargets(eventID int64) (map[int64]string, string, error) {
	links, err := s.core.CheckInURLs(eventID)
	var e *errs.Error
	if errors.As(err, &e) && e.Code == errs.CodeConflict {
		return map[int64]string{}, e.Message, nil
	}
	if err != nil {
		return nil, "", err
	}
	out := map[int64]string{}
	for _, g := range links.Guests {
		out[g.GuestID] = g.URL
	}
	return out, "", nil
}

// Poster is one guest's poster: format "png" (1080 px wide, for WeChat) or "pdf" (A5, for print).
func (s *Print) Poster(eventID, guestID int64, format string) (ExportFile, error) {
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	if format != "png" && format != "pdf" {
		return ExportFile{}, errs.Invalid("format", "海报格式应为 png 或 pdf")
	}
	ctx, db := s.core.context(), s.core.DB.R
	m, err := print.Load(ctx, db, eventID)
	if err != nil {
		return ExportFile{}, err
	}
	g, err := m.Guest(guestID)
	if err != nil {
		return ExportFile{}, err
	}
	name := fmt.Sprintf("邀请函-%s-%s.%s", fileSafe(m.Event.Name), fileSafe(g.Name), format)
	return s.deliver(p, eventID, "邀请函海报", name, func() ([]byte, int, error) {
		urls, _, err := s.qrTargets(eventID)
		if err != nil {
			return nil, 0, err
		}
		d := m.Poster(g, urls[g.ID])
		if format == "png" {
			data, err := print.PosterPNG(d, m.Style.Layout, m.Style.Accent)
			return data, 1, err
		}
		data, err := print.PostersPDF([]print.PosterData{d}, m.Style.Layout, m.Style.Accent, nil)
		return data, 1, err
	})
}

// PrintProgress is the "print:progress" event of a batch: posters drawn so far.
type PrintProgress struct {
	JobID string `json:"jobId"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// Posters is every invited guest's poster: format "zip" (a PNG each, named 姓名-3号桌.png) or "pdf"
// (one A5 page each). Progress goes out as "print:progress" with the caller's jobID.
func (s *Print) Posters(eventID int64, format, jobID string) (ExportFile, error) {
	// The gate first: a refused call must not be told what else was wrong, nor keep an approval unspent.
	p, err := s.core.gate()
	if err != nil {
		return ExportFile{}, err
	}
	if format != "zip" && format != "pdf" {
		return ExportFile{}, errs.Invalid("format", "批量海报格式应为 zip 或 pdf")
	}
	if err := errs.Text("jobId", "任务编号", jobID, errs.NameLen); err != nil {
		return ExportFile{}, err
	}
	ctx, db := s.core.context(), s.core.DB.R
	m, err := print.Load(ctx, db, eventID)
	if err != nil {
		return ExportFile{}, err
	}
	if len(m.Guests) == 0 {
		return ExportFile{}, errs.Invalid("eventId", "本活动还没有受邀宾客：请先在「宾客」中添加")
	}
	name := fmt.Sprintf("邀请函-%s-%d位.%s", fileSafe(m.Event.Name), len(m.Guests), format)
	return s.deliver(p, eventID, "全部邀请函海报", name, func() ([]byte, int, error) {
		urls, _, err := s.qrTargets(eventID)
		if err != nil {
			return nil, 0, err
		}
		ds := make([]print.PosterData, len(m.Guests))
		names := make([]string, len(m.Guests))
		seen := map[string]int{}
		for i, g := range m.Guests {
			ds[i], names[i] = m.Poster(g, urls[g.ID]), print.PosterName(g, seen)
		}
		progress := s.progress(jobID, len(ds))
		var data []byte
		if format == "zip" {
			data, err = print.PostersZip(ds, names, m.Style.Layout, m.Style.Accent, progress)
		} else {
			data, err = print.PostersPDF(ds, m.Style.Layout, m.Style.Accent, progress)
		}
		return data, len(ds), err
	})
}

// progress emits print:progress at most every 100 ms, and always the last one.
func (s *Print) progress(jobID string, total int) func(done int) {
	var last time.Time
	return func(done int) {
		if s.core.Events == nil || (done < total && time.Since(last) < 100*time.Millisecond) {
			return
		}
		last = time.Now()
		s.core.Events.Emit("print:progress", PrintProgress{JobID: jobID, Done: done, Total: total})
	}
}

// deliver asks where to save (in the window), renders, hands the file over and logs it in one
// transaction; in the window the saved file is then opened with the system's viewer.
func (s *Print) deliver(p pass, eventID int64, what, name string, render func() ([]byte, int, error)) (ExportFile, error) {
	dest, cancelled, err := s.core.saveTarget(name)
	if err != nil || cancelled {
		return ExportFile{Name: name, Cancelled: cancelled}, err
	}
	data, n, err := render()
	if err != nil {
		return ExportFile{}, err
	}
	var out ExportFile
	err = s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = deliverTo(name, dest, data, n); err != nil {
			return err
		}
		return s.core.log(ctx, tx, a, "打印物料", "event", eventID, eventLabel(ctx, tx, eventID), map[string]any{"kind": what, "pages": n})
	})
	if err != nil && dest != "" && out.SavedTo != "" {
		os.Remove(dest) // the log line did not land: take the file back
		return ExportFile{}, err
	}
	if err == nil && out.SavedTo != "" {
		s.core.openSaved(out.SavedTo)
	}
	return out, err
}

// Viewer is implemented by the window's dialogs: it opens a saved file with the system's viewer.
type Viewer interface {
	OpenWithSystem(path string) error
}

// openSaved shows a file the window just saved; a failure only means the user opens it themselves.
func (c *Core) openSaved(path string) {
	if v, ok := c.dialogs.(Viewer); ok {
		if err := v.OpenWithSystem(path); err != nil {
			log.Printf("open %s: %v", path, err)
		}
	}
}
