package blobtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/innsyn/innsyn/internal/blob"
)

// Bytes returns n reproducible pseudo-random bytes for seed.
func Bytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	var s [32]byte
	s[0] = byte(seed)
	s[1] = byte(seed >> 8)
	_, _ = rand.NewChaCha8(s).Read(b)
	return b
}

func testRoundTrip(t *testing.T, s blob.Store) {
	data := Bytes(10_000, 1)
	put := MustPut(t, s, "dok/2024/a.pdf", data, "application/pdf")
	if put.Key != "dok/2024/a.pdf" || put.Size != int64(len(data)) || put.ContentType != "application/pdf" || put.ETag == "" {
		t.Errorf("Put info = %+v", put)
	}
	wantRecent(t, "Put", put.ModTime)
	got, info := MustGet(t, s, "dok/2024/a.pdf")
	if !bytes.Equal(got, data) {
		t.Fatalf("Get returned %d different bytes, want the %d put", len(got), len(data))
	}
	if info.Key != put.Key || info.Size != put.Size || info.ContentType != put.ContentType || info.ETag != put.ETag {
		t.Errorf("Get info = %+v, want as Put %+v", info, put)
	}
	wantRecent(t, "Get", info.ModTime)
	// The same content written the same way has the same ETag.
	again := MustPut(t, s, "dok/2024/b.pdf", data, "application/pdf")
	if again.ETag != put.ETag {
		t.Errorf("ETag for equal content: %q and %q", put.ETag, again.ETag)
	}
	other := MustPut(t, s, "dok/2024/c.pdf", Bytes(10_000, 2), "application/pdf")
	if other.ETag == put.ETag {
		t.Errorf("ETag for different content: both %q", put.ETag)
	}
}

func testUnknownSize(t *testing.T, s blob.Store) {
	data := Bytes(70_000, 3)
	// A reader without Len or Seek, so no backend can peek at the size.
	r := struct{ io.Reader }{bytes.NewReader(data)}
	put, err := s.Put(context.Background(), "u/x.pdf", r, -1, "application/pdf")
	if err != nil {
		t.Fatalf("Put(size -1): %v", err)
	}
	if put.Size != int64(len(data)) {
		t.Errorf("Put size = %d, want %d", put.Size, len(data))
	}
	got, info := MustGet(t, s, "u/x.pdf")
	if !bytes.Equal(got, data) || info.Size != int64(len(data)) || info.ContentType != "application/pdf" {
		t.Errorf("Get: %d bytes, info %+v; want the %d put", len(got), info, len(data))
	}
}

func testEmptyObject(t *testing.T, s blob.Store) {
	put := MustPut(t, s, "empty.txt", nil, "text/plain")
	if put.Size != 0 {
		t.Errorf("Put size = %d, want 0", put.Size)
	}
	got, info := MustGet(t, s, "empty.txt")
	if len(got) != 0 || info.Size != 0 {
		t.Errorf("Get: %d bytes, info %+v; want empty", len(got), info)
	}
}

func testDefaultContentType(t *testing.T, s blob.Store) {
	put := MustPut(t, s, "noct", []byte("x"), "")
	info, err := s.Stat(context.Background(), "noct")
	if err != nil {
		t.Fatal(err)
	}
	if put.ContentType != blob.DefaultContentType || info.ContentType != blob.DefaultContentType {
		t.Errorf("content types %q, %q; want %q", put.ContentType, info.ContentType, blob.DefaultContentType)
	}
}

func testStat(t *testing.T, s blob.Store) {
	put := MustPut(t, s, "s/doc.pdf", Bytes(1234, 4), "application/pdf")
	info, err := s.Stat(context.Background(), "s/doc.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if info.Key != "s/doc.pdf" || info.Size != 1234 || info.ContentType != "application/pdf" || info.ETag != put.ETag {
		t.Errorf("Stat = %+v, want as Put %+v", info, put)
	}
	wantRecent(t, "Stat", info.ModTime)
}

func testLarge(t *testing.T, s blob.Store) {
	data := Bytes(5<<20, 5)
	put := MustPut(t, s, "big/five.pdf", data, "application/pdf")
	got, info := MustGet(t, s, "big/five.pdf")
	if sha256.Sum256(got) != sha256.Sum256(data) || info.Size != 5<<20 || info.ETag != put.ETag {
		t.Errorf("Get: %d bytes (equal %v), info %+v", len(got), bytes.Equal(got, data), info)
	}
	rc, _, err := s.GetRange(context.Background(), "big/five.pdf", 5<<20-100, -1)
	if err != nil {
		t.Fatal(err)
	}
	if tail := mustReadAll(t, rc); !bytes.Equal(tail, data[len(data)-100:]) {
		t.Errorf("tail of 5 MiB: %d bytes, not the last 100", len(tail))
	}
}

func testOverwrite(t *testing.T, s blob.Store) {
	v1 := MustPut(t, s, "o/k", []byte("first version"), "text/plain")
	v2data := []byte("%PDF-1.7 second, longer version")
	v2 := MustPut(t, s, "o/k", v2data, "application/pdf")
	if v1.ETag == v2.ETag {
		t.Errorf("ETag unchanged by overwrite: %q", v1.ETag)
	}
	got, info := MustGet(t, s, "o/k")
	if !bytes.Equal(got, v2data) || info.ContentType != "application/pdf" || info.ETag != v2.ETag || info.Size != int64(len(v2data)) {
		t.Errorf("after overwrite: %q, %+v", got, info)
	}
	if keys := listKeys(t, s, ""); len(keys) != 1 || keys[0] != "o/k" {
		t.Errorf("List after overwrite: %q", keys)
	}
}

func testPing(t *testing.T, s blob.Store) {
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
