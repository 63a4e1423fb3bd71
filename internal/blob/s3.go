package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config locates a bucket on an S3-compatible service.
type S3Config struct {
	// Endpoint is host:port, without scheme.
	Endpoint string
	// Bucket holds the documents. It stays private: documents are reached
	// only through the service or a presigned URL.
	Bucket string
	// AccessKey and SecretKey sign every request (AWS signature V4).
	AccessKey, SecretKey string
	// Region is the bucket's region. Empty asks the server, which costs a
	// request per bucket and makes PresignGet depend on the network.
	Region string
	// UseTLS selects https.
	UseTLS bool
	// PathStyle addresses the bucket as host/bucket rather than
	// bucket.host; most self-hosted services need it.
	PathStyle bool
	// CreateBucket creates the bucket at start if it does not exist.
	CreateBucket bool
}

// S3 is a Store on an S3-compatible service through minio-go.
type S3 struct {
	client *minio.Client
	bucket string
}

const (
	// partSize bounds memory per upload of unknown size (minio-go buffers a
	// part) and caps such an upload at 10,000 parts, 160 GiB.
	partSize = 16 << 20
	// maxRetries keeps an unreachable server from stalling a request for
	// long: minio-go's default of 10 backs off for several seconds.
	maxRetries = 3
)

// NewS3 returns a Store on cfg.Bucket. With CreateBucket false it sends no
// request, so it succeeds while the server is down: the service starts,
// Ping (and so /readyz) fails, and it recovers by itself once S3 returns.
// With CreateBucket true it must reach the server to create the bucket (it
// is never made public) and fails, wrapping ErrUnavailable, if it cannot.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("blob: s3: endpoint and bucket are required")
	}
	tr, err := minio.DefaultTransport(cfg.UseTLS)
	if err != nil {
		return nil, fmt.Errorf("blob: s3: %w", err)
	}
	// A hung S3 must not hang a request for ever: bound the dial and the
	// wait for response headers. Bodies are bounded by the caller's ctx.
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = 30 * time.Second
	opts := &minio.Options{
		Creds:      credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:     cfg.UseTLS,
		Transport:  tr,
		Region:     cfg.Region,
		MaxRetries: maxRetries,
	}
	if cfg.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	client, err := minio.New(cfg.Endpoint, opts)
	if err != nil {
		return nil, fmt.Errorf("blob: s3: %w", err)
	}
	s := &S3{client: client, bucket: cfg.Bucket}
	if cfg.CreateBucket {
		if err := s.createBucket(ctx, cfg.Region); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// createBucket creates the bucket unless it exists. Replicas starting
// together race; the loser's "already owned by you" is success.
func (s *S3) createBucket(ctx context.Context, region string) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return s3Error(ctx, "create bucket", s.bucket, err)
	}
	if ok {
		return nil
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: region})
	if minio.ToErrorResponse(err).Code == minio.BucketAlreadyOwnedByYou {
		return nil
	}
	if err != nil {
		return s3Error(ctx, "create bucket", s.bucket, err)
	}
	return nil
}

// Put implements Store. minio-go sends one PUT up to partSize and a
// multipart upload beyond it (or when size is -1); the object appears only
// when the PUT or the multipart completion succeeds, and a failed multipart
// upload is aborted.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (Info, error) {
	if err := ValidateKey(key); err != nil {
		return Info{}, fmt.Errorf("blob: put: %w", err)
	}
	if contentType == "" {
		contentType = DefaultContentType
	}
	body, check := newPutBody(r, size)
	up, err := s.client.PutObject(ctx, s.bucket, key, body, size, minio.PutObjectOptions{
		ContentType: contentType,
		PartSize:    partSize,
	})
	if err != nil && check.err != nil {
		return Info{}, fmt.Errorf("blob: put %s: %w", key, check.err)
	}
	if err != nil {
		return Info{}, s3Error(ctx, "put", key, err)
	}
	// A PUT response carries no Last-Modified; the local clock is close.
	mt := up.LastModified
	if mt.IsZero() {
		mt = time.Now()
	}
	return Info{Key: key, Size: up.Size, ContentType: contentType, ETag: up.ETag, ModTime: mt.UTC()}, nil
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := ValidateKey(key); err != nil {
		return fmt.Errorf("blob: delete: %w", err)
	}
	err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
	if err := s3Error(ctx, "delete", key, err); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// Ping implements Store: the bucket must exist and the keys must be good.
func (s *S3) Ping(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return s3Error(ctx, "ping", s.bucket, err)
	}
	if !ok {
		return fmt.Errorf("blob: ping: bucket %s does not exist: %w", s.bucket, ErrUnavailable)
	}
	return nil
}
