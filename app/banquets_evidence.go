package app

// The banquet service's photo evidence: kept from a browser upload or the window's file dialog, beside
// the database, and answered back by record id so no client ever names a path.

import (
	"context"
	"database/sql"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"

	"jiuke/backend/banquets"
	"jiuke/backend/errs"
	"jiuke/backend/staff"
)

// PhotoFile is a photo's bytes for display: a thumbnail or the original.
type PhotoFile struct {
	Mime   string `json:"mime"`
	Base64 string `json:"base64"`
}

func (s *Banquets) evidenceRoot() string { return banquets.EvidenceRoot(s.core.DB.Path) }

// UploadEvidence keeps a photo sent as base64 (a data: URL prefix is accepted), as a browser or a
// phone on the shop network sends it.
func (s *Banquets) UploadEvidence(banquetID int64, in banquets.EvidenceInput, contentBase64 string) (banquets.Evidence, error) {
	if i := strings.Index(contentBase64, "base64,"); i >= 0 && i < 100 {
		contentBase64 = contentBase64[i+len("base64,"):]
	}
	if base64.StdEncoding.DecodedLen(len(contentBase64)) > banquets.MaxPhotoBytes+3 {
		if _, err := s.core.gate(); err != nil {
			return banquets.Evidence{}, err
		}
		return banquets.Evidence{}, errs.Invalid("file", "照片不能超过15MB")
	}
	data, err := base64.StdEncoding.DecodeString(contentBase64)
	if err != nil {
		if _, gerr := s.core.gate(); gerr != nil {
			return banquets.Evidence{}, gerr
		}
		return banquets.Evidence{}, errs.Invalid("file", "照片上传不完整，请重新选择")
	}
	return s.keepEvidence(banquetID, in, data)
}

// PickEvidence opens the window's file dialog and keeps the photo picked there; a closed dialog keeps
// nothing and answers ID 0. A browser seat has no dialogs and uploads with UploadEvidence.
func (s *Banquets) PickEvidence(banquetID int64, in banquets.EvidenceInput) (banquets.Evidence, error) {
	p, err := s.core.gate()
	if err != nil {
		return banquets.Evidence{}, err
	}
	if s.core.dialogs == nil {
		return banquets.Evidence{}, errs.Conflict("", "浏览器中请上传照片", nil)
	}
	path, err := s.core.dialogs.OpenFile("选择宴席照片", "照片", "*.jpg;*.jpeg;*.png;*.gif")
	if err != nil {
		return banquets.Evidence{}, errs.Internal("open dialog", err)
	}
	if path == "" {
		return banquets.Evidence{}, nil // the dialog was closed: nothing kept (ID 0)
	}
	if err := regularFile("file", path); err != nil {
		return banquets.Evidence{}, err
	}
	if st, err := os.Stat(path); err == nil && st.Size() > banquets.MaxPhotoBytes {
		return banquets.Evidence{}, errs.Invalid("file", "照片不能超过15MB")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return banquets.Evidence{}, fileError("file", "读取", path, err)
	}
	return s.keepEvidenceAs(p, banquetID, in, data, filepath.Base(path))
}

func (s *Banquets) keepEvidence(banquetID int64, in banquets.EvidenceInput, data []byte) (banquets.Evidence, error) {
	p, err := s.core.gate()
	if err != nil {
		return banquets.Evidence{}, err
	}
	return s.keepEvidenceAs(p, banquetID, in, data, "")
}

func (s *Banquets) keepEvidenceAs(p pass, banquetID int64, in banquets.EvidenceInput, data []byte, picked string) (out banquets.Evidence, err error) {
	root := s.evidenceRoot()
	err = s.core.writeAs(p, func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		var added bool
		if out, added, err = banquets.AddEvidence(ctx, tx, root, banquetID, in, data, a.ID); err != nil || !added {
			return err
		}
		b, err := banquets.Get(ctx, tx, banquetID)
		if err != nil {
			return err
		}
		details := map[string]any{"kind": out.Kind, "sha256": out.SHA256, "sizeBytes": out.SizeBytes, "notes": out.Note}
		if picked != "" {
			details["file"] = picked
		}
		return s.core.log(ctx, tx, a, "宴席照片", "banquet", banquetID, banquetLabel(b), details)
	})
	if err != nil && out.FileName() != "" {
		// The record did not land (the audit line failed): the file goes too.
		banquets.RemoveFile(root, banquetID, out.FileName())
	}
	return out, err
}

// EditEvidence changes a photo's note or removes it, until the claim is filed.
func (s *Banquets) EditEvidence(banquetID, evidenceID int64, note string, remove bool) (out banquets.Evidence, err error) {
	err = s.core.write(func(ctx context.Context, tx *sql.Tx, a staff.Member) error {
		if out, err = banquets.EditEvidence(ctx, tx, banquetID, evidenceID, note, remove, a.ID); err != nil {
			return err
		}
		b, err := banquets.Get(ctx, tx, banquetID)
		if err != nil {
			return err
		}
		action := "修改宴席照片说明"
		if remove {
			action = "删除宴席照片"
		}
		return s.core.log(ctx, tx, a, action, "banquet", banquetID, banquetLabel(b), map[string]any{"evidenceId": evidenceID, "notes": out.Note})
	})
	return out, err
}

// Photo answers a photo or its thumbnail by its record id: the server makes the path.
func (s *Banquets) Photo(banquetID, evidenceID int64, thumb bool) (PhotoFile, error) {
	ctx, db, err := s.core.read()
	if err != nil {
		return PhotoFile{}, err
	}
	data, mime, err := banquets.ReadEvidence(ctx, db, s.evidenceRoot(), banquetID, evidenceID, thumb)
	if err != nil {
		return PhotoFile{}, err
	}
	return PhotoFile{Mime: mime, Base64: base64.StdEncoding.EncodeToString(data)}, nil
}
