// Package blob is the document store: the files behind the journal's
// dokumentobjekt rows, kept as opaque objects under opaque keys.
//
// Two backends satisfy the same contract (package blobtest proves it):
// Local, a directory on disk for `innsyn demo` and small installations, and
// S3, any S3-compatible service through minio-go, for production.
package blob

import (
	"context"
	"errors"
	"io"
	"net/url"
	"time"
)

// Info describes a stored object.
type Info struct {
	// Key is the object's key.
	Key string
	// Size is the object's full length in bytes (also from GetRange).
	Size int64
	// ContentType is the media type given to Put, or
	// DefaultContentType when none was given.
	ContentType string
	// ETag identifies the content: equal content written the same way gives
	// an equal ETag. It is opaque: the local backend uses the hex SHA-256,
	// S3 whatever the server computes (an MD5 for single PUTs).
	ETag string
	// ModTime is when the object was last written.
	ModTime time.Time
}

// DefaultContentType is recorded when Put is given no content type.
const DefaultContentType = "application/octet-stream"

// ErrNotFound is returned (wrapped, errors.Is-able) when the key does not exist.
var ErrNotFound = errors.New("blob: object not found")

// ErrUnavailable wraps errors where the store could not be reached
// (connection refused, timeouts, 5xx) so callers can answer 503.
var ErrUnavailable = errors.New("blob: store unavailable")

// ErrInvalidRange is returned (wrapped) by GetRange when the range does not
// lie within the object.
var ErrInvalidRange = errors.New("blob: invalid range")

// ErrInvalidKey is returned (wrapped) for a key or prefix outside the
// allowed alphabet or shape; see ValidateKey.
var ErrInvalidKey = errors.New("blob: invalid key")

// Store is the document store. Keys are opaque strings of [a-z0-9/._-], at
// most 512 bytes; others are rejected with an error wrapping ErrInvalidKey.
type Store interface {
	// Put stores r under key. size is the exact length or -1 if unknown. The
	// object is visible only when Put returns nil: there are no partial
	// objects, also when ctx is cancelled half-way.
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (Info, error)
	// Get opens the object; the caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, Info, error)
	// GetRange opens length bytes from offset (length -1: to the end; a
	// length past the end is cut at the end). Info describes the whole
	// object. An offset outside the object, or a length of 0 or below -1,
	// gives an error wrapping ErrInvalidRange.
	GetRange(ctx context.Context, key string, offset, length int64) (io.ReadCloser, Info, error)
	// Stat describes the object without opening it.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes the object; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// List calls fn for every object whose key starts with prefix, in key
	// order (bytewise), until fn returns an error (returned as is) or the end.
	// Info.ContentType may be empty: S3 listings do not carry it.
	List(ctx context.Context, prefix string, fn func(Info) error) error
	// Ping checks that the store is reachable and usable (for /readyz).
	Ping(ctx context.Context) error
}

// Presigner is implemented by stores that can hand out short-lived URLs for
// direct download.
type Presigner interface {
	// PresignGet returns a URL valid for ttl that downloads key with the
	// response headers Content-Disposition (attachment, see
	// ContentDisposition) and Content-Type set from filename and contentType.
	PresignGet(ctx context.Context, key string, ttl time.Duration, filename string, contentType string) (*url.URL, error)
}
