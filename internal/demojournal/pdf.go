package demojournal

import (
	"bytes"
	"strconv"
	"time"
)

// A minimal PDF 1.4 writer: pages of text lines in the standard Helvetica
// fonts, uncompressed, with a correct cross-reference table. Uncompressed
// content keeps the text findable by tests and by simple extractors, and
// the files stay around 2 KB.

// pdfText is one line of text on a page, at x, y in points from the
// bottom left of an A4 page.
type pdfText struct {
	x, y, size int
	bold       bool
	text       string
}

// Objects 1–5 are fixed; each page adds a page object and its content.
const (
	objCatalog = 1
	objPages   = 2
	objFont    = 3
	objBold    = 4
	objInfo    = 5
	objFirst   = 6
)

// writePDF renders the pages as a PDF file.
func writePDF(pages [][]pdfText, title string, created time.Time) []byte {
	n := objFirst - 1 + 2*len(pages)
	offsets := make([]int, n+1)
	var b bytes.Buffer
	b.Grow(1024 + 1024*len(pages))
	// The comment of high bytes tells transfer tools the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj := func(num int, body ...[]byte) {
		offsets[num] = b.Len()
		b.WriteString(strconv.Itoa(num))
		b.WriteString(" 0 obj\n")
		for _, x := range body {
			b.Write(x)
		}
		b.WriteString("\nendobj\n")
	}
	kids := []byte("<< /Type /Pages /Kids [")
	for i := range pages {
		kids = strconv.AppendInt(kids, int64(objFirst+2*i), 10)
		kids = append(kids, " 0 R "...)
	}
	kids = append(kids, "] /Count "...)
	kids = strconv.AppendInt(kids, int64(len(pages)), 10)
	kids = append(kids, " >>"...)

	obj(objCatalog, []byte("<< /Type /Catalog /Pages 2 0 R >>"))
	obj(objPages, kids)
	obj(objFont, []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
	obj(objBold, []byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"))
	obj(objInfo, []byte("<< /Title "), pdfString(title, false),
		[]byte(" /Producer (Nordrana kommune) /CreationDate (D:"+created.Format("20060102150405")+"Z) >>"))
	for i, page := range pages {
		content := pageContent(page)
		obj(objFirst+2*i, []byte("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "+
			"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents "+strconv.Itoa(objFirst+2*i+1)+" 0 R >>"))
		obj(objFirst+2*i+1, []byte("<< /Length "+strconv.Itoa(len(content))+" >>\nstream\n"), content, []byte("\nendstream"))
	}

	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(n+1) + "\n0000000000 65535 f \n")
	for _, off := range offsets[1:] {
		// Each entry is exactly 20 bytes: 10-digit offset, generation, "n", space-newline.
		b.WriteString(pad10(off) + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(n+1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n")
	b.WriteString(strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func pad10(n int) string {
	s := strconv.Itoa(n)
	return "0000000000"[len(s):] + s
}

// pageContent draws each line with its own text object at an absolute
// position, so extractors need not track the text matrix.
func pageContent(lines []pdfText) []byte {
	var b []byte
	for _, l := range lines {
		font := "/F1 "
		if l.bold {
			font = "/F2 "
		}
		b = append(b, "BT "...)
		b = append(b, font...)
		b = strconv.AppendInt(b, int64(l.size), 10)
		b = append(b, " Tf "...)
		b = strconv.AppendInt(b, int64(l.x), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(l.y), 10)
		b = append(b, " Td "...)
		b = append(b, pdfString(l.text, true)...)
		b = append(b, " Tj ET\n"...)
	}
	return b
}

// pdfString writes s as a PDF literal string. Text shown in Helvetica is
// WinAnsi-encoded; the document title in the Info dictionary is
// PDFDocEncoding, which agrees with WinAnsi on Latin-1 letters (æøå) but
// not on the dashes and quotes in 0x80–0x9F, so those become ASCII there.
func pdfString(s string, winAnsi bool) []byte {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '(')
	for _, r := range s {
		c := winAnsiByte(r)
		if !winAnsi && c >= 0x80 && c < 0xA0 {
			c = asciiFallback(r)
		}
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// winAnsiByte encodes a rune in WinAnsiEncoding (Windows-1252): ASCII and
// Latin-1 map to themselves (æ 0xE6, ø 0xF8, å 0xE5, Æ 0xC6, Ø 0xD8,
// Å 0xC5, é 0xE9, § 0xA7), a few punctuation marks to 0x80–0x9F, and
// anything else to '?'.
func winAnsiByte(r rune) byte {
	switch {
	case r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
		return byte(r)
	}
	switch r {
	case '€':
		return 0x80
	case '…':
		return 0x85
	case '‘':
		return 0x91
	case '’':
		return 0x92
	case '“':
		return 0x93
	case '”':
		return 0x94
	case '•':
		return 0x95
	case '–':
		return 0x96
	case '—':
		return 0x97
	}
	return '?'
}

func asciiFallback(r rune) byte {
	switch r {
	case '‘', '’':
		return '\''
	case '“', '”':
		return '"'
	case '–', '—':
		return '-'
	}
	return '?'
}
