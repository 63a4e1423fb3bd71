// Package pdftexttest lets a test binary serve as a text extraction child.
package pdftexttest

import (
	"os"
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext"
)

// Main is TestMain for packages whose tests run text extraction: the
// extraction child is the test binary re-executed, which must do its one
// job instead of running the tests again.
func Main(m *testing.M) {
	if pdftext.IsChild() {
		os.Exit(pdftext.RunChild())
	}
	os.Exit(m.Run())
}
