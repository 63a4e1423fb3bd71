package blobtest

import (
	"bytes"
	"context"
	"testing"

	"github.com/innsyn/innsyn/internal/blob"
)

func testGetRange(t *testing.T, s blob.Store) {
	data := Bytes(1000, 6)
	put := MustPut(t, s, "r/doc.pdf", data, "application/pdf")
	tests := []struct {
		name           string
		offset, length int64
		want           []byte
	}{
		{"Start", 0, 10, data[:10]},
		{"FirstByte", 0, 1, data[:1]},
		{"Middle", 400, 200, data[400:600]},
		{"ToEnd", 900, -1, data[900:]},
		{"Whole", 0, -1, data},
		{"LastByte", 999, 1, data[999:]},
		{"LengthPastEndIsCut", 990, 100, data[990:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, info, err := s.GetRange(context.Background(), "r/doc.pdf", tt.offset, tt.length)
			if err != nil {
				t.Fatalf("GetRange(%d, %d): %v", tt.offset, tt.length, err)
			}
			if got := mustReadAll(t, rc); !bytes.Equal(got, tt.want) {
				t.Errorf("GetRange(%d, %d): %d bytes, want %d", tt.offset, tt.length, len(got), len(tt.want))
			}
			// Info describes the whole object, as a Content-Range needs.
			if info.Size != 1000 || info.ETag != put.ETag || info.ContentType != "application/pdf" {
				t.Errorf("GetRange info = %+v", info)
			}
		})
	}
}

func testInvalidRange(t *testing.T, s blob.Store) {
	MustPut(t, s, "r/doc.pdf", Bytes(1000, 7), "application/pdf")
	MustPut(t, s, "r/empty", nil, "")
	tests := []struct {
		name           string
		key            string
		offset, length int64
	}{
		{"AtEnd", "r/doc.pdf", 1000, 1},
		{"AtEndToEnd", "r/doc.pdf", 1000, -1},
		{"PastEnd", "r/doc.pdf", 5000, 10},
		{"NegativeOffset", "r/doc.pdf", -1, 10},
		{"ZeroLength", "r/doc.pdf", 0, 0},
		{"NegativeLength", "r/doc.pdf", 0, -2},
		{"EmptyObject", "r/empty", 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, _, err := s.GetRange(context.Background(), tt.key, tt.offset, tt.length)
			if err == nil {
				rc.Close()
			}
			wantErrIs(t, "GetRange", err, blob.ErrInvalidRange)
		})
	}
	_, _, err := s.GetRange(context.Background(), "r/missing", 0, 1)
	wantErrIs(t, "GetRange of a missing key", err, blob.ErrNotFound)
}
