// Package documents stores uploaded files in the document store and
// records them in the journal, in an order that loses nothing: the object
// is stored first, the row that names it is committed after, and objects
// without a row (a crash or a failed transaction in between) are removed
// later by the sweeper.
package documents

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"

	"github.com/rs/zerolog"

	"github.com/innsyn/innsyn/internal/blob"
	"github.com/innsyn/innsyn/internal/journal"
	"github.com/innsyn/innsyn/internal/offl"
)

// KeyPrefix is where documents are kept in the store; the sweeper lists it.
const KeyPrefix = "documents/"

// Service stores uploads.
type Service struct {
	blobs    blob.Store
	files    journal.FileStore
	maxBytes int64
}

// NewService returns the upload service; maxBytes bounds one file.
func NewService(blobs blob.Store, files journal.FileStore, maxBytes int64) *Service {
	return &Service{blobs: blobs, files: files, maxBytes: maxBytes}
}

// Upload is one file as it arrives.
type Upload struct {
	Body io.Reader
	// Size is the body's length when the client said it (Content-Length),
	// -1 otherwise.
	Size         int64
	DeclaredType string
	Filnavn      string
	Variant      offl.Variantformat
}

// Upload streams the file to the store while computing its SHA-256 and
// size, refusing it as soon as it exceeds the limit, then records it as the
// next version of the document's variant.
func (s *Service) Upload(ctx context.Context, dokumentID string, up Upload, c journal.Change) (journal.AddedFile, error) {
	if up.Variant != offl.Arkivformat && up.Variant != offl.OffentligVariant {
		return journal.AddedFile{}, journal.FieldError("query.variant", "arkivformat (the original) or offentlig_variant (redacted)")
	}
	if up.Size > s.maxBytes {
		return journal.AddedFile{}, tooLarge(s.maxBytes)
	}
	filnavn, err := cleanFilename(up.Filnavn)
	if err != nil {
		return journal.AddedFile{}, err
	}
	br := bufio.NewReaderSize(up.Body, 4096)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) {
		return journal.AddedFile{}, fmt.Errorf("read upload: %w", err)
	}
	if len(head) == 0 {
		return journal.AddedFile{}, journal.FieldError("body", "the file is empty")
	}
	media, format, ok := mediaType(up.DeclaredType, head)
	if !ok {
		return journal.AddedFile{}, journal.Errorf(journal.ErrInvalid,
			"the file's content does not match %q, or that type is not accepted (PDF, text, images, office documents)", up.DeclaredType)
	}

	key := KeyPrefix + randomHex(16)
	counted := &LimitReader{R: br, Max: s.maxBytes}
	sum := sha256.New()
	if _, err := s.blobs.Put(ctx, key, io.TeeReader(counted, sum), up.Size, media); err != nil {
		s.forget(ctx, key)
		switch {
		case counted.Exceeded:
			return journal.AddedFile{}, tooLarge(s.maxBytes)
		case errors.Is(err, blob.ErrUnavailable):
			return journal.AddedFile{}, journal.Errorf(journal.ErrUnavailable, "the document store cannot be reached; try again shortly")
		}
		return journal.AddedFile{}, fmt.Errorf("store upload: %w", err)
	}
	added, err := s.files.AddFile(ctx, dokumentID, journal.StoredFile{
		Variantformat: string(up.Variant), Filnavn: filnavn, MediaType: media, Format: format,
		Sjekksum: hex.EncodeToString(sum.Sum(nil)), Storrelse: counted.N, StorageKey: key,
	}, c)
	if err != nil || added.Deduplicated {
		s.forget(ctx, key)
	}
	return added, err
}

// forget deletes an object that no row will name. It is best effort: what
// it misses, the sweeper removes.
func (s *Service) forget(ctx context.Context, key string) { forget(ctx, s.blobs, key) }

func forget(ctx context.Context, blobs blob.Store, key string) {
	if err := blobs.Delete(context.WithoutCancel(ctx), key); err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Str("key", key).Msg("could not delete an unused upload; the sweeper will")
	}
}

func tooLarge(max int64) error {
	return journal.Errorf(journal.ErrTooLarge, "a file holds at most %d bytes", max)
}

// LimitReader counts what passes through it and fails once more than Max
// bytes have: a stream is refused while it arrives, not after it is stored.
type LimitReader struct {
	R        io.Reader
	Max, N   int64
	Exceeded bool
}

func (l *LimitReader) Read(p []byte) (int, error) {
	n, err := l.R.Read(p)
	l.N += int64(n)
	if l.N > l.Max {
		l.Exceeded = true
		return n, fmt.Errorf("larger than %d bytes", l.Max)
	}
	return n, err
}

// cleanFilename keeps a file name safe to store and to send back in a
// Content-Disposition: no directories, no control characters, bounded.
func cleanFilename(name string) (string, error) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	switch {
	case name == "" || name == "." || name == "/":
		return "dokument", nil
	case len([]rune(name)) > journal.MaxFilenameLength:
		return "", journal.FieldError("query.filnavn", "a file name holds at most %d characters", journal.MaxFilenameLength)
	}
	return name, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails
	return hex.EncodeToString(b)
}
