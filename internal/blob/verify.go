package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
)

// ErrChecksum is returned when an object read back does not match the
// checksum recorded when it was stored.
var ErrChecksum = errors.New("blob: object does not match its checksum")

// Checked reads an object back while hashing it, so that what was read
// can be compared with the SHA-256 recorded when it was stored.
type Checked struct {
	r    io.Reader
	h    hash.Hash
	want string
}

// NewChecked wraps r, whose content should have the hex SHA-256 want.
func NewChecked(r io.Reader, want string) *Checked {
	return &Checked{r: r, h: sha256.New(), want: want}
}

func (c *Checked) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	return n, err
}

// Verify reads what is left and returns ErrChecksum if the whole content
// does not match.
func (c *Checked) Verify() error {
	if _, err := io.Copy(io.Discard, c); err != nil {
		return err
	}
	if hex.EncodeToString(c.h.Sum(nil)) != c.want {
		return ErrChecksum
	}
	return nil
}
