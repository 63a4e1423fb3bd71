package blob_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/blob/blobtest"
)

func TestLocalContract(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store { return newTestLocal(t, t.TempDir()) })
}

func newTestLocal(t *testing.T, dir string) *blob.Local {
	t.Helper()
	s, err := blob.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewLocalCreatesDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	newTestLocal(t, dir)
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() || fi.Mode().Perm() != 0o750 {
		t.Errorf("dir mode %v, want drwxr-x---", fi.Mode())
	}
	if _, err := blob.NewLocal(""); err == nil {
		t.Error(`NewLocal("") succeeded`)
	}
}

// TestLocalLayout pins the files on disk: the object at its key's path, a
// sidecar beside it, and no temp file left after a Put, failed or not.
func TestLocalLayout(t *testing.T) {
	dir := t.TempDir()
	s := newTestLocal(t, dir)
	data := []byte("%PDF-1.7 journal")
	put := blobtest.MustPut(t, s, "dok/2024/1.pdf", data, "application/pdf")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Put(ctx, "dok/2024/2.pdf", strings.NewReader("x"), 1, ""); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
	got, err := os.ReadFile(filepath.Join(dir, "dok", "2024", "1.pdf"))
	if err != nil || string(got) != string(data) {
		t.Errorf("object file: %q, %v", got, err)
	}
	want := []string{"dok/2024/1.pdf", "dok/2024/1.pdf~meta.json"}
	if files := filesUnder(t, dir); !slices.Equal(files, want) {
		t.Errorf("files on disk: %q, want %q", files, want)
	}
	sum := sha256.Sum256(data)
	if put.ETag != hex.EncodeToString(sum[:]) {
		t.Errorf("ETag %q is not the hex SHA-256", put.ETag)
	}
}

func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestLocalListSkipsNonKeys(t *testing.T) {
	dir := t.TempDir()
	s := newTestLocal(t, dir)
	blobtest.MustPut(t, s, "dok/1.pdf", []byte("x"), "")
	for _, name := range []string{"dok/1.pdf~tmp-123", "README", "dok/UPPER.pdf", "~trash/x", "dok/link"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if name == "dok/link" {
			if err := os.Symlink(filepath.Join(dir, "dok/1.pdf"), p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte("stray"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	var keys []string
	err := s.List(context.Background(), "", func(info blob.Info) error {
		keys = append(keys, info.Key)
		return nil
	})
	if err != nil || !slices.Equal(keys, []string{"dok/1.pdf"}) {
		t.Errorf("List = %q, %v; want [dok/1.pdf]", keys, err)
	}
}

// TestLocalStaleSidecar covers a crash between the two renames of an
// overwrite, or a file changed behind the store's back: the sidecar no
// longer matches and must not be believed.
func TestLocalStaleSidecar(t *testing.T) {
	dir := t.TempDir()
	s := newTestLocal(t, dir)
	blobtest.MustPut(t, s, "k", []byte("old"), "text/plain")
	p := filepath.Join(dir, "k")
	newData := []byte("new content")
	if err := os.WriteFile(p, newData, 0o640); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(newData)
	check := func(what string) {
		t.Helper()
		got, info := blobtest.MustGet(t, s, "k")
		if string(got) != string(newData) || info.ETag != hex.EncodeToString(sum[:]) ||
			info.Size != int64(len(newData)) || info.ContentType != blob.DefaultContentType {
			t.Errorf("%s: %q, %+v", what, got, info)
		}
	}
	check("stale sidecar")
	if err := os.Remove(p + "~meta.json"); err != nil {
		t.Fatal(err)
	}
	check("no sidecar")
}

func TestLocalKeyAndPrefixConflict(t *testing.T) {
	s := newTestLocal(t, t.TempDir())
	blobtest.MustPut(t, s, "a", []byte("a"), "")
	blobtest.MustPut(t, s, "c/d", []byte("d"), "")
	// S3 allows both; a file cannot also be a directory.
	if _, err := s.Put(context.Background(), "a/b", strings.NewReader("b"), 1, ""); err == nil {
		t.Error(`Put("a/b") beside object "a" succeeded`)
	}
	if _, err := s.Put(context.Background(), "c", strings.NewReader("c"), 1, ""); err == nil {
		t.Error(`Put("c") over prefix "c/" succeeded`)
	}
	if got, _ := blobtest.MustGet(t, s, "a"); string(got) != "a" {
		t.Errorf(`"a" = %q after the failed Put`, got)
	}
}

func TestLocalPingFailsWithoutDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := newTestLocal(t, dir)
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); !errors.Is(err, blob.ErrUnavailable) {
		t.Errorf("Ping without its directory: %v, want ErrUnavailable", err)
	}
}

func TestLocalModTimeIsWriteTime(t *testing.T) {
	s := newTestLocal(t, t.TempDir())
	before := time.Now()
	put := blobtest.MustPut(t, s, "k", []byte("x"), "")
	info, err := s.Stat(context.Background(), "k")
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime.Equal(put.ModTime) || put.ModTime.Before(before.Add(-time.Second)) {
		t.Errorf("ModTime: Put %v, Stat %v, test began %v", put.ModTime, info.ModTime, before)
	}
}
