package blob

import (
	"context"
	"fmt"
	"net/url"
	"time"
)

// PresignGet implements Presigner. The response headers travel as signed
// query parameters, so the holder of the URL cannot change them. With
// S3Config.Region set this is computed locally, without a request.
func (s *S3) PresignGet(ctx context.Context, key string, ttl time.Duration, filename string, contentType string) (*url.URL, error) {
	if err := ValidateKey(key); err != nil {
		return nil, fmt.Errorf("blob: presign: %w", err)
	}
	params := url.Values{}
	params.Set("response-content-disposition", ContentDisposition("attachment", filename))
	if contentType != "" {
		params.Set("response-content-type", contentType)
	}
	u, err := s.client.PresignedGetObject(ctx, s.bucket, key, ttl, params)
	if err != nil {
		return nil, s3Error(ctx, "presign", key, err)
	}
	return u, nil
}
