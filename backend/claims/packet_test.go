package claims_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	execpkg "os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiuke/backend/claims"
	"jiuke/backend/errs"
	"jiuke/backend/sheets/workbook/xlsxcheck"
	"jiuke/backend/store/storetest"
)

func TestThePacketHoldsTheSheetAndEveryProofFileAsRecorded(t *testing.T) {
	s := newSeason(t)
	c := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Title: "泸州老窖十二月申报",
			Items: []claims.Ref{{Kind: "banquet", ID: s.full}, {Kind: "event", ID: s.event}}, Key: "a"}, 7)
	})
	var buf bytes.Buffer
	if _, err := claims.WritePacket(ctx, s.db.R, c.ID, s.sources(), &buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		files[f.Name] = b
		names = append(names, f.Name)
	}
	sort.Strings(names)
	want := []string{"校验清单.txt", "申报表.xlsx", "证明材料/001-张三_婚宴-开瓶照片-1.jpg", "证明材料/001-张三_婚宴-桌数照片-1.jpg", "证明材料/002-国窖品鉴会-签到表.xlsx"}
	sort.Strings(want)
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("packet files:\n%v\nwant\n%v", names, want)
	}
	// Every proof file's hash is in the list, and each photo's equals the hash recorded at upload.
	recorded := map[string]string{}
	for _, kind := range []string{"tables", "opened"} {
		var h string
		storetest.QueryRow(t, s.db.R, `SELECT sha256 FROM banquet_evidence WHERE banquet_id = ? AND kind = ?`, s.full, kind).Scan(&h)
		recorded[kind] = h
	}
	list := string(files["校验清单.txt"])
	for name, body := range files {
		if !strings.HasPrefix(name, "证明材料/") {
			continue
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])
		if !strings.Contains(list, h+"  "+name+"\n") {
			t.Fatalf("%s (%s) is not in the list:\n%s", name, h, list)
		}
		for kind, label := range map[string]string{"tables": "桌数照片", "opened": "开瓶照片"} {
			if strings.Contains(name, label) && recorded[kind] != h {
				t.Fatalf("%s: hash %s, recorded at upload %s", name, h, recorded[kind])
			}
		}
	}

	// The sheet read back by excelize: one row per item and the totals.
	f, err := excelize.OpenReader(bytes.NewReader(files["申报表.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.GetRows("申报明细")
	if len(got) != 4 || got[1][1] != "宴席" || got[1][3] != "张三 婚宴" || got[1][4] != "金源大酒店" || got[2][1] != "品鉴活动" || got[3][1] != "合计" {
		t.Fatalf("claim sheet rows: %q", got)
	}
	raw, _ := f.GetCellValue("申报明细", "M4", excelize.Options{RawCellValue: true})
	if raw != "1530" {
		t.Fatalf("total claimed: %q, want 1530 (¥640 + ¥890)", raw)
	}
	// And by openpyxl, an independent reader: the declared ranges, and the figures.
	xlsxcheck.Declared(t, xlsxcheck.Book{Name: "claim", Data: files["申报表.xlsx"], Want: [][2]int{{4, 14}, {4, 5}}})
	path := filepath.Join(t.TempDir(), "claim.xlsx")
	os.WriteFile(path, files["申报表.xlsx"], 0o644)
	out, err := execpkg.Command(xlsxcheck.Python(t), "-c", `import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["申报明细"]
print(ws["D2"].value, ws["J2"].value, ws["K2"].value, ws["L3"].value, ws["M4"].value)`, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "张三 婚宴 240 400 890 1530" {
		t.Fatalf("openpyxl read %q (%v)", out, err)
	}
}

func TestAChangedProofFileStopsThePacket(t *testing.T) {
	s := newSeason(t)
	c := write(t, s.db, func(tx *sql.Tx) (claims.Claim, error) {
		return claims.Build(ctx, tx, claims.BuildInput{ProgrammeID: s.programme.ID, Items: []claims.Ref{{Kind: "banquet", ID: s.full}}, Key: "a"}, 7)
	})
	if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprint(s.full), "opened-1.jpg"), []byte("another photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_, err := claims.WritePacket(ctx, s.db.R, c.ID, s.sources(), &buf)
	if errs.CodeOf(err) != errs.CodeConflict || !strings.Contains(err.Error(), "第1行") || !strings.Contains(err.Error(), "校验值不一致") || buf.Len() != 0 {
		t.Fatalf("want the changed photo named and no packet, got %v (%d bytes)", err, buf.Len())
	}
	os.Remove(filepath.Join(s.dir, fmt.Sprint(s.full), "opened-1.jpg"))
	if _, err = claims.WritePacket(ctx, s.db.R, c.ID, s.sources(), &buf); err == nil || !strings.Contains(err.Error(), "找不到") {
		t.Fatalf("want the missing photo named, got %v", err)
	}
}
