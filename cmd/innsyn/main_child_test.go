package main

import (
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext/pdftexttest"
)

// The demo and serve tests run extraction jobs, which re-execute this
// test binary.
func TestMain(m *testing.M) { pdftexttest.Main(m) }
