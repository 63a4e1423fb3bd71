package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// meta is the sidecar's content. Size and ModTime tie it to one version of
// the data file.
type meta struct {
	ContentType string    `json:"contentType"`
	ETag        string    `json:"etag"`
	Size        int64     `json:"size"`
	ModTime     time.Time `json:"modTime"`
}

func (m meta) info(key string) Info {
	return Info{Key: key, Size: m.Size, ContentType: m.ContentType, ETag: m.ETag, ModTime: m.ModTime.UTC()}
}

// writeMeta writes m to a synced temp file in dir and returns its name, also
// on error, for removal.
func writeMeta(dir, base string, m meta) (string, error) {
	f, err := os.CreateTemp(dir, base+metaSuffix+tmpMarker+"*")
	if err != nil {
		return "", err
	}
	err = f.Chmod(filePerm)
	if err == nil {
		err = json.NewEncoder(f).Encode(m)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), err
}

// Get implements Store.
func (l *Local) Get(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	f, info, err := l.open(ctx, key)
	if err != nil {
		return nil, Info{}, fmt.Errorf("blob: get: %w", err)
	}
	return f, info, nil
}

// GetRange implements Store.
func (l *Local) GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, Info, error) {
	f, info, err := l.open(ctx, key)
	if err != nil {
		return nil, Info{}, fmt.Errorf("blob: get range: %w", err)
	}
	n, err := rangeLength(info.Size, offset, length)
	if err != nil {
		f.Close()
		return nil, Info{}, fmt.Errorf("blob: get range %s: %w", key, err)
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		f.Close()
		return nil, Info{}, fmt.Errorf("blob: get range %s: %w", key, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, n), f}, info, nil
}

// rangeLength checks a GetRange request against the object's size and
// returns how many bytes it covers.
func rangeLength(size, offset, length int64) (int64, error) {
	if offset < 0 || offset >= size || length == 0 || length < -1 {
		return 0, fmt.Errorf("%w: offset %d length %d of %d bytes", ErrInvalidRange, offset, length, size)
	}
	if length == -1 || length > size-offset {
		return size - offset, nil
	}
	return length, nil
}

// Stat implements Store.
func (l *Local) Stat(ctx context.Context, key string) (Info, error) {
	f, info, err := l.open(ctx, key)
	if err != nil {
		return Info{}, fmt.Errorf("blob: stat: %w", err)
	}
	f.Close()
	return info, nil
}

// open opens key's data file and describes the very version it opened.
func (l *Local) open(ctx context.Context, key string) (*os.File, Info, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, Info{}, err
	}
	if err := ctx.Err(); err != nil {
		return nil, Info{}, fmt.Errorf("%s: %w", key, err)
	}
	f, err := os.Open(p)
	if isNotExist(err) {
		return nil, Info{}, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, Info{}, fmt.Errorf("%s: %w", key, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: %w", key, ErrNotFound) // a directory is a prefix
	}
	var info Info
	if err == nil {
		info, err = readInfo(key, p, fi, f)
	}
	if err != nil {
		f.Close()
		return nil, Info{}, err
	}
	return f, info, nil
}

// readInfo describes the data file fi at path p, using the sidecar when it
// belongs to this version of the file. Otherwise (a crash or a race between
// writers left another version's sidecar, or none) the ETag is recomputed
// from f and the content type, unknowable now, is DefaultContentType.
func readInfo(key, p string, fi fs.FileInfo, f io.ReaderAt) (Info, error) {
	var m meta
	b, err := os.ReadFile(p + metaSuffix)
	if err == nil && json.Unmarshal(b, &m) == nil &&
		m.Size == fi.Size() && m.ModTime.Equal(fi.ModTime()) {
		return m.info(key), nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, fi.Size())); err != nil {
		return Info{}, fmt.Errorf("%s: %w", key, err)
	}
	m = meta{ContentType: DefaultContentType, ETag: hex.EncodeToString(h.Sum(nil)), Size: fi.Size(), ModTime: fi.ModTime()}
	return m.info(key), nil
}
