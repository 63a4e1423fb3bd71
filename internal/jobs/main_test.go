package jobs_test

import (
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext/pdftexttest"
)

func TestMain(m *testing.M) { pdftexttest.Main(m) }
