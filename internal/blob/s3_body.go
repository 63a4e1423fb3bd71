package blob

import (
	"errors"
	"fmt"
	"io"
)

// putBody stands between the caller's reader and minio-go for two reasons.
// minio-go reads exactly size bytes and stores them even when the reader
// had more, so putBody fails the upload instead of truncating a document.
// And a failing reader (a client's upload dying) would surface as a
// network error that looks like S3 being down; putBody keeps the reader's
// own error so Put can report it as the caller's problem.
type putBody struct {
	r    io.Reader
	size int64 // -1: unknown
	n    int64
	err  error // the reader's failure, if any
}

func (b *putBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	switch {
	case err != nil && !errors.Is(err, io.EOF):
		b.err = err
	case b.size < 0:
	case b.n > b.size:
		b.err = lengthError(b.n, b.size)
	case errors.Is(err, io.EOF) && b.n < b.size:
		b.err = lengthError(b.n, b.size)
	case b.n == b.size && err == nil && b.hasMore():
		b.err = lengthError(b.n+1, b.size)
	}
	if b.err != nil {
		// Withhold the bytes too: a body shorter than its Content-Length,
		// or an aborted part, is what keeps the object from being stored.
		return 0, b.err
	}
	return n, err
}

// hasMore reads one byte past the declared size, where minio-go would stop.
func (b *putBody) hasMore() bool {
	var one [1]byte
	for range 100 { // Read may return 0, nil; do not spin for ever
		n, err := b.r.Read(one[:])
		if n > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
	return false
}

// seekBody is a putBody over a seekable reader, which lets minio-go rewind
// and retry a PUT that failed on a transient error.
type seekBody struct {
	*putBody
	s io.Seeker
}

func (b seekBody) Seek(offset int64, whence int) (int64, error) {
	pos, err := b.s.Seek(offset, whence)
	if err == nil {
		b.n, b.err = pos, nil
	}
	return pos, err
}

// newPutBody wraps r, keeping it seekable if it was.
func newPutBody(r io.Reader, size int64) (io.Reader, *putBody) {
	b := &putBody{r: r, size: size}
	if s, ok := r.(io.Seeker); ok {
		return seekBody{b, s}, b
	}
	return b, b
}

func lengthError(n, size int64) error {
	if n > size {
		return fmt.Errorf("reader has more than the %d bytes size said", size)
	}
	return fmt.Errorf("got %d bytes, size said %d", n, size)
}
