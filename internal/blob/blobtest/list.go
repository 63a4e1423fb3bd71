package blobtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/innsyn/innsyn/internal/blob"
)

// listed is in key order. It has keys that sort between a directory and its
// contents ("a-b", "a.c" before "a/1") and one that is a prefix of another
// ("ab" of "abc") to catch a walk in file-system order.
var listed = []string{"a-b", "a.c", "a/1", "a/2", "a/sub/x", "a0", "ab", "abc", "b/1", "z"}

func testList(t *testing.T, s blob.Store) {
	for _, i := range rand.Perm(len(listed)) {
		MustPut(t, s, listed[i], []byte(listed[i]), "text/plain")
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"", listed},
		{"a", listed[:8]},
		{"a/", []string{"a/1", "a/2", "a/sub/x"}},
		{"a/s", []string{"a/sub/x"}},
		{"a/sub/x", []string{"a/sub/x"}},
		{"ab", []string{"ab", "abc"}},
		{"b", []string{"b/1"}},
		{"zz", []string{}},
		{"q/", []string{}},
	}
	for _, tt := range tests {
		if got := listKeys(t, s, tt.prefix); !slices.Equal(got, tt.want) {
			t.Errorf("List(%q) = %q, want %q", tt.prefix, got, tt.want)
		}
	}
	err := s.List(context.Background(), "a/", func(info blob.Info) error {
		// ContentType may be missing: S3 listings do not carry it.
		ct := info.ContentType
		if info.Size != int64(len(info.Key)) || ct != "text/plain" && ct != "" {
			t.Errorf("List info = %+v", info)
		}
		if st, err := s.Stat(context.Background(), info.Key); err != nil || st.ETag != info.ETag {
			t.Errorf("List ETag %q, Stat ETag %q (%v)", info.ETag, st.ETag, err)
		}
		wantRecent(t, "List", info.ModTime)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testListStop(t *testing.T, s blob.Store) {
	for _, k := range listed {
		MustPut(t, s, k, []byte(k), "")
	}
	errStop := errors.New("stop here")
	var seen []string
	err := s.List(context.Background(), "", func(info blob.Info) error {
		seen = append(seen, info.Key)
		if len(seen) == 3 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) {
		t.Errorf("List returned %v, want fn's error", err)
	}
	if !slices.Equal(seen, listed[:3]) {
		t.Errorf("List visited %q, want %q", seen, listed[:3])
	}
}
