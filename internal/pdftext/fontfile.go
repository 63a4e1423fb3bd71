package pdftext

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// maxType1Header bounds what is read of an embedded Type1 font program:
// its encoding is in the clear-text part at the start.
const maxType1Header = 64 << 10

// type1Entry is one "dup <code> /<glyph> put" of a Type1 font's encoding.
var type1Entry = regexp.MustCompile(`dup\s+(\d+)\s*/([^\s/\[\]{}()<>%]+)\s+put`)

// type1Encoding reads the built-in encoding of an embedded Type1 font
// (/FontFile), which is what a Type1 font without /Encoding uses. TeX
// fonts need it: their ligatures and quotes sit at codes that mean other
// things, or nothing, in StandardEncoding.
func type1Encoding(fontFile pdf.Value) (e encoding, ok bool) {
	if fontFile.Kind() != pdf.Stream {
		return e, false
	}
	defer func() {
		if recover() != nil { // an unreadable font program: use the standard encoding
			ok = false
		}
	}()
	n := fontFile.Key("Length1").Int64()
	if n <= 0 || n > maxType1Header {
		n = maxType1Header
	}
	rc := fontFile.Reader()
	defer rc.Close()
	head, _ := io.ReadAll(io.LimitReader(rc, n))
	s := string(head)
	i := strings.Index(s, "/Encoding")
	if i < 0 {
		return e, false
	}
	s = s[i:]
	if strings.HasPrefix(s, "/Encoding StandardEncoding") {
		return standard, true
	}
	if end := strings.Index(s, "readonly def"); end >= 0 {
		s = s[:end]
	}
	for _, m := range type1Entry.FindAllStringSubmatch(s, 256) {
		code, err := strconv.Atoi(m[1])
		if err == nil && code >= 0 && code < 256 {
			e[code] = glyphText(m[2])
			ok = true
		}
	}
	return e, ok
}
