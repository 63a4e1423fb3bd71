package documents

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/innsyn/innsyn/internal/blob"
)

// ErrChecksum is a file whose content differs from its declared checksum.
var ErrChecksum = errors.New("the file does not match its declared checksum")

// Stored is a file put into the document store.
type Stored struct {
	Key       string
	MediaType string
	Format    string // Noark 5 format name, "" when the type is not one innsyn recognises
	Size      int64
	Sjekksum  string // hex SHA-256
}

// StoreChecked streams a file from an export into the document store,
// computing its SHA-256 on the way; when want (hex) is given and differs,
// the object is deleted and ErrChecksum returned. Unlike an upload, an
// archive's file of an unrecognised type is kept (as
// application/octet-stream): the archive is the record, not a client's
// claim. The caller commits a row naming Key; until then the sweeper may
// remove the object after its grace period.
func StoreChecked(ctx context.Context, blobs blob.Store, r io.Reader, want string, maxBytes int64) (Stored, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) {
		return Stored{}, fmt.Errorf("read file: %w", err)
	}
	media, format, ok := mediaType("", head)
	if !ok {
		media, format = "application/octet-stream", ""
	}
	key := KeyPrefix + randomHex(16)
	counted := &LimitReader{R: br, Max: maxBytes}
	sum := sha256.New()
	_, err = blobs.Put(ctx, key, io.TeeReader(counted, sum), -1, media)
	if err != nil {
		forget(ctx, blobs, key)
		if counted.Exceeded {
			return Stored{}, tooLarge(maxBytes)
		}
		return Stored{}, fmt.Errorf("store file: %w", err)
	}
	got := hex.EncodeToString(sum.Sum(nil))
	if want != "" && got != want {
		forget(ctx, blobs, key)
		return Stored{}, ErrChecksum
	}
	return Stored{Key: key, MediaType: media, Format: format, Size: counted.N, Sjekksum: got}, nil
}
