// Package samplepdf writes small, valid PDF 1.4 files by hand, for tests
// and benchmarks of text extraction: text in Helvetica with
// WinAnsiEncoding (so æøå are single bytes), placed at explicit positions,
// and, for crafted broken files, any list of raw objects.
package samplepdf

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// File writes a PDF whose objects are numbered from 1 in the order given,
// with a correct cross-reference table and a trailer naming object 1 as
// the catalog. An object that is a stream is written with its dictionary
// and data, e.g. "<< /Length 5 >>\nstream\nhello\nendstream".
func File(objects []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// Stream returns a stream object holding data.
func Stream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

// Document writes a PDF with one page per content stream, each using the
// font /F1: Helvetica, WinAnsiEncoding, with its widths.
func Document(contents ...string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", fontDict()}
	var kids []string
	for _, c := range contents {
		page := len(objs) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", page+1),
			Stream(c))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return File(objs)
}

func fontDict() string {
	var w strings.Builder
	for c := 32; c < 256; c++ {
		fmt.Fprintf(&w, "%d ", charWidth(byte(c)))
	}
	return "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding " +
		"/FirstChar 32 /LastChar 255 /Widths [" + strings.TrimSpace(w.String()) + "] >>"
}

// Text draws s with its left end at (x, y) in size points: "BT … Tj ET".
func Text(x, y, size float64, s string) string {
	return fmt.Sprintf("BT /F1 %g Tf %g %g Td (%s) Tj ET\n", size, x, y, escape(s))
}

// Words draws words on one baseline, each placed with its own Td and
// separated by gap ems, without space characters: how many producers
// (Ghostscript among them) write text.
func Words(x, y, size, gap float64, words ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT /F1 %g Tf %g %g Td ", size, x, y)
	for i, w := range words {
		if i > 0 {
			fmt.Fprintf(&b, "%g 0 Td ", Width(words[i-1], size)+gap*size)
		}
		fmt.Fprintf(&b, "(%s) Tj ", escape(w))
	}
	b.WriteString("ET\n")
	return b.String()
}

// Kerned draws words glyph by glyph in one TJ array: every glyph its own
// string, letters kerned by letterKern and words separated only by
// wordKern (thousandths of an em, negative moves right), never by a space.
func Kerned(x, y, size, letterKern, wordKern float64, words ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT /F1 %g Tf %g %g Td [", size, x, y)
	for i, w := range words {
		if i > 0 {
			fmt.Fprintf(&b, " %g ", wordKern)
		}
		for j, r := range []rune(w) {
			if j > 0 {
				fmt.Fprintf(&b, "%g", letterKern)
			}
			fmt.Fprintf(&b, "(%s)", escape(string(r)))
		}
	}
	b.WriteString("] TJ ET\n")
	return b.String()
}

// Width returns the width of s in Helvetica at size points.
func Width(s string, size float64) float64 {
	total := 0
	for _, c := range encode(s) {
		total += charWidth(c)
	}
	return float64(total) * size / 1000
}

// encode returns s in WinAnsiEncoding; characters it lacks become "?".
func encode(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			out = append(out, c)
		} else {
			out = append(out, '?')
		}
	}
	return out
}

// escape encodes s for a PDF literal string.
func escape(s string) string {
	var b strings.Builder
	for _, c := range encode(s) {
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// helvetica holds Helvetica's widths for codes 32–126 (Adobe's AFM).
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584}

// charWidth is the Helvetica width of a WinAnsi code; the Norwegian
// letters have their own, other codes above ASCII a typical one.
func charWidth(c byte) int {
	switch c {
	case 0xE6: // æ
		return 889
	case 0xF8: // ø
		return 611
	case 0xE5: // å
		return 556
	case 0xC6: // Æ
		return 1000
	case 0xD8: // Ø
		return 778
	case 0xC5: // Å
		return 667
	}
	if c >= 32 && c < 127 {
		return helvetica[c-32]
	}
	return 556
}
