package jobs_test

import (
	"os"
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext"
)

// TestMain lets this test binary serve as a text extraction child.
func TestMain(m *testing.M) {
	if pdftext.IsChild() {
		os.Exit(pdftext.RunChild())
	}
	os.Exit(m.Run())
}
