package blob_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/internal/blob"
)

func TestChecked(t *testing.T) {
	const sum = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" // sha256("hello")
	c := blob.NewChecked(strings.NewReader("hello"), sum)
	if b, _ := io.ReadAll(io.LimitReader(c, 2)); string(b) != "he" {
		t.Fatalf("read %q", b)
	}
	if err := c.Verify(); err != nil {
		t.Errorf("a partly read, matching object: %v", err)
	}
	if err := blob.NewChecked(strings.NewReader("hellO"), sum).Verify(); !errors.Is(err, blob.ErrChecksum) {
		t.Errorf("a changed object: %v", err)
	}
}
