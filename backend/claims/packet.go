package claims

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jiuke/backend/errs"
	"jiuke/backend/sheets/workbook"
	"jiuke/backend/store"
)

// Sources are where a packet's proof comes from: the file of a banquet's photo beside the database,
// and an event's sign-in sheet written by the events package.
type Sources struct {
	EvidencePath func(banquetID int64, fileName string) string
	SignIn       func(ctx context.Context, eventID int64, w io.Writer) error
}

var packetCols = []workbook.Column{
	{Header: "序号", Width: 6, Kind: workbook.KindInt},
	{Header: "类型", Width: 8},
	{Header: "日期", Width: 12, Kind: workbook.KindDate},
	{Header: "宴席/活动", Width: 22},
	{Header: "酒店/场地", Width: 20},
	{Header: "桌数/到场人数", Width: 12, Kind: workbook.KindInt},
	{Header: "用酒箱数", Width: 10, Kind: workbook.KindInt},
	{Header: "开瓶数", Width: 10, Kind: workbook.KindInt},
	{Header: "礼品", Width: 30},
	{Header: "礼品金额", Width: 12, Kind: workbook.KindMoney},
	{Header: "开瓶返利", Width: 12, Kind: workbook.KindMoney},
	{Header: "活动补贴", Width: 12, Kind: workbook.KindMoney},
	{Header: "申报金额", Width: 12, Kind: workbook.KindMoney},
	{Header: "证明材料", Width: 40},
}

var proofCols = []workbook.Column{
	{Header: "序号", Width: 6, Kind: workbook.KindInt},
	{Header: "文件", Width: 40},
	{Header: "类型", Width: 10},
	{Header: "上传时间", Width: 20},
	{Header: "SHA-256", Width: 70},
}

// proofEntry is one file of a packet's proof folder.
type proofEntry struct {
	row          int
	name         string // inside the zip, under 证明材料/
	kind         string
	uploadedAt   string
	sha          string
	path         string // a photo on disk, or "" for a generated sign-in sheet
	data         []byte // a generated sign-in sheet
	event, photo int64
}

// WritePacket writes a claim's packet for the brand: a .zip with the claim sheet (申报表.xlsx: one row
// per banquet or event, totals, proof list), the proof files named by row (证明材料/001-…), and a
// SHA-256 list (校验清单.txt, `sha256sum -c` format). Every photo is hashed again on the way in and
// must equal the hash recorded at upload: a changed or missing file stops the packet, named.
func WritePacket(ctx context.Context, q store.Querier, id int64, src Sources, w io.Writer) (Claim, error) {
	c, err := Get(ctx, q, id)
	if err != nil {
		return c, err
	}
	var proof []proofEntry
	for i, it := range c.Items {
		row := i + 1
		stem := fmt.Sprintf("%03d-%s", row, safeName(it.Title))
		if it.Kind == KindEvent {
			var buf bytes.Buffer
			if err := src.SignIn(ctx, it.RefID, &buf); err != nil {
				return c, err
			}
			sum := sha256.Sum256(buf.Bytes())
			proof = append(proof, proofEntry{row: row, name: stem + "-签到表.xlsx", kind: "签到表", uploadedAt: store.Now(),
				sha: hex.EncodeToString(sum[:]), data: buf.Bytes(), event: it.RefID})
			continue
		}
		n := map[string]int{}
		for _, f := range it.Proof {
			n[f.Kind]++
			proof = append(proof, proofEntry{row: row, name: fmt.Sprintf("%s-%s-%d%s", stem, PhotoKindName(f.Kind), n[f.Kind], filepath.Ext(f.FileName)),
				kind: PhotoKindName(f.Kind), uploadedAt: f.UploadedAt, sha: f.SHA256, path: src.EvidencePath(it.RefID, f.FileName), photo: f.ID})
		}
	}
	// Check every photo before writing anything, so a bad file never leaves half a packet.
	for _, p := range proof {
		if p.path == "" {
			continue
		}
		got, err := hashFile(p.path)
		if err != nil {
			return c, errs.Conflict("proof", fmt.Sprintf("第%d行的证明材料“%s”找不到了，请检查数据文件夹中的 evidence 目录", p.row, p.name), nil)
		}
		if got != p.sha {
			return c, errs.Conflict("proof", fmt.Sprintf("第%d行的证明材料“%s”与上传时记录的校验值不一致，文件可能被改动过", p.row, p.name), nil)
		}
	}
	var sheet bytes.Buffer
	if err := writeSheet(c, proof, &sheet); err != nil {
		return c, err
	}
	z := zip.NewWriter(w)
	put := func(name string, write func(io.Writer) error) error {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now(), Flags: 0x800})
		if err != nil {
			return err
		}
		return write(fw)
	}
	if err := put("申报表.xlsx", func(w io.Writer) error { _, err := w.Write(sheet.Bytes()); return err }); err != nil {
		return c, err
	}
	var list strings.Builder
	for _, p := range proof {
		p := p
		if err := put("证明材料/"+p.name, func(w io.Writer) error {
			if p.path == "" {
				_, err := w.Write(p.data)
				return err
			}
			f, err := os.Open(p.path)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		}); err != nil {
			return c, errs.Internal("claim packet", err)
		}
		fmt.Fprintf(&list, "%s  证明材料/%s\n", p.sha, p.name)
	}
	if err := put("校验清单.txt", func(w io.Writer) error { _, err := io.WriteString(w, list.String()); return err }); err != nil {
		return c, err
	}
	return c, z.Close()
}

func writeSheet(c Claim, proof []proofEntry, w io.Writer) error {
	b := workbook.New()
	defer b.Close()
	names := map[int][]string{}
	for _, p := range proof {
		names[p.row] = append(names[p.row], p.name)
	}
	var gifts, rebates, events, total int64
	if _, err := b.Table("申报明细", packetCols, func(add func(values ...any) error) error {
		for i, it := range c.Items {
			var gift, rebate, event int64
			var giftText []string
			kind, people := "宴席", it.Tables
			if it.Banquet != nil {
				gift, rebate = it.Banquet.GiftValue, it.Banquet.Rebate
				for _, g := range it.Banquet.Gifts {
					if g.Claimed > 0 {
						giftText = append(giftText, fmt.Sprintf("%s×%d", g.Name, g.Claimed))
					}
				}
			}
			if it.Event != nil {
				kind, people, event = "品鉴活动", it.Attendees, it.Event.Claimable
			}
			gifts, rebates, events, total = gifts+gift, rebates+rebate, events+event, total+it.Amount
			if err := add(int64(i+1), kind, it.Date, it.Title, it.Venue, people, it.Cases, it.Opened, strings.Join(giftText, "、"),
				gift, rebate, event, it.Amount, strings.Join(names[i+1], "\n")); err != nil {
				return err
			}
		}
		return add(nil, "合计", nil, c.Title, c.Brand, nil, nil, nil, nil, gifts, rebates, events, total, fmt.Sprintf("%d 个文件", len(proof)))
	}); err != nil {
		return err
	}
	if _, err := b.Table("证明材料清单", proofCols, func(add func(values ...any) error) error {
		for _, p := range proof {
			if err := add(int64(p.row), "证明材料/"+p.name, p.kind, localTime(p.uploadedAt), p.sha); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return b.Write(w)
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// safeName keeps a title usable as part of a file name on Windows and inside a zip.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>| `, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30])
	}
	return s
}

func localTime(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(store.Shop).Format("2006-01-02 15:04")
	}
	return s
}
