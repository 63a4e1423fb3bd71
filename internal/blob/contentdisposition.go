package blob

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ContentDisposition builds a Content-Disposition value (RFC 6266) for
// disposition ("attachment" or "inline"; anything else becomes
// "attachment") and filename. It gives an ASCII filename="…" for old
// clients and, when that had to differ from the real name, filename*=UTF-8”…
// (RFC 8187) carrying the real one (also when the name holds a '%'):
//
//	attachment; filename="Soknad om loyve.pdf"; filename*=UTF-8''S%C3%B8knad%20om%20l%C3%B8yve.pdf
//
// Control characters are dropped from both; an empty name gives the bare
// disposition. The streaming download and presigned URLs share it so that a
// document saves under the same name either way.
func ContentDisposition(disposition, filename string) string {
	if disposition != "inline" {
		disposition = "attachment"
	}
	name := cleanFilename(filename)
	if name == "" {
		return disposition
	}
	fallback := asciiFallback(name)
	var b strings.Builder
	b.WriteString(disposition)
	if fallback != "" {
		b.WriteString(`; filename="` + fallback + `"`)
	}
	// RFC 6266 appendix D: some clients percent-decode filename, so a name
	// with '%' gets the unambiguous filename* too.
	if fallback != name || strings.Contains(name, "%") {
		b.WriteString("; filename*=UTF-8''" + encodeExtValue(name))
	}
	return b.String()
}

// cleanFilename drops control characters and replaces invalid UTF-8, which
// filename* could otherwise not honestly label as UTF-8.
func cleanFilename(s string) string {
	s = strings.ToValidUTF8(s, "_")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// transliterations are the Norwegian letters with a customary ASCII
// spelling; other non-ASCII letters become "_".
var transliterations = map[rune]string{
	'æ': "ae", 'ø': "o", 'å': "a",
	'Æ': "AE", 'Ø': "O", 'Å': "A",
}

// asciiFallback makes the quoted-string filename: printable ASCII without
// '"' and '\', which quoted-string would need escaped and which browsers
// unescape inconsistently.
func asciiFallback(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '"' || r == '\\':
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark, as in a decomposed "å" (a + U+030A): the base
			// letter is already written, which is the transliteration.
		case transliterations[r] != "":
			b.WriteString(transliterations[r])
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// encodeExtValue percent-encodes s as an RFC 8187 value-chars: every byte
// that is not an attr-char becomes %XX.
func encodeExtValue(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0x0f])
	}
	return b.String()
}

// isAttrChar reports RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" /
// "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
func isAttrChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
