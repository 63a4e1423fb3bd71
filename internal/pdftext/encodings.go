package pdftext

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// winAnsiNames are the glyph names of WinAnsiEncoding for codes 0x20–0xFF
// ("-" where the code has no glyph), from PDF 32000-1:2008, Annex D. With
// the code's character in Windows-1252 they give the glyph-name table for
// the Latin letters Norwegian needs.
var winAnsiNames = strings.Fields(`
space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash
zero one two three four five six seven eight nine colon semicolon less equal greater question
at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde -
Euro - quotesinglbase florin quotedblbase ellipsis dagger daggerdbl circumflex perthousand Scaron guilsinglleft OE - Zcaron -
- quoteleft quoteright quotedblleft quotedblright bullet endash emdash tilde trademark scaron guilsinglright oe - zcaron Ydieresis
space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron
degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown
Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis
Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls
agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis
eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis`)

// moreGlyphs are names outside WinAnsiEncoding met in StandardEncoding,
// TeX fonts and /Differences arrays. Ligatures map to their letters.
var moreGlyphs = map[string]string{
	"ff": "ff", "fi": "fi", "fl": "fl", "ffi": "ffi", "ffl": "ffl",
	"dotlessi": "ı", "dotlessj": "ȷ", "Lslash": "Ł", "lslash": "ł", "fraction": "⁄",
	"breve": "˘", "dotaccent": "˙", "ring": "˚", "hungarumlaut": "˝", "ogonek": "˛", "caron": "ˇ",
	"minus": "−", "nbspace": "\u00a0", "sfthyphen": "\u00ad", "openbullet": "◦",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "alpha": "α", "beta": "β", "gamma": "γ",
	"delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
	"upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
}

// standardHigh are StandardEncoding's names above 0x7E; below, it is
// WinAnsi's ASCII except for the quotes at 0x27 and 0x60.
var standardHigh = map[byte]string{
	0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "fraction", 0xA5: "yen", 0xA6: "florin",
	0xA7: "section", 0xA8: "currency", 0xA9: "quotesingle", 0xAA: "quotedblleft", 0xAB: "guillemotleft",
	0xAC: "guilsinglleft", 0xAD: "guilsinglright", 0xAE: "fi", 0xAF: "fl", 0xB1: "endash", 0xB2: "dagger",
	0xB3: "daggerdbl", 0xB4: "periodcentered", 0xB6: "paragraph", 0xB7: "bullet", 0xB8: "quotesinglbase",
	0xB9: "quotedblbase", 0xBA: "quotedblright", 0xBB: "guillemotright", 0xBC: "ellipsis", 0xBD: "perthousand",
	0xBF: "questiondown", 0xC1: "grave", 0xC2: "acute", 0xC3: "circumflex", 0xC4: "tilde", 0xC5: "macron",
	0xC6: "breve", 0xC7: "dotaccent", 0xC8: "dieresis", 0xCA: "ring", 0xCB: "cedilla", 0xCD: "hungarumlaut",
	0xCE: "ogonek", 0xCF: "caron", 0xD0: "emdash", 0xE1: "AE", 0xE3: "ordfeminine", 0xE8: "Lslash",
	0xE9: "Oslash", 0xEA: "OE", 0xEB: "ordmasculine", 0xF1: "ae", 0xF5: "dotlessi", 0xF8: "lslash",
	0xF9: "oslash", 0xFA: "oe", 0xFB: "germandbls",
}

// The Symbol font's built-in encoding, codes 0x20–0x7E and 0xA0–0xFF
// (NUL where there is no glyph), with the Unicode values of the Adobe
// Glyph List (so Delta is U+2206 and mu U+00B5, as poppler has them).
const (
	symbolLow  = " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧ∆ΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_\x00αβχδεφγηιϕκλµνοπθρστυϖωξψζ{|}∼"
	symbolHigh = "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪\x00〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭\x00"
)

// encoding maps the 256 codes of a simple font to text.
type encoding [256]string

// The base encodings, built once.
var (
	glyphNames = map[string]string{}
	winAnsi    encoding
	macRoman   encoding
	standard   encoding
	symbol     encoding
	dingbats   encoding // ZapfDingbats: pictures, no text but the space
)

func init() {
	for i, name := range winAnsiNames {
		code := byte(0x20 + i)
		if name == "-" {
			continue
		}
		text := string(charmap.Windows1252.DecodeByte(code))
		winAnsi[code] = text
		if _, ok := glyphNames[name]; !ok { // space and hyphen come twice
			glyphNames[name] = text
		}
	}
	for name, text := range moreGlyphs {
		glyphNames[name] = text
	}
	for c := 0x20; c < 0x100; c++ {
		if r := charmap.Macintosh.DecodeByte(byte(c)); r != utf8.RuneError && c != 0x7F {
			macRoman[c] = string(r)
		}
	}
	for c := 0x20; c < 0x7F; c++ {
		standard[c] = winAnsi[c]
	}
	standard['\''], standard['`'] = "’", "‘"
	for c, name := range standardHigh {
		standard[c] = glyphNames[name]
	}
	fillSymbol(0x20, symbolLow)
	fillSymbol(0xA0, symbolHigh)
	dingbats[' '] = " "
}

func fillSymbol(first int, chars string) {
	c := first
	for _, r := range chars {
		if r != 0 {
			symbol[c] = string(r)
		}
		c++
	}
}

// glyphText returns the text of a glyph name: from the tables, from the
// name's form (uniXXXX, uXXXX[XX], f_f_i ligatures, a.sc variants), or ""
// when the name says nothing (g42, cid123, …).
func glyphText(name string) string {
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if base, _, ok := strings.Cut(name, "."); ok && base != "" {
		return glyphText(base)
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for part := range strings.SplitSeq(name, "_") {
			t := glyphText(part)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if hex, ok := strings.CutPrefix(name, "uni"); ok && len(hex) >= 4 && len(hex)%4 == 0 {
		var b strings.Builder
		for i := 0; i < len(hex); i += 4 {
			r, err := strconv.ParseUint(hex[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(r))
		}
		return b.String()
	}
	if hex, ok := strings.CutPrefix(name, "u"); ok && len(hex) >= 4 && len(hex) <= 6 {
		if r, err := strconv.ParseUint(hex, 16, 32); err == nil && utf8.ValidRune(rune(r)) {
			return string(rune(r))
		}
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name
	}
	return ""
}

// Widths of the standard 14 fonts, for the few PDFs that use them without
// /Widths (allowed before PDF 1.5). Only ASCII (32–126) is listed, in
// thousandths of an em, from Adobe's AFM files; other codes get the
// font's typical width. Bold and italic faces use the regular widths:
// these only place glyphs drawn in one string, so near is good enough.
var (
	helveticaWidths = [95]int16{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
		333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584}
	timesWidths = [95]int16{
		250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
		921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
		556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
		333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
		500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541}
)

// standardWidths fills w (in ems) for a font without /Widths, by its name.
func standardWidths(baseFont string, w *[256]float64) {
	table, other := &helveticaWidths, 556.0
	switch {
	case strings.Contains(baseFont, "Courier"):
		table, other = nil, 600
	case strings.Contains(baseFont, "Times"):
		table, other = &timesWidths, 500
	case strings.Contains(baseFont, "Symbol"), strings.Contains(baseFont, "Dingbats"):
		table, other = nil, 600
	}
	for c := range w {
		w[c] = other / 1000
		if table != nil && c >= 32 && c < 127 {
			w[c] = float64(table[c-32]) / 1000
		}
	}
}
