package documents

import (
	"bytes"
	"mime"
	"net/http"
	"slices"
	"strings"
)

// accepted maps the media types innsyn stores to what their first bytes
// must sniff as (net/http's DetectContentType, or a magic number), and the
// Noark 5 format name.
var accepted = map[string]struct {
	sniff  func(head []byte) bool
	format string
}{
	"application/pdf": {func(h []byte) bool { return bytes.HasPrefix(h, []byte("%PDF-")) }, "PDF"},
	"text/plain":      {sniffsAs("text/plain"), "TXT"},
	"text/xml":        {sniffsAs("text/xml"), "XML"},
	"application/xml": {sniffsAs("text/xml"), "XML"},
	"image/png":       {sniffsAs("image/png"), "PNG"},
	"image/jpeg":      {sniffsAs("image/jpeg"), "JPEG"},
	"image/tiff": {func(h []byte) bool {
		return bytes.HasPrefix(h, []byte("II*\x00")) || bytes.HasPrefix(h, []byte("MM\x00*"))
	}, "TIFF"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {sniffsAs("application/zip"), "DOCX"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {sniffsAs("application/zip"), "XLSX"},
	"application/vnd.oasis.opendocument.text":                                 {sniffsAs("application/zip"), "ODT"},
}

func sniffsAs(want string) func([]byte) bool {
	return func(head []byte) bool {
		got, _, _ := mime.ParseMediaType(http.DetectContentType(head))
		return got == want
	}
}

// AcceptedTypes lists the media types innsyn stores, sorted.
func AcceptedTypes() []string {
	out := make([]string, 0, len(accepted))
	for t := range accepted {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// mediaType decides the file's media type from what the client declared
// and the file's first bytes: a declared type must be accepted and match
// the content; with none (or application/octet-stream) the sniffed type is
// used if it is accepted. ok is false otherwise.
func mediaType(declared string, head []byte) (mediaType, format string, ok bool) {
	declared, _, _ = mime.ParseMediaType(strings.TrimSpace(declared))
	if declared == "" || declared == "application/octet-stream" {
		for t, a := range accepted {
			if t != "application/xml" && a.sniff(head) && !strings.Contains(t, "officedocument") && !strings.Contains(t, "opendocument") {
				return t, a.format, true
			}
		}
		return "", "", false
	}
	a, known := accepted[declared]
	if !known || !a.sniff(head) {
		return "", "", false
	}
	return declared, a.format, true
}
