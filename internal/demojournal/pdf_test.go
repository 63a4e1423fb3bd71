package demojournal

import (
	"bytes"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
)

func samplePDF() []byte {
	pages := [][]pdfText{
		{
			{x: 56, y: 790, size: 16, bold: true, text: "NORDRANA KOMMUNE"},
			{x: 56, y: 760, size: 12, bold: true, text: "Søknad om rammetillatelse – gnr. 12 bnr. 345 (Ytteren)"},
			{x: 56, y: 740, size: 10, text: `Æ Ø Å æ ø å é § back\slash`},
		},
		{{x: 56, y: 790, size: 10, text: "Rådmannens innstilling"}},
	}
	return writePDF(pages, "Søknad om rammetillatelse – gnr. 12", time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC))
}

func TestPDFStructure(t *testing.T) {
	checkPDFStructure(t, samplePDF())
}

// checkPDFStructure checks the header, that every xref entry points at its
// object, that startxref points at the xref table, and stream lengths.
func checkPDFStructure(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Fatal("missing header or trailer")
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	lines := strings.Split(string(b[xref:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	if lines[2] != "0000000000 65535 f " {
		t.Errorf("bad free entry %q", lines[2])
	}
	for i := 1; i < n; i++ {
		entry := lines[2+i]
		if len(entry)+1 != 20 || !strings.HasSuffix(entry, " 00000 n ") {
			t.Errorf("xref entry %d %q is not 20 bytes", i, entry)
		}
		off, _ := strconv.Atoi(entry[:10])
		if want := strconv.Itoa(i) + " 0 obj\n"; !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q", i, b[off:off+10])
		}
	}
	if !strings.Contains(string(b[xref:]), "/Size "+strconv.Itoa(n)+" ") {
		t.Errorf("trailer /Size is not %d", n)
	}
	for _, sm := range regexp.MustCompile(`/Length (\d+) >>\nstream\n`).FindAllSubmatchIndex(b, -1) {
		length, _ := strconv.Atoi(string(b[sm[2]:sm[3]]))
		if !bytes.HasPrefix(b[sm[1]+length:], []byte("\nendstream")) {
			t.Errorf("stream at %d: /Length %d does not end at endstream", sm[1], length)
		}
	}
}

func TestPDFText(t *testing.T) {
	b := samplePDF()
	// æøå and the en dash in WinAnsi, parentheses and backslash escaped.
	for _, want := range []string{
		"(S\xf8knad om rammetillatelse \x96 gnr. 12 bnr. 345 \\(Ytteren\\)) Tj",
		"(\xc6 \xd8 \xc5 \xe6 \xf8 \xe5 \xe9 \xa7 back\\\\slash) Tj",
		"/Encoding /WinAnsiEncoding",
		"/Title (S\xf8knad om rammetillatelse - gnr. 12)",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("missing %q", want)
		}
	}
	if got := pdfLines(b); got[1] != "Søknad om rammetillatelse – gnr. 12 bnr. 345 (Ytteren)" {
		t.Errorf("decoded line %q", got[1])
	}
}

// The project's own PDF text extractor must read the files.
func TestPDFReadableByExtractor(t *testing.T) {
	b := samplePDF()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if r.NumPage() != 2 {
		t.Fatalf("%d pages, want 2", r.NumPage())
	}
	var text strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(s)
	}
	for _, want := range []string{"Søknad om rammetillatelse", "Æ Ø Å æ ø å é", "Rådmannens innstilling"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("extracted text lacks %q:\n%s", want, text.String())
		}
	}
}

// pdftotext (poppler-utils) is an optional reference tool.
func TestPDFPdftotext(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(samplePDF())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Søknad om rammetillatelse – gnr. 12") {
		t.Errorf("pdftotext gave %q", out)
	}
}

// Every generated file is a well-formed PDF of a sensible size that shows
// its document's title.
func TestGeneratedPDFs(t *testing.T) {
	g := demo(t)
	files := map[string][]byte{}
	for _, fs := range g.files {
		for _, f := range fs {
			files[f.Key] = f.Content
		}
	}
	for i, e := range g.entries() {
		for _, d := range e.Journalpost.Dokumentbeskrivelse {
			b := files[d.Dokumentobjekt[0].StorageKey]
			if len(b) < 800 || len(b) > 4096 {
				t.Errorf("%s: file of %d bytes", d.SystemID, len(b))
			}
			if !strings.Contains(strings.Join(pdfLines(b), " "), d.Tittel) {
				t.Errorf("%s: file does not show the title %q", d.SystemID, d.Tittel)
			}
			if i%50 == 0 {
				checkPDFStructure(t, b)
			}
		}
	}
}
