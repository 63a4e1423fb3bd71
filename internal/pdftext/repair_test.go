package pdftext_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/innsyn/innsyn/internal/pdftext"
	"github.com/innsyn/innsyn/internal/pdftext/samplepdf"
)

// garbledXref points the cross-reference entry of the page tree at the
// file's header: the library panics resolving it; the repair finds it.
func garbledXref() []byte {
	data := samplepdf.Document(samplepdf.Text(72, 700, 12, "Likevel lest"))
	entry := xrefStart(data) + len("xref\n0 6\n") + 20*2 // object 2: the page tree
	copy(data[entry:], "0000000009")
	return data
}

// packedBrokenXref keeps the page tree, the page and the font in an object
// stream and points startxref at nothing: only a repair that looks into
// object streams finds the page.
func packedBrokenXref() []byte {
	packed := []string{
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var head, body strings.Builder
	for i, obj := range packed {
		fmt.Fprintf(&head, "%d %d ", []int{2, 3, 6}[i], body.Len())
		body.WriteString(obj + "\n")
	}
	stm := head.String() + body.String()
	data := samplepdf.File([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"null", "null",
		samplepdf.Stream(samplepdf.Text(72, 700, 12, "Funnet i objektstrømmen")),
		fmt.Sprintf("<< /Type /ObjStm /N 3 /First %d /Length %d >>\nstream\n%s\nendstream", head.Len(), len(stm), stm),
	})
	// Drop the "null" objects 2 and 3, so that only the packed ones exist,
	// and break startxref.
	data = bytes.Replace(data, []byte("2 0 obj\nnull\nendobj\n"), []byte("% removed 2     \n"), 1)
	data = bytes.Replace(data, []byte("3 0 obj\nnull\nendobj\n"), []byte("% removed 3     \n"), 1)
	i := bytes.LastIndex(data, []byte("startxref\n"))
	return append(data[:i], "startxref\n999999\n%%EOF\n"...)
}

func TestExtractRepairsBrokenXref(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		data       []byte
	}{
		{"xref entry points at garbage", "Likevel lest", garbledXref()},
		{"xref /Prev cycle", "Likevel lest", prevCycle()},
		{"xref subsection at object 10 million", "Likevel lest", bytes.Replace(
			samplepdf.Document(samplepdf.Text(72, 700, 12, "Likevel lest")),
			[]byte("trailer\n"), []byte("10000000 1\n0000000000 65535 f \ntrailer\n"), 1)},
		{"objects in an object stream, startxref wrong", "Funnet i objektstrømmen", packedBrokenXref()},
		{"bytes before the header", "Likevel lest", append([]byte("\xef\xbb\xbfContent-Type: application/pdf\r\n\r\n"),
			samplepdf.Document(samplepdf.Text(72, 700, 12, "Likevel lest"))...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := extract(t, tc.data, pdftext.Options{})
			if res.Status != pdftext.StatusOK || res.Text != tc.want || res.Detail == "" {
				t.Fatalf("got %+v, want ok with %q and a detail saying it was repaired", res, tc.want)
			}
		})
	}
}
