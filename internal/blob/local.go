package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Local is a Store in a directory: each object is a file at its key's path
// under the directory, beside a JSON sidecar "<file>~meta.json" holding its
// content type and ETag (hex SHA-256). Writes go to "<file>~tmp-*" in the
// same directory and are renamed into place. '~' is outside the key
// alphabet, so no key can name a sidecar or temp file and List skips them.
//
// Local suits `innsyn demo` and a single server; replicas need S3. Unlike
// S3, a key cannot be both an object and a prefix of other keys ("a" and
// "a/b"): such a Put fails. Temp files left by a crash are never listed
// and can be deleted by hand.
type Local struct {
	dir string
}

const (
	metaSuffix = "~meta.json"
	tmpMarker  = "~tmp-"
	dirPerm    = 0o750
	filePerm   = 0o640
)

// NewLocal opens the store in dir, creating it (mode 0750) if missing.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("blob: local: empty directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: local: %w", err)
	}
	if err := os.MkdirAll(abs, dirPerm); err != nil {
		return nil, fmt.Errorf("blob: local: %w", err)
	}
	return &Local{dir: abs}, nil
}

// path validates key and returns its file's path.
func (l *Local) path(key string) (string, error) {
	if err := ValidateKey(key); err != nil {
		return "", err
	}
	return filepath.Join(l.dir, filepath.FromSlash(key)), nil
}

// Put implements Store. The sidecar is renamed into place before the data
// file, so the data file's rename is the single commit point; the sidecar
// records the data file's size and mtime so that a reader can tell a
// sidecar that belongs to another version (after a crash or a race between
// two writers) and fall back (see readInfo).
func (l *Local) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (Info, error) {
	p, err := l.path(key)
	if err != nil {
		return Info{}, fmt.Errorf("blob: put: %w", err)
	}
	if contentType == "" {
		contentType = DefaultContentType
	}
	// A file cannot also be a directory: refuse before reading the body.
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return Info{}, fmt.Errorf("blob: put %s: key is a prefix of other keys here", key)
	}
	dir, base := filepath.Split(p)
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	tmp, m, err := writeData(ctx, dir, base, r, size)
	if tmp != "" {
		defer os.Remove(tmp) // fails harmlessly once renamed
	}
	if err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	m.ContentType = contentType
	metaTmp, err := writeMeta(dir, base, m)
	if metaTmp != "" {
		defer os.Remove(metaTmp)
	}
	if err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err := ctx.Err(); err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err := os.Rename(metaTmp, p+metaSuffix); err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	syncDir(dir)
	return m.info(key), nil
}

// writeData copies r into a new temp file in dir, hashing as it goes, and
// syncs it. It returns the temp file's name, also on error, for removal.
func writeData(ctx context.Context, dir, base string, r io.Reader, size int64) (string, meta, error) {
	f, err := os.CreateTemp(dir, base+tmpMarker+"*")
	if err != nil {
		return "", meta{}, err
	}
	name := f.Name()
	m, err := copyData(ctx, f, r, size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return name, meta{}, err
	}
	// Stamp a nanosecond mtime and record it as the filesystem keeps it:
	// the write's own mtime comes from a coarse kernel clock, so two quick
	// versions could share it.
	now := time.Now()
	if err := os.Chtimes(name, now, now); err != nil {
		return name, meta{}, err
	}
	fi, err := os.Stat(name)
	if err != nil {
		return name, meta{}, err
	}
	m.ModTime = fi.ModTime()
	return name, m, nil
}

// copyData writes r to f, checks the length against size (-1: unknown),
// and syncs f.
func copyData(ctx context.Context, f *os.File, r io.Reader, size int64) (meta, error) {
	if err := f.Chmod(filePerm); err != nil {
		return meta{}, err
	}
	if size >= 0 {
		r = io.LimitReader(r, size+1) // one byte more reveals a liar
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), ctxReader{ctx, r})
	if err != nil {
		return meta{}, err
	}
	if size >= 0 && n != size {
		return meta{}, lengthError(n, size)
	}
	if err := f.Sync(); err != nil {
		return meta{}, err
	}
	return meta{ETag: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// ctxReader stops a copy at the next Read once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// syncDir makes renames in dir durable. It is best effort: the rename has
// already made the object visible, so failing Put now would misreport it.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// Delete implements Store. The data file goes first: once it is gone the
// object is gone, whatever happens to the sidecar.
func (l *Local) Delete(ctx context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return fmt.Errorf("blob: delete: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	fi, err := os.Lstat(p)
	if isNotExist(err) || err == nil && !fi.Mode().IsRegular() {
		return nil // a directory is a prefix, not an object
	}
	if err != nil {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	if err := os.Remove(p); err != nil && !isNotExist(err) {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	if err := os.Remove(p + metaSuffix); err != nil && !isNotExist(err) {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	return nil
}

// Ping implements Store by creating and removing a file, which proves the
// directory exists and is writable.
func (l *Local) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("blob: ping: %w", err)
	}
	f, err := os.CreateTemp(l.dir, "~ping-*")
	if err != nil {
		return fmt.Errorf("blob: ping: %w: %w", ErrUnavailable, err)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return fmt.Errorf("blob: ping: %w: %w", ErrUnavailable, err)
	}
	return nil
}

// isNotExist also counts ENOTDIR: for key "a/b" where "a" is an object,
// "a/b" does not exist either.
func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}
