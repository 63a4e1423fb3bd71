// Package blobtest is the contract every blob.Store backend must pass: one
// suite, run by each backend's tests against a fresh store.
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/innsyn/innsyn/internal/blob"
)

// Run runs the contract suite. newStore must return an empty store that
// lives until t ends; it is called once per subtest, and subtests run in
// parallel.
func Run(t *testing.T, newStore func(t *testing.T) blob.Store) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s blob.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"UnknownSize", testUnknownSize},
		{"EmptyObject", testEmptyObject},
		{"DefaultContentType", testDefaultContentType},
		{"Stat", testStat},
		{"GetRange", testGetRange},
		{"ErrInvalidRange", testInvalidRange},
		{"ErrNotFound", testNotFound},
		{"Delete", testDelete},
		{"Overwrite", testOverwrite},
		{"List", testList},
		{"ListStopsOnError", testListStop},
		{"ErrInvalidKey", testInvalidKeys},
		{"LongestKey", testLongestKey},
		{"CancelledPutLeavesNothing", testCancelledPut},
		{"FailedReaderLeavesNothing", testFailedReader},
		{"WrongSizeLeavesNothing", testWrongSize},
		{"FiveMiB", testLarge},
		{"Ping", testPing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.fn(t, newStore(t))
		})
	}
}

// MustPut stores data under key and returns what Put reported.
func MustPut(t testing.TB, s blob.Store, key string, data []byte, contentType string) blob.Info {
	t.Helper()
	info, err := s.Put(context.Background(), key, bytes.NewReader(data), int64(len(data)), contentType)
	if err != nil {
		t.Fatalf("Put(%q): %v", key, err)
	}
	return info
}

// MustGet reads key whole.
func MustGet(t testing.TB, s blob.Store, key string) ([]byte, blob.Info) {
	t.Helper()
	rc, info, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	return mustReadAll(t, rc), info
}

func mustReadAll(t testing.TB, rc io.ReadCloser) []byte {
	t.Helper()
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return b
}

func wantErrIs(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

// wantGone checks that key is neither readable nor listed.
func wantGone(t testing.TB, s blob.Store, key string) {
	t.Helper()
	_, err := s.Stat(context.Background(), key)
	wantErrIs(t, "Stat("+key+")", err, blob.ErrNotFound)
	if keys := listKeys(t, s, ""); len(keys) != 0 {
		t.Errorf("List after failed Put: %q, want nothing", keys)
	}
}

func listKeys(t testing.TB, s blob.Store, prefix string) []string {
	t.Helper()
	keys := []string{}
	err := s.List(context.Background(), prefix, func(info blob.Info) error {
		keys = append(keys, info.Key)
		return nil
	})
	if err != nil {
		t.Fatalf("List(%q): %v", prefix, err)
	}
	return keys
}

// wantRecent checks a ModTime against the test's clock, loosely: S3
// servers report whole seconds, and their clock is not ours.
func wantRecent(t testing.TB, what string, mt time.Time) {
	t.Helper()
	if d := time.Since(mt); d < -time.Minute || d > time.Minute {
		t.Errorf("%s ModTime %v is not recent", what, mt)
	}
}
