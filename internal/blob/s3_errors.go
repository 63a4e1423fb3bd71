package blob

import (
	"context"
	"errors"
	"fmt"

	"github.com/minio/minio-go/v7"
)

// s3Error wraps a minio-go error from op on key (or bucket) with the
// sentinel a caller can act on. It returns nil for nil. minio-go's errors
// carry the endpoint and the S3 message, never the credentials.
func s3Error(ctx context.Context, op, key string, err error) error {
	if err == nil {
		return nil
	}
	what := "blob: " + op
	if key != "" {
		what += " " + key
	}
	if sentinel := s3Sentinel(ctx, err); sentinel != nil {
		return fmt.Errorf("%s: %w: %w", what, sentinel, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// s3Sentinel classifies err, or returns nil when no sentinel fits (bad
// credentials, access denied, bad requests: the service's own fault).
func s3Sentinel(ctx context.Context, err error) error {
	var resp minio.ErrorResponse
	if errors.As(err, &resp) {
		switch {
		case resp.Code == minio.NoSuchBucket:
			// Not the object's absence but a store that cannot serve.
			return ErrUnavailable
		case resp.Code == minio.NoSuchKey || resp.StatusCode == 404:
			return ErrNotFound
		case resp.Code == minio.InvalidRange || resp.StatusCode == 416:
			return ErrInvalidRange
		case resp.StatusCode >= 500:
			return ErrUnavailable
		}
		return nil
	}
	// The caller gave up: that says nothing about the store. A deadline
	// that ran out while S3 was silent does.
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return nil
	}
	if minio.IsNetworkOrHostDown(err, false) {
		return ErrUnavailable
	}
	return nil
}
