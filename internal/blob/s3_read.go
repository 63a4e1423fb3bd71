package blob

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/minio/minio-go/v7"
)

// Get implements Store.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	if err := ValidateKey(key); err != nil {
		return nil, Info{}, fmt.Errorf("blob: get: %w", err)
	}
	// Core.GetObject sends one GET and returns its body, so a missing key
	// fails here rather than at the first Read as with Client.GetObject.
	body, oi, _, err := minio.Core{Client: s.client}.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, Info{}, s3Error(ctx, "get", key, err)
	}
	return body, s3Info(key, oi), nil
}

// GetRange implements Store with one ranged GET. The 206 response's
// Content-Range gives the whole object's size for Info.
func (s *S3) GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, Info, error) {
	if err := ValidateKey(key); err != nil {
		return nil, Info{}, fmt.Errorf("blob: get range: %w", err)
	}
	// An invalid Range header is ignored by S3, which would then send the
	// whole object: refuse what cannot be a range before asking.
	if offset < 0 || length == 0 || length < -1 {
		return nil, Info{}, fmt.Errorf("blob: get range %s: %w: offset %d length %d", key, ErrInvalidRange, offset, length)
	}
	var opts minio.GetObjectOptions
	if length == -1 {
		opts.Set("Range", fmt.Sprintf("bytes=%d-", offset))
	} else {
		opts.Set("Range", fmt.Sprintf("bytes=%d-%d", offset, offset+length-1))
	}
	body, oi, hdr, err := minio.Core{Client: s.client}.GetObject(ctx, s.bucket, key, opts)
	if err != nil {
		return nil, Info{}, s3Error(ctx, "get range", key, err)
	}
	info := s3Info(key, oi)
	if total, ok := contentRangeSize(hdr); ok {
		info.Size = total
		return body, info, nil
	}
	// A server that ignored Range sent everything: cut the range out here.
	n, err := rangeLength(oi.Size, offset, length)
	if err == nil {
		_, err = io.CopyN(io.Discard, body, offset)
	}
	if err != nil {
		body.Close()
		return nil, Info{}, fmt.Errorf("blob: get range %s: %w", key, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(body, n), body}, info, nil
}

// contentRangeSize reads the complete length from "bytes 0-9/1000".
func contentRangeSize(h http.Header) (int64, bool) {
	cr := h.Get("Content-Range")
	i := strings.LastIndexByte(cr, '/')
	if !strings.HasPrefix(cr, "bytes ") || i < 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(cr[i+1:], 10, 64)
	return n, err == nil
}

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if err := ValidateKey(key); err != nil {
		return Info{}, fmt.Errorf("blob: stat: %w", err)
	}
	oi, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s3Error(ctx, "stat", key, err)
	}
	return s3Info(key, oi), nil
}

// List implements Store. S3 listings carry no content type, so Info's
// ContentType is empty; a HEAD per object would make listing a large
// bucket crawl.
func (s *S3) List(ctx context.Context, prefix string, fn func(Info) error) error {
	if err := validatePrefix(prefix); err != nil {
		return fmt.Errorf("blob: list: %w", err)
	}
	// Cancelling stops minio-go's listing when fn ends it early.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts := minio.ListObjectsOptions{Prefix: prefix, Recursive: true}
	for oi := range s.client.ListObjectsIter(ctx, s.bucket, opts) {
		if oi.Err != nil {
			return s3Error(ctx, "list", prefix, oi.Err)
		}
		if err := fn(s3Info(oi.Key, oi)); err != nil {
			return err
		}
	}
	return nil
}

func s3Info(key string, oi minio.ObjectInfo) Info {
	return Info{Key: key, Size: oi.Size, ContentType: oi.ContentType, ETag: oi.ETag, ModTime: oi.LastModified.UTC()}
}
