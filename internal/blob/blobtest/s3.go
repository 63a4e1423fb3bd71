package blobtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/testenv"
)

// NewS3 returns a store on a fresh bucket of the test S3 server (the
// harness removes the server's data when the run ends).
func NewS3(t testing.TB) *blob.S3 {
	t.Helper()
	s3 := testenv.S3Server(t)
	b := make([]byte, 6)
	rand.Read(b)
	store, err := blob.NewS3(context.Background(), blob.S3Config{Endpoint: s3.Endpoint, AccessKey: s3.AccessKey,
		SecretKey: s3.SecretKey, Region: s3.Region, Bucket: "t-" + hex.EncodeToString(b), PathStyle: true, CreateBucket: true})
	if err != nil {
		t.Fatalf("test S3 bucket: %v", err)
	}
	return store
}
