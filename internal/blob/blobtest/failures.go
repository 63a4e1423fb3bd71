package blobtest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
)

func testNotFound(t *testing.T, s blob.Store) {
	ctx := context.Background()
	MustPut(t, s, "dir/obj", []byte("x"), "")
	// "dir" is a prefix of an object, not an object.
	for _, key := range []string{"missing", "dir", "dir/missing", "dir/obj/below"} {
		_, _, err := s.Get(ctx, key)
		wantErrIs(t, "Get("+key+")", err, blob.ErrNotFound)
		_, err = s.Stat(ctx, key)
		wantErrIs(t, "Stat("+key+")", err, blob.ErrNotFound)
	}
}

func testDelete(t *testing.T, s blob.Store) {
	ctx := context.Background()
	MustPut(t, s, "d/a", []byte("a"), "")
	MustPut(t, s, "d/b", []byte("b"), "")
	if err := s.Delete(ctx, "d/a"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, _, err := s.Get(ctx, "d/a")
	wantErrIs(t, "Get after Delete", err, blob.ErrNotFound)
	_, err = s.Stat(ctx, "d/a")
	wantErrIs(t, "Stat after Delete", err, blob.ErrNotFound)
	for _, key := range []string{"d/a", "never", "d"} {
		if err := s.Delete(ctx, key); err != nil {
			t.Errorf("Delete(%q) of no object: %v", key, err)
		}
	}
	if keys := listKeys(t, s, ""); len(keys) != 1 || keys[0] != "d/b" {
		t.Errorf("List after Delete = %q, want [d/b]", keys)
	}
}

// invalidKeys are rejected by every method, cleanly.
var invalidKeys = []string{
	"", "/abs", "a//b", "a/", "../x", "a/../b", "a/./b", ".", "..",
	"Søknad.pdf", "søknad.pdf", "UPPER.pdf", "a b", `a\b`, "a:b", "a%2fb",
	"a~meta.json", "a..b", "x\x00y", strings.Repeat("a/", 256) + "b",
	"d/" + strings.Repeat("s", blob.MaxSegmentLen+1),
}

func testInvalidKeys(t *testing.T, s blob.Store) {
	ctx := context.Background()
	for _, key := range invalidKeys {
		_, err := s.Put(ctx, key, strings.NewReader("x"), 1, "")
		wantErrIs(t, "Put("+key+")", err, blob.ErrInvalidKey)
		_, _, err = s.Get(ctx, key)
		wantErrIs(t, "Get("+key+")", err, blob.ErrInvalidKey)
		_, _, err = s.GetRange(ctx, key, 0, 1)
		wantErrIs(t, "GetRange("+key+")", err, blob.ErrInvalidKey)
		_, err = s.Stat(ctx, key)
		wantErrIs(t, "Stat("+key+")", err, blob.ErrInvalidKey)
		wantErrIs(t, "Delete("+key+")", s.Delete(ctx, key), blob.ErrInvalidKey)
	}
	err := s.List(ctx, "Ø", func(blob.Info) error { return nil })
	wantErrIs(t, "List(Ø)", err, blob.ErrInvalidKey)
	if keys := listKeys(t, s, ""); len(keys) != 0 {
		t.Errorf("invalid keys stored: %q", keys)
	}
}

func testLongestKey(t *testing.T, s blob.Store) {
	key := strings.Repeat("abcdefg/", 63) + "12345678"
	if len(key) != blob.MaxKeyLen {
		t.Fatalf("test key is %d bytes", len(key))
	}
	segment := "d/" + strings.Repeat("s", blob.MaxSegmentLen)
	for _, k := range []string{key, segment} {
		MustPut(t, s, k, []byte("long"), "")
		if got, _ := MustGet(t, s, k); string(got) != "long" {
			t.Errorf("Get = %q", got)
		}
	}
}

// slowReader gives n chunks of 1 KiB, pausing before each like a slow
// upload; it does not watch any context, so the store must.
type slowReader struct{ n int }

func (r *slowReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	r.n--
	time.Sleep(10 * time.Millisecond)
	return copy(p, bytes.Repeat([]byte("x"), min(len(p), 1024))), nil
}

func testCancelledPut(t *testing.T, s blob.Store) {
	for _, size := range []int64{64 << 10, -1} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := s.Put(ctx, "slow", &slowReader{n: 64}, size, "")
		cancel()
		if err == nil {
			t.Fatalf("Put(size %d) succeeded despite cancel", size)
		}
		wantErrIs(t, "cancelled Put", err, context.Canceled)
		wantGone(t, s, "slow")
	}
}

// failingReader gives some bytes, then an error.
type failingReader struct{ sent bool }

var errReader = errors.New("reader broke")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.sent {
		return 0, errReader
	}
	r.sent = true
	return copy(p, "partial content"), nil
}

func testFailedReader(t *testing.T, s blob.Store) {
	for _, size := range []int64{1000, -1} {
		_, err := s.Put(context.Background(), "fail", &failingReader{}, size, "")
		if err == nil {
			t.Fatalf("Put(size %d) of a failing reader succeeded", size)
		}
		// The caller's reader failed, not the store: no 503.
		wantErrIs(t, "Put of a failing reader", err, errReader)
		if errors.Is(err, blob.ErrUnavailable) {
			t.Errorf("Put of a failing reader: %v wraps ErrUnavailable", err)
		}
		wantGone(t, s, "fail")
	}
}

// testWrongSize checks that a reader that disagrees with size stores
// nothing: neither a short object nor one silently cut at size.
func testWrongSize(t *testing.T, s blob.Store) {
	for _, data := range []string{"12345", "0123456789abc"} {
		_, err := s.Put(context.Background(), "wrong", strings.NewReader(data), 10, "")
		if err == nil {
			t.Fatalf("Put of %d bytes with size 10 succeeded", len(data))
		}
		if errors.Is(err, blob.ErrUnavailable) {
			t.Errorf("Put of %d bytes with size 10: %v wraps ErrUnavailable", len(data), err)
		}
		wantGone(t, s, "wrong")
	}
}
