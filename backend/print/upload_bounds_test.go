package print_test

import (
	"bytes"
	"compress/zlib"
	"database/sql"
	"encoding/binary"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"

	"jiuke/backend/print"
	"jiuke/backend/store/storetest"
)

// pngChunk writes one PNG chunk with its CRC.
func pngChunk(buf *bytes.Buffer, kind string, data []byte) {
	binary.Write(buf, binary.BigEndian, uint32(len(data)))
	buf.WriteString(kind)
	buf.Write(data)
	binary.Write(buf, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
}

// A small file claiming a 6000×6000 picture of 16 bits per channel: within the pixel count, but
// eight bytes a pixel once decoded (288 MB). It must be refused from its header, before decoding.
func TestSixteenBitPictureIsRefusedBeforeDecoding(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 6000)
	binary.BigEndian.PutUint32(ihdr[4:], 6000)
	ihdr[8], ihdr[9] = 16, 6 // 16 bits, RGBA
	pngChunk(&buf, "IHDR", ihdr)
	var idat bytes.Buffer
	zw := zlib.NewWriter(&idat)
	zw.Write(make([]byte, 1+6000*8))
	zw.Close()
	pngChunk(&buf, "IDAT", idat.Bytes())
	pngChunk(&buf, "IEND", nil)

	db := storetest.Open(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := db.WithTx(ctx, func(tx *sql.Tx) error { return print.SaveImage(ctx, tx, print.Map, "二楼", buf.Bytes()) })
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "像素过大") {
		t.Fatalf("16-bit 6000×6000 picture: %v, want refused as too large", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Fatalf("refusing it took %d MB", grew>>20)
	}
}
