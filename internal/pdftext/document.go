package pdftext

import (
	"bytes"
	"errors"
	"strings"

	"github.com/ledongthuc/pdf"
)

// extractDocument is the child's work on the whole file: open it, walk the
// page tree and extract the text of at most maxPages pages, keeping at most
// maxText bytes. A file whose structure is damaged is repaired (see
// repair.go) and read again.
func extractDocument(data []byte, maxPages, maxText int) childResult {
	size := relaxStructure(data)
	res := extractFrom(data, size, maxPages, maxText)
	if res.Status != StatusFailed || res.Detail != detailCorrupt && res.Detail != detailNoPages {
		return res
	}
	fixed, ok := repairXref(fromHeader(data[:size]))
	if !ok {
		return res
	}
	again := extractFrom(fixed, int64(len(fixed)), maxPages, maxText)
	switch again.Status {
	case StatusOK:
		if again.Detail == "" {
			again.Detail = detailRepaired
		}
		return again
	case StatusEncrypted:
		return again
	}
	// No text even after repair: a damaged file, not a valid one without
	// a text layer.
	return res
}

// extractFrom reads a file whose cross-reference data the library can be
// trusted with, or says it is corrupt.
func extractFrom(data []byte, size int64, maxPages, maxText int) (res childResult) {
	defer func() {
		if recover() != nil {
			res = childResult{Status: StatusFailed, Detail: detailCorrupt}
		}
	}()
	if !xrefLooksSane(data, size) {
		return childResult{Status: StatusFailed, Detail: detailCorrupt}
	}
	r, res, ok := openDocument(data, size)
	if !ok {
		return res
	}
	return readPages(r, maxPages, maxText)
}

// readPages extracts the text of the pages of an open document.
func readPages(r *pdf.Reader, maxPages, maxText int) childResult {
	fonts := newFontCache()
	var (
		text      strings.Builder
		pages     int
		broken    int // pages whose content stream could not be read to its end
		cutDetail string
	)
	glyphHint := 256 // pages of a document are alike: size each like the last
	walkErr := walkPages(r, maxPages, func(p pageRef) bool {
		t, n, err := pageText(p, fonts, glyphHint)
		glyphHint = min(max(n, 256), maxGlyphsPerPage)
		if err != nil {
			broken++
		}
		if pages > 0 {
			text.WriteByte('\f')
		}
		text.WriteString(t)
		pages++
		if text.Len() > maxText {
			cutDetail = detailTextCut
			return false
		}
		return true
	})
	if errors.Is(walkErr, errMorePages) {
		cutDetail = detailPagesCut
	}
	switch {
	case pages == 0 && walkErr != nil && !errors.Is(walkErr, errMorePages):
		return childResult{Status: StatusFailed, Detail: detailCorrupt}
	case pages == 0:
		return childResult{Status: StatusFailed, Detail: detailNoPages}
	}
	out := cutText(text.String(), maxText)
	if strings.TrimSpace(strings.ReplaceAll(out, "\f", "")) == "" {
		if broken > 0 {
			return childResult{Status: StatusFailed, Pages: pages, Detail: detailCorrupt}
		}
		return childResult{Status: StatusNoText, Pages: pages}
	}
	return childResult{Status: StatusOK, Text: out, Pages: pages, Detail: cutDetail}
}

// openDocument opens data with the library. ok is false when res says
// why it cannot be read.
func openDocument(data []byte, size int64) (r *pdf.Reader, res childResult, ok bool) {
	r, err := openReader(data, size)
	if err == nil {
		return r, childResult{}, true
	}
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, childResult{Status: StatusEncrypted, Detail: detailPassword}, false
	}
	if isEncryptionError(err) {
		r, err = openAESV3(data, size)
		switch {
		case err == nil:
			return r, childResult{}, true
		case errors.Is(err, pdf.ErrInvalidPassword):
			return nil, childResult{Status: StatusEncrypted, Detail: detailPassword}, false
		default:
			return nil, childResult{Status: StatusEncrypted, Detail: detailUnsupEnc}, false
		}
	}
	return nil, childResult{Status: StatusFailed, Detail: detailCorrupt}, false
}

// openReader opens the PDF, trying the empty user password: the library
// tries it itself first, and a callback returning "" tells it to stop there.
func openReader(data []byte, size int64) (*pdf.Reader, error) {
	return pdf.NewReaderEncrypted(bytes.NewReader(data), size, func() string { return "" })
}

// isEncryptionError reports whether the library refused the file because of
// its encryption (as opposed to the file being corrupt). The library has no
// error values for these, so its messages are matched.
func isEncryptionError(err error) bool {
	return strings.Contains(err.Error(), "encryption")
}

// fromHeader returns data from its "%PDF-" header on, for a repair, which
// recomputes every offset: bytes before the header (a byte-order mark, the
// headers of a mail or an HTTP response) make the library refuse a file.
func fromHeader(data []byte) []byte {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 {
		data = data[i:]
		relaxStructure(data)
	}
	return data
}

// relaxStructure fixes, in place, two things the library rejects although
// other readers accept them, and returns the size to give the library:
// a header whose version is not 1.0–1.7 or is not followed by an end of
// line ("%PDF-1.3 \n" from ImageMagick, "%PDF-2.0"), and bytes after the
// last %%EOF (padding added by mail or upload tools). The header line is
// never parsed as PDF syntax, so rewriting it changes nothing else.
func relaxStructure(data []byte) int64 {
	if len(data) >= 9 && bytes.HasPrefix(data, []byte("%PDF-")) {
		if !(data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7') {
			copy(data[5:8], "1.7")
		}
		if data[8] != '\r' && data[8] != '\n' {
			data[8] = '\n'
		}
	}
	tail := data[max(0, len(data)-64<<10):]
	if i := bytes.LastIndex(tail, []byte("%%EOF")); i >= 0 {
		return int64(len(data) - len(tail) + i + len("%%EOF"))
	}
	return int64(len(data))
}

// pageText extracts and lays out the text of one page. A page whose
// content cannot be read to its end (a panic in the parser, which signals
// errors that way) keeps the text read before the trouble, and err says so.
func pageText(p pageRef, fonts *fontCache, glyphHint int) (text string, glyphs int, err error) {
	in := newInterp(fonts)
	in.glyphs = make([]glyph, 0, glyphHint)
	defer func() {
		if x := recover(); x != nil {
			err = errors.New("page content unreadable")
			text, glyphs = layoutPage(in.glyphs), len(in.glyphs)
		}
	}()
	in.run(p.v.Key("Contents"), p.resources)
	in.drawAnnotations(p.v.Key("Annots"), p.resources)
	if in.cut {
		err = errStreamCut
	}
	return layoutPage(in.glyphs), len(in.glyphs), err
}
