package main

import (
	"os"
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext"
)

// TestMain lets this test binary serve as a text extraction child: the
// demo and serve tests run extraction jobs, which re-execute the binary.
func TestMain(m *testing.M) {
	if pdftext.IsChild() {
		os.Exit(pdftext.RunChild())
	}
	os.Exit(m.Run())
}
