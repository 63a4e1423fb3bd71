package pdftext_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/wordrecall"
)

// sharedData is the optional folder of real sample files next to the
// project (see ../shared/data/README.md); tests using it skip without it.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// sharedDirs are the folders of sample PDFs, relative to sharedData.
var sharedDirs = []string{"pdfs", filepath.Join("noark5", "arkade-n5-archive-small", "dokumenter")}

// wantStatus is the expected status of every sample PDF, with why.
var wantStatus = map[string]pdftext.Status{
	"pdfs/no/Brev_RA_til_Acos_2010-09-13_Noark_4_som_5.pdf": pdftext.StatusOK,
	"pdfs/no/Noark-4.1_Kravtabellene.pdf":                   pdftext.StatusOK,
	"pdfs/no/WS-2016-01_NO_MySQL_Uniserver.pdf":             pdftext.StatusOK,
	"pdfs/pdfjs/GHOSTSCRIPT-698804-1-fuzzed.pdf":            pdftext.StatusFailed, // fuzzed xref (the library would die allocating it); repaired, its page is empty
	"pdfs/pdfjs/bug1020226.pdf":                             pdftext.StatusFailed, // 184 bytes, no %%EOF
	"pdfs/pdfjs/copy_paste_ligatures.pdf":                   pdftext.StatusOK,
	"pdfs/pdfjs/issue7580.pdf":                              pdftext.StatusOK,
	"pdfs/pdfjs/poppler-85140-0.pdf":                        pdftext.StatusFailed, // claims 213,804,087 pages, no startxref
	"pdfs/pdfjs/secHandler.pdf":                             pdftext.StatusOK,     // AES-256, empty user password
	"pdfs/pdfjs/standard_fonts.pdf":                         pdftext.StatusOK,
	"pdfs/pypdf/002-trivial-libre-office-writer.pdf":        pdftext.StatusOK,
	"pdfs/pypdf/crazyones-pdfa.pdf":                         pdftext.StatusOK,
	"pdfs/pypdf/imagemagick-CCITTFaxDecode.pdf":             pdftext.StatusNoText, // a scan
	"pdfs/pypdf/libreoffice-writer-password.pdf":            pdftext.StatusEncrypted,
	"pdfs/pypdf/multicolumn.pdf":                            pdftext.StatusOK,
	"noark5/arkade-n5-archive-small/dokumenter/5000000.pdf": pdftext.StatusOK,
	"noark5/arkade-n5-archive-small/dokumenter/5000001.pdf": pdftext.StatusOK,
}

// sharedPDFs lists the sample PDFs by their path under sharedData, or
// skips the test when the folder is absent.
func sharedPDFs(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("no sample data at %s: %v", sharedData, err)
	}
	var files []string
	for _, dir := range sharedDirs {
		err := filepath.WalkDir(filepath.Join(sharedData, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				rel, _ := filepath.Rel(sharedData, path)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("list %s: %v", dir, err)
		}
	}
	return files
}

func extractShared(t *testing.T, rel string) pdftext.Result {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := pdftext.Extract(context.Background(), f, pdftext.Options{})
	if err != nil {
		t.Fatalf("Extract %s: %v", rel, err)
	}
	return res
}

func TestExtractSharedSamples(t *testing.T) {
	for _, rel := range sharedPDFs(t) {
		t.Run(rel, func(t *testing.T) {
			want, ok := wantStatus[rel]
			if !ok {
				t.Fatalf("new sample: add it to wantStatus")
			}
			res := extractShared(t, rel)
			if res.Status != want {
				t.Fatalf("got %s (%s), want %s", res.Status, res.Detail, want)
			}
			if (res.Status == pdftext.StatusOK) != (res.Text != "") {
				t.Errorf("status %s with %d bytes of text", res.Status, len(res.Text))
			}
			if res.Status == pdftext.StatusFailed || res.Status == pdftext.StatusEncrypted {
				if res.Detail == "" || strings.Contains(res.Detail, "/") {
					t.Errorf("detail %q: want a reason without paths", res.Detail)
				}
			}
		})
	}
}

func TestExtractSharedNorwegianLetters(t *testing.T) {
	sharedPDFs(t)
	for rel, want := range map[string][]string{
		"pdfs/pdfjs/issue7580.pdf":                              {"ae,æ - o,ø"},
		"pdfs/pdfjs/standard_fonts.pdf":                         {"æ", "ø", "å", "Æ", "Ø", "Å"},
		"pdfs/pdfjs/secHandler.pdf":                             {"Security Handler"},
		"pdfs/no/WS-2016-01_NO_MySQL_Uniserver.pdf":             {"WS-2016-01 MySQL Uniserver", "Målsetting", "frittstående"},
		"pdfs/no/Brev_RA_til_Acos_2010-09-13_Noark_4_som_5.pdf": {"leverandørenes Noark-4-baserte sakarkivsystem"},
	} {
		text := extractShared(t, rel).Text
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in the text", rel, w)
			}
		}
	}
}

// Word recall against poppler's pdftotext on the samples with a text
// layer. pdftotext is installed by scripts/bench-extract.sh, not by make
// test, so the comparison is skipped without it.
func TestExtractSharedRecallAgainstPdftotext(t *testing.T) {
	files := sharedPDFs(t)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	var found, total int
	for _, rel := range files {
		if wantStatus[rel] != pdftext.StatusOK {
			continue
		}
		ref, err := exec.Command(bin, "-q", "-enc", "UTF-8", filepath.Join(sharedData, rel), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", rel, err)
		}
		f, n := wordrecall.Match(wordrecall.Words(extractShared(t, rel).Text), wordrecall.Words(string(ref)))
		t.Logf("%s: %d of %d", rel, f, n)
		found, total = found+f, total+n
	}
	if recall := float64(found) / float64(total); recall < 0.98 {
		t.Errorf("recall %.4f (%d of %d words), want ≥ 0.98", recall, found, total)
	}
}
