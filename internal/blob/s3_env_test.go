package blob_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/innsyn/innsyn/internal/blob"
)

// testS3Config reads the test S3 server (versitygw, started by the test
// harness) from the environment and names a fresh bucket.
func testS3Config(t *testing.T) blob.S3Config {
	t.Helper()
	cfg := blob.S3Config{
		Endpoint:  os.Getenv("INNSYN_TEST_S3_ENDPOINT"),
		AccessKey: os.Getenv("INNSYN_TEST_S3_ACCESS_KEY"),
		SecretKey: os.Getenv("INNSYN_TEST_S3_SECRET_KEY"),
		Region:    "us-east-1",
		PathStyle: true,
	}
	if cfg.Endpoint == "" || cfg.AccessKey == "" || cfg.SecretKey == "" {
		t.Fatal("integration test needs the test S3 server: run make test")
	}
	b := make([]byte, 8)
	rand.Read(b)
	cfg.Bucket = "t-" + hex.EncodeToString(b)
	return cfg
}

// newTestS3 returns a store on a fresh bucket that is emptied and removed
// when t ends, and its config.
func newTestS3(t *testing.T) (*blob.S3, blob.S3Config) {
	t.Helper()
	cfg := testS3Config(t)
	cfg.CreateBucket = true
	s, err := blob.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatalf("NewS3: %v", err)
	}
	t.Cleanup(func() { removeBucket(t, cfg) })
	return s, cfg
}

// adminClient talks to the test server directly, past the Store, to check
// and clean up what the Store cannot see.
func adminClient(t *testing.T, cfg blob.S3Config) *minio.Client {
	t.Helper()
	c, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Region:       cfg.Region,
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// removeBucket deletes the bucket's objects and the bucket. It fails the
// test if an aborted upload was left behind, which would leak disk.
func removeBucket(t *testing.T, cfg blob.S3Config) {
	ctx := context.Background()
	c := adminClient(t, cfg)
	for oi := range c.ListObjectsIter(ctx, cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if oi.Err != nil {
			t.Errorf("cleanup: list: %v", oi.Err)
			return
		}
		if err := c.RemoveObject(ctx, cfg.Bucket, oi.Key, minio.RemoveObjectOptions{}); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	}
	for u := range c.ListIncompleteUploads(ctx, cfg.Bucket, "", true) {
		t.Errorf("cleanup: multipart upload of %q left behind", u.Key)
		if err := c.RemoveIncompleteUpload(ctx, cfg.Bucket, u.Key); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	}
	if err := c.RemoveBucket(ctx, cfg.Bucket); err != nil {
		t.Errorf("cleanup: remove bucket: %v", err)
	}
}
