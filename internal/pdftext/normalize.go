package pdftext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the Latin ligature characters and their letters: words
// are searched for by their letters.
var ligatures = map[rune]string{
	0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
}

const softHyphen = '\u00AD'

// normalizeGlyphText cleans the text of one glyph: ligatures become their
// letters, the Unicode hyphens U+2010 and U+2011 become "-", every kind of
// space becomes " ", and what is not text (controls, zero-width
// characters, U+FFFD for unknown codes) is dropped. Soft hyphens stay for
// now: what they mean depends on where the line ends (see joinLines).
func normalizeGlyphText(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case ligatures[r] != "":
			b.WriteString(ligatures[r])
		case r == 0x2010 || r == 0x2011:
			b.WriteByte('-')
		case r == '\t' || r == 0xA0 || r == 0x202F || r == 0x205F || r == 0x3000 || r >= 0x2000 && r <= 0x200A:
			b.WriteByte(' ')
		case r == softHyphen:
			b.WriteRune(r)
		case unicode.IsControl(r), r == unicode.ReplacementChar, r == 0xFEFF, r == 0x2060,
			r >= 0x200B && r <= 0x200D:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isSpaceText reports whether a glyph's text is only spaces.
func isSpaceText(s string) bool { return s != "" && strings.Trim(s, " ") == "" }

// finishPage puts a laid-out page in NFC, so that an å drawn as a + ring
// compares equal to a precomposed å, and turns the soft hyphens that
// joinLines left inside lines into "-": there, a soft hyphen is a hyphen
// that a producer encoded oddly (Google Docs writes "WS-2016-01" as
// "WS\u00AD2016\u00AD01"); pdftotext keeps it as U+00AD.
func finishPage(s string) string {
	return norm.NFC.String(strings.ReplaceAll(s, string(softHyphen), "-"))
}
