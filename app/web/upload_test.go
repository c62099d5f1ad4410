package web_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiuke/backend/sheets"
)

// upload sends the file at path to Sheets/OpenUpload as a browser does (base64 in a JSON array),
// streamed from disk so the sending side holds none of it.
func (b *browser) upload(name, path string) (int, map[string]any) {
	b.s.t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		b.s.t.Fatal(err)
	}
	head := `["` + name + `","`
	length := int64(len(head)) + int64(base64.StdEncoding.EncodedLen(int(st.Size()))) + 2
	pr, pw := io.Pipe()
	go func() {
		f, err := os.Open(path)
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		defer f.Close()
		io.WriteString(pw, head)
		enc := base64.NewEncoder(base64.StdEncoding, pw)
		io.Copy(enc, bufio.NewReader(f))
		enc.Close()
		io.WriteString(pw, `"]`)
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+"/api/app/Sheets/OpenUpload", pr)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = length
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// The limit the import page shows is the one the server keeps over HTTP: a file of the largest size
// goes through (before, the 32 MiB body limit refused it with a JSON error), a larger one is refused
// with a message naming the limit, on its declared length before the body is read.
func TestUploadLimitShownIsTheLimitKeptOverHTTP(t *testing.T) {
	s := newShop(t)
	b := s.owner()
	opts := b.must("Sheets/ImportOptions")
	if int(opts["maxFileMb"].(float64)) != sheets.MaxFileMB {
		t.Fatalf("options say %v MB", opts["maxFileMb"])
	}
	dir := t.TempDir()
	exact := filepath.Join(dir, "exact.csv")
	writeLedgerCSV(t, exact, sheets.MaxFileSize, 20_000)
	status, body := b.upload("exact.csv", exact)
	if status != http.StatusOK || body["fileId"] == "" {
		t.Fatalf("a file of exactly %d MB: %d %v", sheets.MaxFileMB, status, body)
	}
	over := filepath.Join(dir, "over.csv")
	writeLedgerCSV(t, over, sheets.MaxFileSize+1, 20_000)
	status, body = b.upload("over.csv", over)
	want := fmt.Sprintf("超过 %d MB 的上限", sheets.MaxFileMB)
	if status != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(body["message"]), want) {
		t.Fatalf("one byte over: %d %v", status, body)
	}
	// A body beyond what any allowed file needs is refused on its Content-Length alone: the server
	// answers without reading it (the pipe is never drained past what the transport buffers).
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/api/app/Sheets/OpenUpload", pr)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = 1 << 30
	go io.Copy(pw, io.LimitReader(zeros{}, 1<<30))
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(fmt.Sprint(m["message"]), want) {
		t.Fatalf("1 GB body: %d %v", resp.StatusCode, m)
	}
	// Without a declared length (chunked), the body is cut at the limit.
	status, body = b.chunked("Sheets/OpenUpload", io.MultiReader(strings.NewReader(`["x.csv","`), io.LimitReader(zeros{'A'}, 200<<20)))
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(fmt.Sprint(body["message"]), want) {
		t.Fatalf("chunked 200 MB body: %d %v", status, body)
	}
}

type zeros struct{ b byte }

func (z zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = z.b
	}
	return len(p), nil
}

func (b *browser) chunked(path string, body io.Reader) (int, map[string]any) {
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+"/api/app/"+path, body)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// writeLedgerCSV writes a ledger of rows customers padded with notes to exactly size bytes.
func writeLedgerCSV(t *testing.T, path string, size, rows int) {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("姓名,手机,生日,地址,备注\n")
	per, rem := (size-buf.Len())/rows, (size-buf.Len())%rows
	for i := range rows {
		line := fmt.Sprintf("客户%d,138%08d,1985-03-12,四川省成都市锦江区春熙路%d号,", i, i, i)
		n := per - len(line) - 1
		if i < rem {
			n++
		}
		buf.WriteString(line + strings.Repeat("x", max(0, n)) + "\n")
	}
	if buf.Len() != size {
		t.Fatalf("ledger is %d bytes, want %d", buf.Len(), size)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
