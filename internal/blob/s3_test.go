package blob_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/blob/blobtest"
)

var _ blob.Presigner = (*blob.S3)(nil)

func TestS3Contract(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s, _ := newTestS3(t)
		return s
	})
}

func TestS3PresignGet(t *testing.T) {
	t.Parallel()
	s, _ := newTestS3(t)
	data := blobtest.Bytes(3000, 10)
	blobtest.MustPut(t, s, "dok/1.pdf", data, "application/octet-stream")
	const name = "Søknad om løyve.pdf"
	u, err := s.PresignGet(context.Background(), "dok/1.pdf", time.Minute, name, "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	resp := mustHTTPGet(t, u.String())
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) {
		t.Fatalf("GET presigned: %s, %d bytes %.200q", resp.Status, len(body), body)
	}
	if got, want := resp.Header.Get("Content-Disposition"), blob.ContentDisposition("attachment", name); got != want {
		t.Errorf("Content-Disposition = %q, want %q", got, want)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/pdf" {
		t.Errorf("Content-Type = %q, want application/pdf", got)
	}
}

func TestS3PresignExpires(t *testing.T) {
	t.Parallel()
	s, _ := newTestS3(t)
	blobtest.MustPut(t, s, "dok/1.pdf", []byte("%PDF"), "application/pdf")
	u, err := s.PresignGet(context.Background(), "dok/1.pdf", time.Second, "a.pdf", "")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	resp := mustHTTPGet(t, u.String())
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET expired presigned URL: %s, want 403", resp.Status)
	}
}

func TestS3BucketIsPrivate(t *testing.T) {
	t.Parallel()
	s, cfg := newTestS3(t)
	blobtest.MustPut(t, s, "dok/1.pdf", []byte("%PDF"), "application/pdf")
	resp := mustHTTPGet(t, "http://"+cfg.Endpoint+"/"+cfg.Bucket+"/dok/1.pdf")
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("anonymous GET: %s, want 403", resp.Status)
	}
}

func TestS3WrongSecret(t *testing.T) {
	t.Parallel()
	_, cfg := newTestS3(t) // the bucket exists; only the signature is wrong
	cfg.CreateBucket = false
	cfg.SecretKey = "not-the-secret-0123456789"
	s, err := blob.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatalf("NewS3 without CreateBucket: %v", err)
	}
	_, err = s.Put(context.Background(), "x", strings.NewReader("x"), 1, "")
	if err == nil || errors.Is(err, blob.ErrNotFound) || errors.Is(err, blob.ErrUnavailable) {
		t.Errorf("Put with a wrong secret: %v, want a plain error", err)
	}
	t.Logf("wrong secret: %v", err)
	if err != nil && strings.Contains(err.Error(), cfg.SecretKey) {
		t.Errorf("error shows the secret: %v", err)
	}
	if err := s.Ping(context.Background()); err == nil {
		t.Error("Ping with a wrong secret succeeded")
	}
}

func TestS3MissingBucket(t *testing.T) {
	t.Parallel()
	cfg := testS3Config(t)
	s, err := blob.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = s.Ping(ctx)
	wantErrIs(t, "Ping without bucket", err, blob.ErrUnavailable)
	// A missing bucket is a broken store, not a missing document.
	_, _, err = s.Get(ctx, "x")
	wantErrIs(t, "Get without bucket", err, blob.ErrUnavailable)
}

func TestS3ServerDown(t *testing.T) {
	t.Parallel()
	cfg := testS3Config(t)
	cfg.Endpoint = closedPort(t)
	ctx := context.Background()
	s, err := blob.NewS3(ctx, cfg)
	if err != nil {
		t.Fatalf("NewS3 with the server down: %v", err)
	}
	calls := map[string]func() error{
		"Put":  func() error { _, err := s.Put(ctx, "x", strings.NewReader("x"), 1, ""); return err },
		"Get":  func() error { _, _, err := s.Get(ctx, "x"); return err },
		"Stat": func() error { _, err := s.Stat(ctx, "x"); return err },
		"Ping": func() error { return s.Ping(ctx) },
		"List": func() error { return s.List(ctx, "", func(blob.Info) error { return nil }) },
		"NewS3 CreateBucket": func() error {
			cfg.CreateBucket = true
			_, err := blob.NewS3(ctx, cfg)
			return err
		},
	}
	for name, call := range calls {
		start := time.Now()
		err := call()
		t.Logf("%s: %v in %v", name, err, time.Since(start))
		wantErrIs(t, name, err, blob.ErrUnavailable)
		// Not a timing test: a generous bound that a retry loop of
		// minio-go's default length (~5 s) or a hang would break.
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s took %v to report the server down", name, d)
		}
	}
}

func TestNewS3NeedsEndpointAndBucket(t *testing.T) {
	for _, cfg := range []blob.S3Config{{Bucket: "b"}, {Endpoint: "127.0.0.1:1"}} {
		if _, err := blob.NewS3(context.Background(), cfg); err == nil {
			t.Errorf("NewS3(%+v) succeeded", cfg)
		}
	}
}

func TestNewS3CreatesBucketOnce(t *testing.T) {
	t.Parallel()
	cfg := testS3Config(t)
	cfg.CreateBucket = true
	t.Cleanup(func() { removeBucket(t, cfg) })
	for range 2 {
		if _, err := blob.NewS3(context.Background(), cfg); err != nil {
			t.Fatalf("NewS3: %v", err)
		}
	}
}

func mustHTTPGet(t *testing.T, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// closedPort returns a local address where nothing listens.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func wantErrIs(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: %v, want an error wrapping %v", what, err, target)
	}
}
